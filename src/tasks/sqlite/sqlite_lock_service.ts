/**
 * Locks on SQLite: a `task_locks` row per lock with its owner token and expiry. Acquire is one
 * upsert that only overwrites an expired row; renew and release check the token, so an owner
 * whose lease expired cannot touch its successor's lock.
 */
import type { DatabaseSync } from "node:sqlite";
import type { LockService } from "../lock.ts";

/** A LockService over an open task database. */
export function createSqliteLockService(db: DatabaseSync): LockService {
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
      const token = crypto.randomUUID(), now = Date.now();
      const { changes } = acquire.run(name, token, now + ttlMs, now);
      return Promise.resolve(Number(changes) === 1 ? token : null);
    },
    renew(name, token, ttlMs) {
      const now = Date.now();
      return Promise.resolve(Number(renew.run(now + ttlMs, name, token, now).changes) === 1);
    },
    release(name, token) {
      return Promise.resolve(Number(release.run(name, token, Date.now()).changes) === 1);
    },
  };
}
