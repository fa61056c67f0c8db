/**
 * Locks on SQLite: a `task_locks` row per lock with its owner token and expiry. Acquire is one
 * upsert that only overwrites an expired row; renew and release check the token, so an owner
 * whose lease expired cannot touch its successor's lock. Each write runs through `commits`, so
 * waiting for the write lock never blocks the thread.
 */
import type { DatabaseSync } from "node:sqlite";
import type { GroupCommit } from "../../storage/sqlite/group_commit.ts";
import type { LockService } from "../lock.ts";

/** A LockService over an open task database, writing through its group commit. */
export function createSqliteLockService(db: DatabaseSync, commits: GroupCommit): LockService {
  const acquire = db.prepare(
    `INSERT INTO task_locks (name, token, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at
     WHERE task_locks.expires_at <= ?`,
  );
  const renew = db.prepare(
    "UPDATE task_locks SET expires_at = ? WHERE name = ? AND token = ? AND expires_at > ?",
  );
  const release = db.prepare(
    "DELETE FROM task_locks WHERE name = ? AND token = ? AND expires_at > ?",
  );
  return {
    acquire(name, ttlMs) {
      const token = crypto.randomUUID();
      return commits.run(() => {
        const now = Date.now();
        return Number(acquire.run(name, token, now + ttlMs, now).changes) === 1 ? token : null;
      });
    },
    renew(name, token, ttlMs) {
      return commits.run(() => {
        const now = Date.now();
        return Number(renew.run(now + ttlMs, name, token, now).changes) === 1;
      });
    },
    release(name, token) {
      return commits.run(() => Number(release.run(name, token, Date.now()).changes) === 1);
    },
  };
}
