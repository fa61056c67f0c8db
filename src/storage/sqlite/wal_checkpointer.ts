/**
 * Checkpoints of an embedded database's write-ahead log (the document store's, the search
 * index's) off the committing threads. SQLite's automatic checkpoint runs inside the COMMIT that
 * crosses `wal_autocheckpoint` pages (1000 by default), copies every page the log holds into the
 * database file and flushes both to disk there: the request or the task whose write made that
 * commit waited for it, and a page rewritten by many commits (a b-tree's interior pages, a busy
 * table's last leaf, the index leaves a burst of inserts shares) was copied once per 1000 log
 * pages. Here the writing connection (and the process's other connections, `deferred`)
 * checkpoints on its own only past a much larger backstop (`BACKSTOP_PAGES`, for a checkpoint
 * thread that cannot keep up), and a Web Worker (`wal_checkpoint_thread.ts`) with its own
 * connection checkpoints after commits, at most once per interval (a second by default: the pages
 * rewritten within it are copied once), restarting the log once it reaches `restartPages`, so the
 * log stays bounded without a request waiting. The thread starts at the connection's
 * `startAfter`-th commit: until then SQLite's automatic checkpoints stay on, so a connection that
 * writes little (a command, a test) costs no thread. The other connections' commits are not
 * reported, so a heartbeat counts as one each interval: with this connection idle and task
 * threads writing, the thread still starts and copies their log.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Logger } from "../../log.ts";
import type { CheckpointReply, CheckpointStart } from "./wal_checkpoint_thread.ts";

const WORKER_URL = new URL("../../../workers/wal_checkpoint_worker.ts", import.meta.url);

/**
 * Log pages after which a writing connection checkpoints itself (SQLite's default: 1000): past
 * the thread's restart point plus what its interval lets writers append.
 */
export const BACKSTOP_PAGES = 16_384;

/** Least milliseconds between two checkpoints of the thread. */
const INTERVAL_MS = 1000;

/** Log frames (16 MiB of 4 KiB pages) from which the thread restarts the log. */
const RESTART_PAGES = 4096;

/** Commits after which the thread starts. */
const START_AFTER = 64;

/**
 * Where a connection's log is checkpointed: `inline` (SQLite's automatic checkpoints, inside the
 * commit that crosses 1000 log pages), `thread` (a Web Worker of its own after commits: no write
 * of this connection waits for one), or `deferred` (another connection of the process
 * checkpoints in a thread: this one only past the backstop).
 */
export type CheckpointMode = "inline" | "thread" | "deferred";

/** A connection's checkpoints in a thread. */
export interface WalCheckpointer {
  /** Reports a commit: a checkpoint follows (at once, or after the one under way). */
  committed(): void;
  /**
   * Resolves once no reported commit awaits a checkpoint (none due, none under way), with the
   * last one's outcome; one that only heartbeats asked for is not waited for.
   */
  idle(): Promise<CheckpointReply | undefined>;
  /**
   * Stops the thread (after the checkpoint under way); every call resolves once its connection
   * is closed, so the writing connection may close next as the last one.
   */
  close(): Promise<void>;
}

/** Options of `walCheckpointer`. */
export interface WalCheckpointerOptions {
  /** Least milliseconds between two checkpoints (default 1000). */
  intervalMs?: number;
  /** Log frames from which a checkpoint also restarts the log (default 4096). */
  restartPages?: number;
  /** Commits before the thread starts (default 64). */
  startAfter?: number;
  /**
   * Also counted as a reported commit this often, in milliseconds (default: the interval; 0:
   * never): the process's other connections (task threads, `deferred`) do not report theirs,
   * so their log is copied although this connection writes nothing.
   */
  heartbeatMs?: number;
  /**
   * Where failures go: the first failed checkpoint after a good one (a warning; the writers'
   * backstop bounds the log meanwhile), the next good one, and a thread that stopped (an error:
   * the connection checkpoints inline again). Unlogged without one.
   */
  log?: Logger;
}

/**
 * Checkpoints for the database at `path`, whose connection `db` (WAL mode) commits: from its
 * `startAfter`-th commit in a thread, the connection itself only past `BACKSTOP_PAGES`.
 */
