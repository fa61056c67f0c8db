/**
 * Flushes of a SQLite connection's write-ahead log to disk (`fdatasync`), for a group commit
 * whose connection commits with `synchronous = NORMAL` (`group_commit.ts`). One flush runs at a
 * time, on the runtime's blocking-call threads, each joined by every commit made before it
 * starts. While flushes follow each other (one was asked for while the previous ran), the log
 * stays open: a flush looks the path up and flushes the open file when it is still the file there
 * (two runtime calls, ~55–65 µs of process CPU in isolation, against ~75–80 µs for opening,
 * flushing, inspecting and closing it each time: README); else, and after a flush nothing waits
 * for, it opens the file at the path.
 *
 * The first flush of a log file (first seen by this connection, or a new inode at that path) also
 * flushes its directory, as SQLite does under `synchronous = FULL` after creating the log, so the
 * file's name survives a power loss with its content.
 *
 * A flush is asked for only after this connection committed, and SQLite deletes the log only when
 * the last connection closes, so a missing log is an error (a wrong path), never "nothing to
 * flush". The first failure is final: every later flush fails with it, without touching the disk.
 * Linux reports a failed writeback to one `fsync` only, and the lost frames would end what
 * recovery replays after a power loss, so a later commit that seemed flushed would be lost too
 * (PostgreSQL stops on a failed `fsync` for the same reason).
 */
import { ServiceUnavailableError } from "../../errors.ts";

/** The flushes of one write-ahead log. */
export interface WalFlush {
  /** Settles once a flush that started after this call has ended. */
  synced(): Promise<void>;
  /** Resolves once the flush under way (if any) has ended. */
  close(): Promise<void>;
  /** The first flush's failure, which every later flush repeats (a 503). */
  readonly failure: ServiceUnavailableError | undefined;
}

/** Flushes of the write-ahead log at `path` (the real file's path, symbolic links resolved). */
export function createWalFlush(path: string): WalFlush {
  const slash = path.lastIndexOf("/");
  const directory = slash < 0 ? "." : path.slice(0, slash) || "/";
  /** The log file whose directory entry is known to be on disk. */
  let flushedFile: { dev: number; ino: number | null } | undefined;
  let failure: ServiceUnavailableError | undefined;
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

  /** Whether `stat` is a log file whose directory has not been flushed since it appeared. */
  function isNewFile({ dev, ino }: Deno.FileInfo): boolean {
    return flushedFile?.dev !== dev || flushedFile.ino !== ino;
  }

  /** The open log file (the one `flushedFile` names) while flushes follow each other. */
  let file: Deno.FsFile | undefined;

  async function flushFile() {
    if (failure) throw failure;
    try {
      if (file && !isNewFile(await Deno.stat(path))) await file.syncData();
      else await flushOpened();
    } catch (error) {
      throw failed(error);
    } finally {
      // No flush queued behind this one: the file is let go (no handle outlives a busy spell).
      if (!next) closeFile();
    }
  }

  /** Opens the file now at `path` (the one kept), flushes it, and its folder when it is new. */
  async function flushOpened() {
    closeFile();
    const opened = await Deno.open(path, { read: true });
    file = opened;
    await opened.syncData();
    const stat = await opened.stat();
    // Windows cannot open a directory; SQLite does not flush one there either.
    if (isNewFile(stat) && Deno.build.os !== "windows") {
      using dir = await Deno.open(directory, { read: true });
      await dir.sync();
    }
    flushedFile = { dev: stat.dev, ino: stat.ino };
  }

  function closeFile() {
    file?.close();
    file = undefined;
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
      closeFile();
    },
    get failure() {
      return failure;
    },
  };
}
