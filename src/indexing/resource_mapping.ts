/**
 * The search mapping of a resource, derived from its definition: the schema's fields (with the
 * definition's `searchFields` hints), the meta fields, and the server-owned fields that list
 * filters use (`_current_version`, `_deleted`), so scope filters translate to real conditions.
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type IndexMapping, mappingFromSchema, withMetaFields } from "../search/mapping.ts";

/**
 * Mappings already derived, per definition object (never changed: `app.itemField` replaces a
 * service's definition with a new one, at start).
 */
const derived = new WeakMap<ResourceDefinition, IndexMapping>();

/** The index mapping of `definition` (derived once, then shared: do not mutate it). */
export function resourceMapping(definition: ResourceDefinition): IndexMapping {
  const cached = derived.get(definition);
  if (cached) return cached;
  const mapping = withMetaFields(
    mappingFromSchema(definition.schema as Record<string, unknown>, {
      searchFields: definition.searchFields,
    }),
  );
  if (definition.versioning) mapping.properties._current_version = { type: "long" };
  if (definition.softDelete) mapping.properties._deleted = { type: "boolean" };
  derived.set(definition, mapping);
  return mapping;
}

/** Every registered search-backed definition, or the one named (Error when it is not one). */
export function searchBackedDefinitions(
  registry: ResourceRegistry,
  name?: string,
): ResourceDefinition[] {
  const all = registry.definitions().filter((definition) => definition.searchBacked);
  if (name === undefined) return all;
  const found = all.find((definition) => definition.name === name);
  if (!found) {
    const names = all.map((definition) => definition.name).join(", ") || "none";
    throw new Error(`"${name}" is not a search-backed resource (search-backed: ${names})`);
  }
  return [found];
}