export function walCheckpointer(
  db: DatabaseSync,
  path: string,
  {
    intervalMs = INTERVAL_MS,
    restartPages = RESTART_PAGES,
    startAfter = START_AFTER,
    heartbeatMs = intervalMs,
    log,
  }: WalCheckpointerOptions = {},
): WalCheckpointer {
  let worker: Worker | undefined;
  let commits = 0;
  /** A checkpoint is under way (or in its interval). */
  let running = false;
  /** Commits were reported since the checkpoint under way began. */
  let due = false;
  /**
   * A heartbeat came since then: one more checkpoint, which `idle()` does not wait for (beats
   * come as often as checkpoints, so it would never resolve).
   */
  let beat = false;
  let last: CheckpointReply | undefined;
  let idleWaiters: Array<() => void> = [];
  let onClosed: (() => void) | undefined;
  let closed = false;
  /** Settles once the thread has stopped: what every `close()` returns. */
  let stopped: Promise<void> | undefined;

  const settleIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const start = () => {
    running = true;
    due = beat = false;
    worker!.postMessage("checkpoint");
  };
  const spawn = (): Worker => {
    const thread = new Worker(WORKER_URL.href, { type: "module" });
    thread.postMessage({ path, intervalMs, restartPages } satisfies CheckpointStart);
    thread.onmessage = (event: MessageEvent<CheckpointReply>) => {
      if (event.data.type === "closed") {
        thread.terminate();
        // A checkpoint's answer still in its interval never comes now: nothing is under way.
        running = false;
        settleIdle();
        onClosed?.();
        return;
      }
      if (event.data.type === "unopened") return lost(event.data.message);
      logTransition(log, path, last, event.data);
      last = event.data;
      running = false;
      // The waiters wait for the reported commits' checkpoint, not for the heartbeat's.
      const reported = due && !closed;
      if ((due || beat) && !closed) start();
      if (!reported) settleIdle();
    };
    /** The thread is gone (it could not open the database, or threw): back to inline. */
    const lost = (message: string) => {
      log?.error("wal checkpoint thread stopped; the connection checkpoints inline again", {
        path,
        error: message,
      });
      last = { type: "failed", message };
      running = false;
      closed = true;
      clearInterval(heartbeat);
      thread.terminate();
      // Without the thread, the connection checkpoints itself again.
      if (db.isOpen) db.exec("PRAGMA wal_autocheckpoint = 1000");
      stopped ??= Promise.resolve();
      settleIdle();
      onClosed?.();
    };
    thread.onerror = (event) => {
      event.preventDefault();
      lost(event.message);
    };
    db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    return thread;
  };

  /** A commit (`reported`) or a heartbeat: counted towards the start, then a checkpoint. */
  const checkpoint = (reported: boolean) => {
    if (closed || (!worker && ++commits < startAfter)) return;
    worker ??= spawn();
    if (!running) start();
    else if (reported) due = true;
    else beat = true;
  };
  // Keeps no process alive: a command that ends closes its stores or simply exits.
  const heartbeat = heartbeatMs > 0 ? setInterval(() => checkpoint(false), heartbeatMs) : undefined;
  if (heartbeat !== undefined) Deno.unrefTimer(heartbeat);

  return {
    committed: () => checkpoint(true),
    idle() {
      if (!running) return Promise.resolve(last);
      return new Promise((resolve) => idleWaiters.push(() => resolve(last)));
    },
    close() {
      closed = true;
      clearInterval(heartbeat);
      if (!worker) return Promise.resolve();
      const thread = worker;
      return stopped ??= new Promise((resolve) => {
        onClosed = resolve;
        thread.postMessage("close");
      });
    },
  };
}

/** Logs a checkpoint's outcome when it differs in kind from the one before (failed or not). */
export function logTransition(
  log: Logger | undefined,
  path: string,
  previous: CheckpointReply | undefined,
  reply: CheckpointReply,
): void {
  if (reply.type === "failed" && previous?.type !== "failed") {
    log?.warn("wal checkpoint failed", { path, error: reply.message });
  } else if (reply.type === "done" && previous?.type === "failed") {
    log?.info("wal checkpoints succeed again", { path });
  }
}

/** Options of `walCheckpoints`: the mode (default `inline`) and the thread's options. */
export interface WalCheckpointsOptions extends WalCheckpointerOptions {
  mode?: CheckpointMode;
}

/**
 * The checkpoints `mode` gives `db`, the connection to the database at `path` (`:memory:` has no
 * log): a checkpointer to report its commits to with `thread`, none otherwise.
 */
export function walCheckpoints(
  db: DatabaseSync,
  path: string,
  { mode = "inline", ...thread }: WalCheckpointsOptions = {},
): WalCheckpointer | undefined {
  if (mode === "deferred") db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return mode === "thread" && path !== ":memory:" ? walCheckpointer(db, path, thread) : undefined;
}
