/**
 * Locking of rundowns and their items (Superdesk's `resource_locking`, resources with
 * `locking = True`): `_lock_action` `lock` or `force-lock` locks the document to the caller's
 * session for four hours, `unlock` frees it. While locked (and not expired) only that session may
 * change it, unless it force-locks; anyone else gets a 412. System writes are not checked.
 */
import { AbortError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";

/** How long a lock holds (Superdesk's `LOCK_HOURS`). */
const LOCK_MS = 4 * 3_600_000;

/** The lock fields, server-set. */
export const LOCK_FIELDS = ["_lock", "_lock_user", "_lock_session", "_lock_time", "_lock_expiry"];

/** Checks `original`'s lock for `actor` and applies `updates._lock_action` (which is not stored). */
export function applyLockAction(updates: Doc, original: Doc, actor: Actor, now = new Date()): void {
  const action = updates._lock_action;
  delete updates._lock_action;
  if (actor.kind !== "user") return;
  if (
    isLocked(original, now) && action !== "force-lock" && actor.sessionId !== original._lock_session
  ) {
    throw new AbortError(412, "Resource is locked.");
  }
  if (action === "lock" || action === "force-lock") {
    Object.assign(updates, {
      _lock: true,
      _lock_user: actor.userId ?? null,
      _lock_session: actor.sessionId ?? null,
      _lock_time: now,
      _lock_expiry: new Date(now.getTime() + LOCK_MS),
    });
  } else if (action === "unlock") {
    Object.assign(updates, {
      _lock: false,
      _lock_user: null,
      _lock_session: null,
      _lock_time: null,
      _lock_expiry: null,
    });
  }
}

function isLocked(doc: Doc, now: Date): boolean {
  return doc._lock === true && doc._lock_expiry instanceof Date && doc._lock_expiry > now;
}
