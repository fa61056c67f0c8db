/**
 * Group commit for SQLite connections. With `synchronous = FULL` every commit waits for the disk
 * (milliseconds), and every writer thread waits for the write lock meanwhile, so a thread that
 * writes often (a publish request, a transmission loop) spends its time in commits. Writes one
 * thread issues while it is busy are collected and run at the next turn of its event loop in one
 * `BEGIN IMMEDIATE` transaction: one commit for all of them. Each runs in its own savepoint, in
 * the order issued, so it sees every earlier one and a failing write (a duplicate key) is rolled
 * back alone (a batch of one write needs none: its failure rolls the transaction back and it is
 * rejected at once); every other caller's promise settles only after the commit, so nothing is
 * reported written before it is durable. When SQLite rolls back the whole transaction instead (a
 * full disk, an I/O error), every write of the batch is rejected, those that had succeeded too.
 *
 * The write lock is taken without blocking the thread: SQLite's own busy handler sleeps inside
 * the call, which would stall every request of the thread while another thread or process holds
 * the lock. A batch that finds the lock taken waits on a timer (writes issued meanwhile join
 * it) and tries again, for at most the connection's `busy_timeout`, then fails with SQLite's
 * `SQLITE_BUSY` as the busy handler would.
 *
 * With `walPath` the disk flush leaves the thread: the connection commits with
 * `synchronous = NORMAL` (SQLite writes the log without waiting for the disk and releases the
 * write lock at once), and a batch's writers are answered only once the write-ahead log has been
 * flushed to disk (`fdatasync` on the runtime's blocking-call threads; batches committed while a
 * flush runs share the next one; `wal_flush.ts`). An answered write is as durable as with
 * `synchronous = FULL`; what changes is that other connections may read a commit before its flush
 * ends (a power loss then takes it back, with writers that were never answered), and so may a
 * failing lone write (rejected at once: its duplicate key or etag mismatch may rest on such a
 * commit, as a read's answer may). SQLite's log checksums keep what survives a power loss a prefix
 * of the commits, so after a failed flush every later write is refused (a 503): a later flush that
 * seemed to succeed would not save it.
 */
import type { DatabaseSync } from "node:sqlite";
import { setImmediate } from "node:timers";
import { ServiceUnavailableError } from "../../errors.ts";
import { createWalFlush } from "./wal_flush.ts";

/** Most writes committed together, so one batch never holds the write lock for long. */
const MAX_BATCH = 256;

/** SQLite's primary result code for a lock held by another connection. */
const SQLITE_BUSY = 5;

/** Longest pause between two attempts to take the write lock, in milliseconds. */
const MAX_PAUSE_MS = 4;

/**
 * A batch that could not be written as a whole (the lock not free within the busy timeout, a
 * full disk, an I/O error): the store is unavailable for now (503), not the request wrong.
 */
function unavailable(error: unknown): ServiceUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ServiceUnavailableError(`The embedded store could not write: ${reason}`);
}

/** Whether `error` is SQLite's `SQLITE_BUSY` (`exec` errors carry only the message). */
function isBusy(error: unknown): boolean {
  const { errcode, message } = error as { errcode?: number; message?: string };
  return errcode !== undefined ? errcode % 256 === SQLITE_BUSY : message === "database is locked";
}

/** What one write of a batch did before the commit. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Pending {
  body: () => unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Runs write bodies (synchronous SQL) in shared transactions. */
export interface GroupCommit {
  /** Runs `body` inside the next batch's transaction; settles after its commit. */
  run<T>(body: () => T): Promise<T>;
  /**
   * Commits what is waiting now, waiting for the lock in the thread (and, without `walPath`, for
   * the disk; with it, the writers are answered after the next log flush, as in any batch).
   */
  flush(): void;
  /** `flush`, then waits for the log flushes under way (before closing the connection). */
  close(): Promise<void>;
  /** Why every write is refused since a log flush failed (a 503), if one did. */
  readonly failure: Error | undefined;
}

/** Options of `createGroupCommit`. */
export interface GroupCommitOptions {
  /**
   * The connection's write-ahead log, `<database>-wal` beside the real database file (SQLite
   * resolves symbolic links: `PRAGMA database_list` names it): commits run with
   * `synchronous = NORMAL` and writers are answered after this file is flushed to disk.
   */
  walPath?: string;
  /** Called after each batch's COMMIT (a log checkpointer's `committed`, `wal_checkpointer.ts`). */
  onCommit?: () => void;
}

