/**
 * What a duplicate is made of (Superdesk's `ArchiveDuplicationService.create`): archive item
 * `id`, or with `type: archived` the newest archived copy of the story `item_id` (a story that
 * left production) the caller may see. A copy from `archived` loses the fields only published
 * copies have (those of the `archived` schema that `archive` lacks, Superdesk's
 * `remove_after_copy`), and the duplicate names the story (`item_id`) as its original, as
 * Superdesk's `duplicate_item`.
 */
import { NotFoundError, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";

/** What is read of `archived` (its service, `publish/archived_service.ts`). */
interface ArchivedCopies extends ResourceService {
  latestCopy(itemId: string, actor?: Actor): Promise<Doc | null>;
}

/** The item to copy and the id the copy names as its original. */
export interface DuplicateSource {
  source: Doc;
  originalId: string;
}

/** Reads the item `body` asks to duplicate (`id` the item of the request's URL). */
export async function duplicateSource(
  registry: ResourceRegistry,
  id: string,
  { body, actor }: { body: Doc; actor: Actor },
): Promise<DuplicateSource> {
  if (body.type !== "archived") {
    const source = await registry.service("archive").findOne({ _id: id }, actor);
    if (!source) throw new NotFoundError(`Failed to find item with guid: ${id}`);
    return { source, originalId: String(source._id) };
  }
  if (typeof body.item_id !== "string" || body.item_id === "") {
    throw new ValidationError({ item_id: "required field" });
  }
  const archived = registry.service<ArchivedCopies>("archived");
  // Read as the caller: a copy on a stage hidden from them is not found.
  const copy = await archived.latestCopy(body.item_id, actor);
  if (!copy) throw new NotFoundError(`Failed to find item with guid: ${id}`);
  const own = new Set(Object.keys(registry.service("archive").definition.schema.properties));
  const source: Doc = { ...copy };
  for (const field of Object.keys(archived.definition.schema.properties)) {
    if (!own.has(field) && !field.startsWith("_")) delete source[field];
  }
  return { source, originalId: body.item_id };
}
