/**
 * Checkpoints of the embedded search index's write-ahead log off the writing thread. SQLite's
 * automatic checkpoint runs inside the COMMIT that crosses `wal_autocheckpoint` pages, and
 * flushes the log and the database file to disk there: the request whose index write made that
 * commit waited for the disk. Here the writing connection (and the process's other connections,
 * `checkpoints: "deferred"`) checkpoints on its own only past a much larger backstop
 * (`BACKSTOP_PAGES`, for a checkpoint thread that cannot keep up), and a Web Worker
 * (`wal_checkpoint_thread.ts`) with its own connection runs a PASSIVE checkpoint after commits, at
 * most once per interval, so the log stays bounded without a request waiting. The thread starts
 * at the connection's `startAfter`-th commit: until then SQLite's automatic checkpoints stay on,
 * so a connection that writes little (a command, a test) costs no thread.
 */
import type { DatabaseSync } from "node:sqlite";
import type { CheckpointReply, CheckpointStart } from "./wal_checkpoint_thread.ts";

const WORKER_URL = new URL("../../../workers/search_checkpoint_worker.ts", import.meta.url);

/** Log pages after which the writing connection checkpoints itself (SQLite's default: 1000). */
export const BACKSTOP_PAGES = 8000;

/** Least milliseconds between two checkpoints of the thread. */
const INTERVAL_MS = 100;

/** Commits after which the thread starts. */
const START_AFTER = 64;

/** A connection's checkpoints in a thread. */
export interface WalCheckpointer {
  /** Reports a commit: a checkpoint follows (at once, or after the one under way). */
  committed(): void;
  /** Resolves once no checkpoint is due or under way, with the last one's outcome. */
  idle(): Promise<CheckpointReply | undefined>;
  /** Stops the thread (after the checkpoint under way). */
  close(): Promise<void>;
}

/** Options of `walCheckpointer`. */
export interface WalCheckpointerOptions {
  /** Least milliseconds between two checkpoints (default 100). */
  intervalMs?: number;
  /** Commits before the thread starts (default 64). */
  startAfter?: number;
}

/**
 * Checkpoints for the database at `path`, whose connection `db` (WAL mode) commits: from its
 * `startAfter`-th commit in a thread, the connection itself only past `BACKSTOP_PAGES`.
 */
export function walCheckpointer(
  db: DatabaseSync,
  path: string,
  { intervalMs = INTERVAL_MS, startAfter = START_AFTER }: WalCheckpointerOptions = {},
): WalCheckpointer {
  let worker: Worker | undefined;
  let commits = 0;
  /** A checkpoint is under way (or in its interval). */
  let running = false;
  /** Commits were reported since the checkpoint under way began. */
  let due = false;
  let last: CheckpointReply | undefined;
  let idleWaiters: Array<() => void> = [];
  let onClosed: (() => void) | undefined;
  let closed = false;

  const settleIdle = () => {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  const start = () => {
    running = true;
    due = false;
    worker!.postMessage("checkpoint");
  };
  const spawn = (): Worker => {
    const thread = new Worker(WORKER_URL.href, { type: "module" });
    thread.postMessage({ path, intervalMs } satisfies CheckpointStart);
    thread.onmessage = (event: MessageEvent<CheckpointReply>) => {
      if (event.data.type === "closed") {
        thread.terminate();
        settleIdle();
        onClosed?.();
        return;
      }
      last = event.data;
      running = false;
      if (due && !closed) return start();
      settleIdle();
    };
    thread.onerror = (event) => {
      event.preventDefault();
      last = { type: "failed", message: event.message };
      running = false;
      closed = true;
      thread.terminate();
      // Without the thread, the connection checkpoints itself again.
      if (db.isOpen) db.exec("PRAGMA wal_autocheckpoint = 1000");
      settleIdle();
      onClosed?.();
    };
    db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    return thread;
  };

  return {
    committed() {
      if (closed || (!worker && ++commits < startAfter)) return;
      worker ??= spawn();
      if (running) due = true;
      else start();
    },
    idle() {
      if (!running) return Promise.resolve(last);
      return new Promise((resolve) => idleWaiters.push(() => resolve(last)));
    },
    close() {
      if (closed || !worker) {
        closed = true;
        return Promise.resolve();
      }
      closed = true;
      const thread = worker;
      return new Promise((resolve) => {
        onClosed = resolve;
        thread.postMessage("close");
      });
    },
  };
}
