/**
 * Who may autosave an item (Superdesk's `ItemAutosave.autosave`): whoever may edit it (`can_edit`:
 * desk membership, or ownership of a personal item), unless another user, or the same user in
 * another session, holds its lock. An autosave belongs to its author (`version_creator`); it
 * becomes an edit only as its author's, when their own lock ends (`autosaveChanges`).
 */
import { ForbiddenError } from "../errors.ts";
import { assertCanEdit } from "../newsroom/archive_lock.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { SERVER_FIELDS } from "../newsroom/archive_resource.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";

/** Workflow and identity fields an autosave never carries back into the item. */
const NOT_CONTENT = new Set([
  ...SERVER_FIELDS,
  "guid",
  "state",
  "task",
  "versioncreated",
  "firstcreated",
  "version",
  "type",
  "family_id",
  "event_id",
  "unique_id",
]);

/** 403 when `actor` may not autosave `item` (404s are the caller's: it read the item). */
export async function assertMayAutosave(
  archive: ArchiveService,
  item: Doc,
  actor: Actor,
): Promise<void> {
  if (actor.kind !== "user") return;
  await assertCanEdit(archive, item, actor);
  // The holder's own session is live (it just authenticated): no need to read it.
  if (item.lock_user === actor.userId && item.lock_session === actor.sessionId) return;
  if (!item.lock_user || await archive.isLockStale(item)) return;
  if (item.lock_user !== actor.userId) {
    throw new ForbiddenError("The item was locked by another user");
  }
  if (item.lock_session !== actor.sessionId) {
    throw new ForbiddenError("The item is locked by you in another session");
  }
}

/** The content fields where `autosave` differs from `item`: the edit it stands for. */
export function autosaveChanges(autosave: Doc, item: Doc): Doc {
  const changes: Doc = {};
  for (const [key, value] of Object.entries(autosave)) {
    if (key.startsWith("_") || NOT_CONTENT.has(key)) continue;
    if (JSON.stringify(value) !== JSON.stringify(item[key])) changes[key] = value;
  }
  return changes;
}
