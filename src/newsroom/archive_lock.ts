/**
 * Locking an item for editing (Superdesk's `ItemLock`): one user in one session holds the lock;
 * taking it is a compare-and-set on the item's etag, so of two racing clients exactly one wins
 * and the other gets Superdesk's 403. Unlocking is for the holder, or for whoever has `archive`
 * and `unlock`; a never-saved draft is deleted instead. Before the lock ends, item hooks run
 * (the content model saves the holder's autosave into the item, or discards it). Pushes `item:lock` and `item:unlock`.
 */
import { BadRequestError, ForbiddenError, UnauthorizedError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { pushContentUpdate, taskOf } from "./content_events.ts";
import { ARCHIVE_PRIVILEGE, UNLOCK_PRIVILEGE } from "./privileges.ts";
import type { DesksService } from "./desks_service.ts";

/** Compare-and-set attempts before a lock request gives up as contended. */
const ATTEMPTS = 5;

/** What an unlock did: the item unlocked, or the never-saved draft deleted. */
export interface UnlockResult {
  item: Doc;
  deleted: boolean;
}

/** Locks item `id` for `actor`'s session; returns the locked item. */
export async function lockItem(
  archive: ArchiveService,
  id: string,
  { actor, action = "edit" }: { actor: Actor; action?: string },
): Promise<Doc> {
  const { userId, sessionId } = sessionOf(actor);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const item = await archive.getById(id, actor);
    await assertCanEdit(archive, item, actor);
    if (item.lock_user && !(await archive.isLockStale(item))) {
      if (item.lock_user === userId && item.lock_session !== sessionId) {
        throw new ForbiddenError("Item is locked by you in another session.");
      }
      if (item.lock_user !== userId) throw new ForbiddenError("Item is locked by another user.");
    }
    const lockTime = new Date();
    const stored = await archive.writeUnversioned(item, {
      lock_user: userId,
      lock_session: sessionId,
      lock_time: lockTime,
      lock_action: action,
      task: { ...(item.task as Doc ?? {}), user: userId },
    });
    if (!stored) continue;
    await archive.notify("item:lock", {
      item: String(item._id),
      item_version: String(item._current_version),
      user: userId,
      lock_time: lockTime.toISOString(),
      lock_session: sessionId,
      _etag: stored._etag,
    });
    await archive.signals.emit("item:locked", { item: stored, user: userId });
    return stored;
  }
  throw new ForbiddenError("Item is locked by another user.");
}

/** Unlocks item `id` (Superdesk's rules and messages). */
export async function unlockItem(
  archive: ArchiveService,
  id: string,
  { actor }: { actor: Actor },
): Promise<UnlockResult> {
  const { userId, sessionId } = sessionOf(actor);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const item = await archive.getById(id, actor);
    if (!item.lock_user) throw new BadRequestError("Item is not locked.");
    await assertCanEdit(archive, item, actor);
    const mayForce = hasPrivilege(actor, ARCHIVE_PRIVILEGE) &&
      hasPrivilege(actor, UNLOCK_PRIVILEGE);
    if (item.lock_user !== userId && !mayForce) {
      throw new ForbiddenError("You don't have permissions to unlock an item.");
    }
    const result = await releaseLock(archive, item, { userId, sessionId });
    if (result) return result;
  }
  throw new ForbiddenError("Item is locked by another user.");
}

/**
 * Clears `item`'s lock, or deletes it when it is a never-saved draft, and announces it; null
 * when the item changed meanwhile (the caller re-reads and retries).
 */
export async function releaseLock(
  archive: ArchiveService,
  item: Doc,
  { userId, sessionId }: { userId: string; sessionId: string },
): Promise<UnlockResult | null> {
  const unsaved = Number(item._current_version ?? 0) === 0 && item.state === "draft";
  await archive.hooks.beforeUnlock(item, { deleting: unsaved });
  let result: UnlockResult;
  if (unsaved) {
    if (!(await archive.deleteIfUnchanged(item))) return null;
    await pushContentUpdate(archive.notify, userId, [item]);
    result = { item, deleted: true };
  } else {
    const unlocked = { lock_user: null, lock_session: null, lock_time: null, lock_action: null };
    const stored = await archive.writeUnversioned(item, unlocked);
    if (!stored) return null;
    result = { item: stored, deleted: false };
  }
  await archive.notify("item:unlock", {
    item: String(item._id),
    item_version: String(item._current_version),
    state: result.item.state,
    user: userId,
    lock_session: sessionId,
    _etag: result.deleted ? null : result.item._etag,
  });
  if (!result.deleted) {
    await archive.signals.emit("item:unlocked", { item: result.item, user: userId });
  }
  return result;
}

/**
 * Superdesk's `can_edit`: the `archive` privilege, and membership of the item's desk, or for a
 * personal item being one of its owners (`archive_visibility.ts`); a personal item nobody owns
 * (written by the system) is for whoever may open it.
 */
export async function assertCanEdit(archive: ArchiveService, item: Doc, actor: Actor) {
  if (actor.kind === "system") return;
  if (!hasPrivilege(actor, ARCHIVE_PRIVILEGE)) {
    throw new ForbiddenError("User does not have sufficient permissions.");
  }
  const task = taskOf(item);
  if (task.desk) {
    const desks = archive.registry.service<DesksService>("desks");
    if (!(await desks.isMember(actor.userId, task.desk))) {
      throw new ForbiddenError("User is not a member of the desk.");
    }
    return;
  }
  const owners = [task.user, item.original_creator, item.version_creator].filter((id) => id);
  if (owners.length > 0 && !owners.includes(actor.userId)) {
    throw new ForbiddenError("Item belongs to another user.");
  }
}

function sessionOf(actor: Actor): { userId: string; sessionId: string } {
  if (!actor.userId || !actor.sessionId) {
    throw new UnauthorizedError("Please provide proper credentials", { issues: { auth: 1 } });
  }
  return { userId: actor.userId, sessionId: actor.sessionId };
}
