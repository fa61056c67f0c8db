/**
 * Which stored documents belong in a resource's index: those of its collection that pass its
 * datasource filter (several resources may share one collection). Soft-deleted documents are
 * indexed too, with `_deleted`, exactly as the write path leaves them.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { Filter } from "../storage/document_store.ts";

/** `filter` limited to the documents of `definition`'s index. */
export function storeScope(definition: ResourceDefinition, filter: Filter = {}): Filter {
  const parts = [definition.datasource.filter, filter].filter((part): part is Filter =>
    !!part && Object.keys(part).length > 0
  );
  if (parts.length === 0) return {};
  return parts.length === 1 ? parts[0]! : { $and: parts };
}
