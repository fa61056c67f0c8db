/**
 * An item's `associations` (media and related items embedded in it, Superdesk's
 * `update_associations` and `_set_association_timestamps`): search hits' `_type` is dropped, and
 * each association carries the time it was last set; an association naming a stored item by
 * `_id` holds that item's current copy (what the caller may see of it) under the client's
 * changes.
 */
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";

/** Prepares the associations of a new item (in place). */
export function newAssociations(doc: Doc, now: Date): void {
  for (const association of associationsOf(doc)) {
    delete association._type;
    association._updated = now;
    association._created = now;
  }
}

/** Prepares the associations an edit sets (in place). */
export async function editedAssociations(
  archive: ArchiveService,
  updates: Doc,
  { actor, now }: { actor: Actor; now: Date },
): Promise<void> {
  const associations = updates.associations;
  if (!associations || typeof associations !== "object") return;
  for (const [name, value] of Object.entries(associations as Doc)) {
    if (!value || typeof value !== "object") continue;
    const association = value as Doc;
    delete association._type;
    if (typeof association._id !== "string") continue;
    const stored = await archive.findOne({ _id: association._id }, actor);
    if (!stored) continue;
    const { _etag, _links, _created, ...item } = archive.toPublic(stored);
    delete association._created;
    (associations as Doc)[name] = { ...item, ...association, _updated: now };
  }
}

function associationsOf(doc: Doc): Doc[] {
  const associations = doc.associations;
  if (!associations || typeof associations !== "object") return [];
  return Object.values(associations as Doc).filter((value): value is Doc =>
    value !== null && typeof value === "object"
  );
}
