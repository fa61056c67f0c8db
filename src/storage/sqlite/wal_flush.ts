/**
 * Flushes of a SQLite connection's write-ahead log to disk (`fdatasync`), for a group commit
 * whose connection commits with `synchronous = NORMAL` (`group_commit.ts`). One flush runs at a
 * time, on the runtime's blocking-call threads, each joined by every commit made before it
 * starts.
 *
 * The log is opened at the first flush and kept open until `close`, so a flush is one runtime
 * call (`fdatasync`). That descriptor reaches every later commit: SQLite writes a connection's
 * log through the file it opened and never deletes or replaces it while any connection to the
 * database is open (a WAL connection holds a shared lock on the database file, and only the last
 * one to close removes the log); a checkpoint restarts the log (frames written again from its
 * start) or truncates it (`wal_checkpoint(TRUNCATE)`, `journal_size_limit`), both in the same
 * file. Looking the path up before each flush (as this did before) cost a `stat`, plus an open
 * and a close after an idle spell, for no case SQLite produces. The first flush also flushes the
 * log's directory, as SQLite does under `synchronous = FULL` after creating the log, so the
 * file's name survives a power loss with its content.
 *
 * A flush is asked for only after this connection committed, so a log missing at the first
 * flush is an error (a wrong path), never "nothing to flush". The first failure is final: every
 * later flush fails with it, without touching the disk. Linux reports a failed writeback to one
 * `fsync` only, and the lost frames would end what recovery replays after a power loss, so a
 * later commit that seemed flushed would be lost too (PostgreSQL stops on a failed `fsync` for
 * the same reason).
 */
import { ServiceUnavailableError } from "../../errors.ts";

/** The flushes of one write-ahead log. */
export interface WalFlush {
  /** Settles once a flush that started after this call has ended. */
  synced(): Promise<void>;
  /** Resolves once the flush under way (if any) has ended, then lets the log go. */
  close(): Promise<void>;
  /** The first flush's failure, which every later flush repeats (a 503). */
  readonly failure: ServiceUnavailableError | undefined;
}

/** Flushes of the write-ahead log at `path` (the real file's path, symbolic links resolved). */
export function createWalFlush(path: string): WalFlush {
  const slash = path.lastIndexOf("/");
  const directory = slash < 0 ? "." : path.slice(0, slash) || "/";
  let failure: ServiceUnavailableError | undefined;
  /** The log, open from the first flush until `close`. */
  let file: Deno.FsFile | undefined;
  let closed = false;
  /** The previous flush, settled or not. */
  let tail: Promise<void> = Promise.resolve();
  /** The flush not started yet, which a commit made now joins. */
  let next: Promise<void> | undefined;

  /** Records the first failure (a missing log included) and returns what callers are given. */
  function failed(error: unknown): ServiceUnavailableError {
    if (failure) return failure;
    const reason = error instanceof Deno.errors.NotFound
      ? "the file does not exist although this connection committed to it"
      : error instanceof Error
      ? error.message
      : String(error);
    failure = new ServiceUnavailableError(
      `Cannot write: flushing the write-ahead log "${path}" to disk failed (${reason}); ` +
        "commits since the last flush may be lost on power loss, so the embedded database " +
        "refuses every write until the server restarts",
    );
    failure.cause = error;
    return failure;
  }

  async function flushFile() {
    if (failure) throw failure;
    try {
      if (file) await file.syncData();
      else await openAndFlush();
    } catch (error) {
      throw failed(error);
    }
  }

  /** Opens the log (kept until `close`), flushes it, then its directory (the file's name). */
  async function openAndFlush() {
    const opened = await Deno.open(path, { read: true });
    try {
      await opened.syncData();
      // Windows cannot open a directory; SQLite does not flush one there either.
      if (Deno.build.os !== "windows") {
        using dir = await Deno.open(directory, { read: true });
        await dir.sync();
      }
    } catch (error) {
      opened.close();
      throw error;
    }
    // A flush asked for after `close` began keeps nothing open.
    if (closed) opened.close();
    else file = opened;
  }

  return {
    synced() {
      if (next) return next;
      const flush = tail.then(() => {
        next = undefined;
        return flushFile();
      });
      next = flush;
      tail = flush.catch(() => {});
      return flush;
    },
    async close() {
      await tail;
      closed = true;
      file?.close();
      file = undefined;
    },
    get failure() {
      return failure;
    },
  };
}
