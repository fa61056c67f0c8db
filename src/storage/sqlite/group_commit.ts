/**
 * Group commit for SQLite connections. With `synchronous = FULL` every commit waits for the disk
 * (milliseconds), and every writer thread waits for the write lock meanwhile, so a thread that
 * writes often (a publish request, a transmission loop) spends its time in commits. Writes one
 * thread issues while it is busy are collected and run at the next turn of its event loop in one
 * `BEGIN IMMEDIATE` transaction: one commit for all of them. Each runs in its own savepoint, in
 * the order issued, so it sees every earlier one and a failing write (a duplicate key) is rolled
 * back alone; every caller's promise settles only after the commit, so nothing is reported
 * written before it is durable.
 *
 * The write lock is taken without blocking the thread: SQLite's own busy handler sleeps inside
 * the call, which would stall every request of the thread while another thread or process holds
 * the lock. A batch that finds the lock taken waits on a timer (writes issued meanwhile join
 * it) and tries again, for at most the connection's `busy_timeout`, then fails with SQLite's
 * `SQLITE_BUSY` as the busy handler would.
 */
import type { DatabaseSync } from "node:sqlite";
import { setImmediate } from "node:timers";

/** Most writes committed together, so one batch never holds the write lock for long. */
const MAX_BATCH = 256;

/** SQLite's primary result code for a lock held by another connection. */
const SQLITE_BUSY = 5;

/** Longest pause between two attempts to take the write lock, in milliseconds. */
const MAX_PAUSE_MS = 4;

/** Whether `error` is SQLite's `SQLITE_BUSY` (`exec` errors carry only the message). */
function isBusy(error: unknown): boolean {
  const { errcode, message } = error as { errcode?: number; message?: string };
  return errcode !== undefined ? errcode % 256 === SQLITE_BUSY : message === "database is locked";
}

interface Pending {
  body: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs write bodies (synchronous SQL) in shared transactions. */
export interface GroupCommit {
  /** Runs `body` inside the next batch's transaction; settles after its commit. */
  run<T>(body: () => T): Promise<T>;
  /** Commits what is waiting now, waiting for the lock in the thread (before closing). */
  flush(): void;
}

/**
 * A group commit over `db`, a connection used by one thread; a batch waits for the write lock as
 * long as the connection's `busy_timeout` (set before this is created).
 */
export function createGroupCommit(db: DatabaseSync): GroupCommit {
  const { timeout: busyTimeoutMs } = db.prepare("PRAGMA busy_timeout").get() as {
    timeout: number;
  };
  let pending: Pending[] = [];
  let scheduled = false;
  /** When the current batch first found the lock taken (0: it has not). */
  let waitingSince = 0;
  let pause = 1;

  /**
   * Takes the write lock if it is free now; false when another connection holds it, or, with
   * `lastTry`, SQLite's busy error thrown.
   */
  function tryBegin(lastTry: boolean): boolean {
    db.exec("PRAGMA busy_timeout = 0");
    try {
      db.exec("BEGIN IMMEDIATE");
      return true;
    } catch (error) {
      if (isBusy(error) && !lastTry) return false;
      throw error;
    } finally {
      db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
    }
  }

  /** Begins the batch's transaction; false when it must wait for the lock (retry scheduled). */
  function begin(blocking: boolean): boolean {
    if (blocking) {
      db.exec("BEGIN IMMEDIATE");
      return true;
    }
    if (tryBegin(waitingSince > 0 && Date.now() - waitingSince >= busyTimeoutMs)) return true;
    if (waitingSince === 0) waitingSince = Date.now();
    scheduled = true;
    setTimeout(() => flush(false), pause);
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
    return false;
  }

  function flush(blocking: boolean) {
    scheduled = false;
    if (pending.length === 0) return;
    try {
      if (!begin(blocking)) return;
    } catch (error) {
      for (const write of takeBatch()) write.reject(error);
      return;
    }
    const batch = takeBatch();
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
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

  /** The next batch, taken from the pending writes (the rest scheduled); the wait starts over. */
  function takeBatch(): Pending[] {
    waitingSince = 0;
    pause = 1;
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(MAX_BATCH);
    if (pending.length > 0) schedule();
    return batch;
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => flush(false));
  }

  return {
    run<T>(body: () => T): Promise<T> {
      const { promise, resolve, reject } = Promise.withResolvers<T>();
      pending.push({ body, resolve: resolve as (value: unknown) => void, reject });
      schedule();
      return promise;
    },
    flush() {
      while (pending.length > 0) flush(true);
    },
  };
}