/**
 * A group commit over `db`, a connection used by one thread; a batch waits for the write lock as
 * long as the connection's `busy_timeout` (set before this is created).
 */
export function createGroupCommit(
  db: DatabaseSync,
  { walPath, onCommit }: GroupCommitOptions = {},
): GroupCommit {
  const { timeout: busyTimeoutMs } = db.prepare("PRAGMA busy_timeout").get() as {
    timeout: number;
  };
  if (walPath) db.exec("PRAGMA synchronous = NORMAL");
  const wal = walPath ? createWalFlush(walPath) : undefined;
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
    if (wal?.failure) {
      for (const write of pending.splice(0)) write.reject(wal.failure);
      return;
    }
    try {
      if (!begin(blocking)) return;
    } catch (error) {
      const failure = unavailable(error);
      for (const write of takeBatch()) write.reject(failure);
      return;
    }
    const batch = takeBatch();
    let outcomes: Outcome[];
    try {
      if (batch.length === 1) {
        const alone = runAlone(batch[0]!);
        if (!alone.ok) {
          // Rolled back already: nothing to commit, nothing to wait for.
          batch[0]!.reject(alone.error);
          return;
        }
        outcomes = [alone];
      } else {
        outcomes = batch.map(runInSavepoint);
      }
      db.exec("COMMIT");
    } catch (error) {
      // SQLite rolled the whole transaction back (a full disk, an I/O error) or could not commit:
      // nothing of the batch was written.
      if (db.isTransaction) rollback();
      const failure = unavailable(error);
      for (const write of batch) write.reject(failure);
      return;
    }
    /** Answers each writer; `flushFailure`: the log flush that failed the committed writes. */
    const answer = (flushFailure?: { error: unknown }) =>
      batch.forEach((write, i) => {
        const outcome = outcomes[i]!;
        if (!outcome.ok) write.reject(outcome.error);
        else if (flushFailure) write.reject(flushFailure.error);
        else write.resolve(outcome.value);
      });
    if (!wal) answer();
    else wal.synced().then(() => answer(), (error) => answer({ error }));
    onCommit?.();
  }

  /**
   * Runs one write in its own savepoint: a failing write is rolled back alone. Throws when SQLite
   * rolled back the whole transaction instead (then every write of the batch is lost).
   */
  function runInSavepoint(write: Pending): Outcome {
    db.exec("SAVEPOINT group_write");
    try {
      const value = write.body();
      db.exec("RELEASE group_write");
      return { ok: true, value };
    } catch (error) {
      if (!db.isTransaction) throw error;
      db.exec("ROLLBACK TO group_write");
      db.exec("RELEASE group_write");
      return { ok: false, error };
    }
  }

  /**
   * Runs the only write of a batch: a failing write rolls the transaction back (there is nothing
   * else in it to keep). Throws, as `runInSavepoint`, when SQLite rolled it back itself.
   */
  function runAlone(write: Pending): Outcome {
    try {
      return { ok: true, value: write.body() };
    } catch (error) {
      if (!db.isTransaction) throw error;
      rollback();
      return { ok: false, error };
    }
  }

  /** Ends a failed batch's transaction; its writers are rejected with the batch's own error. */
  function rollback() {
    try {
      db.exec("ROLLBACK");
    } catch {
      // Nothing better to do: the writers are rejected anyway, the next BEGIN reports the state.
    }
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

  /** Commits everything pending now, waiting for the lock in the thread. */
  function flushAll() {
    while (pending.length > 0) flush(true);
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => flush(false));
  }

  return {
    run<T>(body: () => T): Promise<T> {
      if (wal?.failure) return Promise.reject(wal.failure);
      const { promise, resolve, reject } = Promise.withResolvers<T>();
      pending.push({ body, resolve: resolve as (value: unknown) => void, reject });
      schedule();
      return promise;
    },
    flush: flushAll,
    async close() {
      flushAll();
      await wal?.close();
    },
    get failure() {
      return wal?.failure;
    },
  };
}
