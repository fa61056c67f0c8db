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
 *
 * With `walPath` the disk flush leaves the thread: the connection commits with
 * `synchronous = NORMAL` (SQLite writes the log without waiting for the disk and releases the
 * write lock at once), and a batch's writers are answered only once the write-ahead log has been
 * flushed to disk (`fdatasync` on the runtime's blocking-call threads; batches committed while a
 * flush runs share the next one). An answered write is as durable as with `synchronous = FULL`;
 * what changes is that other connections may read a commit before its flush ends (a power loss
 * then takes it back, with writers that were never answered). SQLite's log checksums keep what
 * survives a power loss a prefix of the commits.
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
  /** Commits what is waiting now, waiting for the lock (and the disk) in the thread. */
  flush(): void;
  /** `flush`, then waits for the log flush under way (before closing the connection). */
  close(): Promise<void>;
}

/** Options of `createGroupCommit`. */
export interface GroupCommitOptions {
  /**
   * The connection's write-ahead log (`<database>-wal`): commits run with
   * `synchronous = NORMAL` and writers are answered after this file is flushed to disk.
   */
  walPath?: string;
}

/**
 * A group commit over `db`, a connection used by one thread; a batch waits for the write lock as
 * long as the connection's `busy_timeout` (set before this is created).
 */
export function createGroupCommit(
  db: DatabaseSync,
  { walPath }: GroupCommitOptions = {},
): GroupCommit {
  const { timeout: busyTimeoutMs } = db.prepare("PRAGMA busy_timeout").get() as {
    timeout: number;
  };
  if (walPath) db.exec("PRAGMA synchronous = NORMAL");
  const wal = walPath ? walSync(walPath) : undefined;
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
      if (wal && blocking) wal.syncNow();
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK");
      for (const write of batch) write.reject(error);
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
    if (!wal || blocking) return answer();
    wal.synced().then(() => answer(), (error) => answer({ error }));
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
    async close() {
      while (pending.length > 0) flush(true);
      await wal?.close();
    },
  };
}

/**
 * Flushes of a write-ahead log to disk, one at a time, each joined by every commit made before
 * it starts. The file is opened for each flush (no handle outlives it); a log SQLite has not
 * created yet holds nothing to flush.
 */
function walSync(path: string) {
  /** The previous flush, settled or not. */
  let tail: Promise<void> = Promise.resolve();
  /** The flush not started yet, which a commit made now joins. */
  let next: Promise<void> | undefined;
  async function flushFile() {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(path, { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    try {
      await file.syncData();
    } finally {
      file.close();
    }
  }
  return {
    /** Settles once a flush that started after this call has ended. */
    synced(): Promise<void> {
      if (next) return next;
      const flush = tail.then(() => {
        next = undefined;
        return flushFile();
      });
      next = flush;
      tail = flush.catch(() => {});
      return flush;
    },
    /** Flushes in the thread. */
    syncNow() {
      let file: Deno.FsFile;
      try {
        file = Deno.openSync(path, { read: true });
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return;
        throw error;
      }
      try {
        file.syncDataSync();
      } finally {
        file.close();
      }
    },
    /** Resolves once the flush under way (if any) has ended. */
    async close() {
      await tail;
    },
  };
}
