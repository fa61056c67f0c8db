/**
 * Group commit for the SQLite store. With `synchronous = FULL` every commit waits for the disk
 * (milliseconds), and every writer thread waits for the write lock meanwhile, so a thread that
 * writes often (a publish request, a transmission loop) spends its time in commits. Writes one
 * thread issues while it is busy are collected and run at the next turn of its event loop in one
 * `BEGIN IMMEDIATE` transaction: one commit for all of them. Each runs in its own savepoint, in
 * the order issued, so it sees every earlier one and a failing write (a duplicate key) is rolled
 * back alone; every caller's promise settles only after the commit, so nothing is reported
 * written before it is durable.
 */
import type { DatabaseSync } from "node:sqlite";
import { setImmediate } from "node:timers";

/** Most writes committed together, so one batch never holds the write lock for long. */
const MAX_BATCH = 256;

interface Pending {
  body: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs write bodies (synchronous SQL) in shared transactions. */
export interface GroupCommit {
  /** Runs `body` inside the next batch's transaction; settles after its commit. */
  run<T>(body: () => T): Promise<T>;
  /** Commits what is waiting now (before the connection closes). */
  flush(): void;
}

/** A group commit over `db`, a connection used by one thread. */
export function createGroupCommit(db: DatabaseSync): GroupCommit {
  let pending: Pending[] = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    if (pending.length === 0) return;
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    if (pending.length > 0) schedule();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      db.exec("BEGIN IMMEDIATE");
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    for (const write of batch) {
      db.exec("SAVEPOINT group_write");
      try {
        const value = write.body();
        db.exec("RELEASE group_write");
        outcomes.push({ ok: true, value });
      } catch (error) {
        db.exec("ROLLBACK TO group_write");
        db.exec("RELEASE group_write");
        outcomes.push({ ok: false, error });
      }
    }
    try {
      db.exec("COMMIT");
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      for (const write of batch) write.reject(error);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    run<T>(body: () => T): Promise<T> {
      const { promise, resolve, reject } = Promise.withResolvers<T>();
      pending.push({ body, resolve: resolve as (value: unknown) => void, reject });
      schedule();
      return promise;
    },
    flush() {
      while (pending.length > 0) flush();
    },
  };
}
