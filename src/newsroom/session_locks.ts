/**
 * Releasing the locks of a session that ended (Superdesk's `ItemLock.on_session_end`): logout
 * and session expiry unlock every item the session held, deleting never-saved drafts, with the
 * usual `item:unlock` events. Until the sessions service calls this, such locks are also
 * treated as free by lock and edit checks (`ArchiveService.isLockStale`). A deleted user's
 * locks and never-saved personal drafts go too (Superdesk's `__clear_locked_items`).
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { releaseLock } from "./archive_lock.ts";
import type { ArchiveService } from "./archive_service.ts";

/** Attempts per item before it is left for the next release (it changed concurrently). */
const ATTEMPTS = 5;

/** Unlocks everything session `sessionId` of `userId` had locked; returns how many items. */
export async function releaseSessionLocks(
  registry: ResourceRegistry,
  { sessionId, userId }: { sessionId: string; userId: string },
): Promise<number> {
  const archive = registry.service<ArchiveService>("archive");
  let released = 0;
  for (const locked of await archive.lockedBySession(sessionId)) {
    let item = locked;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      if (await releaseLock(archive, item, { userId, sessionId })) {
        released++;
        break;
      }
      const fresh = (await archive.lockedBySession(sessionId)).find((doc) => doc._id === item._id);
      if (!fresh) break;
      item = fresh;
    }
  }
  return released;
}

/** Unlocks what disabled user `userId` held and removes their never-saved personal drafts. */
export async function releaseUserItems(
  registry: ResourceRegistry,
  userId: string,
): Promise<void> {
  const archive = registry.service<ArchiveService>("archive");
  for (const item of await archive.heldBy(userId)) {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = await archive.findOne({ _id: item._id });
      if (!current) break;
      const unsaved = Number(current._current_version ?? 0) === 0 && current.state === "draft";
      if (unsaved) {
        if (await archive.deleteIfUnchanged(current)) break;
        continue;
      }
      if (current.lock_user !== userId) break;
      const session = String(current.lock_session ?? "");
      if (await releaseLock(archive, current, { userId, sessionId: session })) break;
    }
  }
}
