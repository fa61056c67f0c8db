/**
 * Checkpoints of the embedded search index's write-ahead log off the writing thread. SQLite's
 * automatic checkpoint runs inside the COMMIT that crosses `wal_autocheckpoint` pages, and
 * flushes the log and the database file to disk there: the request whose index write made that
 * commit waited for the disk. Here the writing connection (and the process's other connections,
 * `checkpoints: "deferred"`) checkpoints on its own only past a much larger backstop
 * (`BACKSTOP_PAGES`, for a checkpoint thread that cannot keep up), and a Web Worker
 * (`wal_checkpoint_thread.ts`) with its own connection runs a PASSIVE checkpoint after commits, at
 * most once per interval, so the log stays bounded without a request waiting.
 */
import type { DatabaseSync } from "node:sqlite";
import type { CheckpointReply } from "./wal_checkpoint_thread.ts";

const WORKER_URL = new URL("../../../workers/search_checkpoint_worker.ts", import.meta.url);

/** Log pages after which the writing connection checkpoints itself (SQLite's default: 1000). */
export const BACKSTOP_PAGES = 8000;

/** Least milliseconds between two checkpoints of the thread. */
const INTERVAL_MS = 100;

/** A running checkpoint thread. */
export interface WalCheckpointer {
  /** Reports commits: a checkpoint follows (at once, or after the one under way). */
  committed(): void;
  /** Resolves once no checkpoint is due or under way, with the last one's outcome. */
  idle(): Promise<CheckpointReply | undefined>;
  /** Stops the thread (after the checkpoint under way). */
  close(): Promise<void>;
}

/**
 * Starts the checkpoint thread for the database at `path`, whose connection `db` (WAL mode)
 * keeps checkpointing itself only past `BACKSTOP_PAGES`.
 */
export function startWalCheckpointer(
  db: DatabaseSync,
  path: string,
  { intervalMs = INTERVAL_MS }: { intervalMs?: number } = {},
): WalCheckpointer {
  db.exec(`PRAGMA wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const worker = new Worker(WORKER_URL.href, { type: "module" });
  worker.postMessage({ path, intervalMs });
  /** A checkpoint is under way (or in its interval). */
  let running = false;
  /** Commits were reported since the checkpoint under way began. */
  let due = false;
  let last: CheckpointReply | undefined;
  let idleWaiters: Array<() => void> = [];
  let onClosed: (() => void) | undefined;
  let closed = false;

  const start = () => {
    running = true;
    due = false;
    worker.postMessage("checkpoint");
  };
  worker.onmessage = (event: MessageEvent<CheckpointReply>) => {
    if (event.data.type === "closed") {
      worker.terminate();
      onClosed?.();
      return;
    }
    last = event.data;
    running = false;
    if (due && !closed) return start();
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    last = { type: "failed", message: event.message };
    running = false;
    closed = true;
    worker.terminate();
    for (const resolve of idleWaiters.splice(0)) resolve();
    onClosed?.();
  };

  return {
    committed() {
      if (closed) return;
      if (running) due = true;
      else start();
    },
    idle() {
      if (!running) return Promise.resolve(last);
      return new Promise((resolve) => idleWaiters.push(() => resolve(last)));
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => {
        onClosed = resolve;
        worker.postMessage("close");
      });
    },
  };
}
