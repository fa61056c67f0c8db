/**
 * An item's related items (Superdesk's `archive_related`, `apps/archive/related.py`): the other
 * items of its family (`family_id`) in a workflow or published state, newest change first, for a
 * caller who may read the item; as Superdesk's, the family is not filtered further by the
 * caller's desks (drafts, the personal space's, are not listed). 404 when the item is unknown or
 * has no family.
 */
import { NotFoundError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";

/** The states Superdesk lists (its `elastic_filter`). */
const RELATED_STATES = [
  "ingested",
  "routed",
  "fetched",
  "submitted",
  "in_progress",
  "published",
  "corrected",
  "scheduled",
  "killed",
  "recalled",
  "unpublished",
];

/** Most related items answered (a family is a story's updates and translations: a few). */
const LIMIT = 200;

/** The items related to archive item `id`. */
export async function relatedItems(ctx: ServiceContext, id: string, actor: Actor): Promise<Doc[]> {
  const archive = ctx.registry.service<ArchiveService>("archive");
  const item = await archive.findOne({ _id: id }, actor);
  if (!item?.family_id) throw new NotFoundError(`Failed to find item with guid: ${id}`);
  const related = await ctx.documents.collection(archive.definition.datasource.source).find(
    { family_id: item.family_id, state: { $in: RELATED_STATES }, _id: { $ne: id } },
    { sort: [["_updated", -1]], limit: LIMIT },
  );
  return related.map((doc) => archive.toPublic(doc));
}
