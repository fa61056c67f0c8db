/**
 * The thread side of `wal_checkpointer.ts`: a connection of its own to the index's database
 * that runs a PASSIVE checkpoint of its write-ahead log each time the writer reports commits,
 * at most once per interval. PASSIVE never waits for a lock: it copies what no reader still
 * needs into the database file (flushing the log, then the file, to disk), while writers go on
 * appending to the log; the next writer restarts the log once it is all copied.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";

/** The first message to the thread. */
export interface CheckpointStart {
  path: string;
  /** Least milliseconds between two checkpoints. */
  intervalMs: number;
}

/** What the thread answers: after a checkpoint (`done`), or once closed. */
export type CheckpointReply =
  | { type: "done"; log: number; checkpointed: number; count: number }
  | { type: "failed"; message: string }
  | { type: "closed" };

/** Runs the checkpoint thread on `scope` (a Web Worker's `self`); sets `onmessage` at once. */
export function runCheckpointThread(scope: {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: CheckpointReply): void;
}): void {
  let db: DatabaseSync | undefined;
  let checkpoint: StatementSync | undefined;
  let intervalMs = 0;
  /** Checkpoints run so far (each reply says how many). */
  let count = 0;
  scope.onmessage = (event: MessageEvent) => {
    const message = event.data as CheckpointStart | "checkpoint" | "close";
    if (message === "close") {
      if (db?.isOpen) db.close();
      scope.postMessage({ type: "closed" });
      return;
    }
    if (message !== "checkpoint") {
      db = new DatabaseSync(message.path);
      db.exec("PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
      checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
      intervalMs = message.intervalMs;
      return;
    }
    let reply: CheckpointReply;
    try {
      const { log, checkpointed } = checkpoint!.get() as {
        log: number;
        checkpointed: number;
      };
      reply = { type: "done", log, checkpointed, count: ++count };
    } catch (error) {
      reply = { type: "failed", message: (error as Error).message };
    }
    setTimeout(() => scope.postMessage(reply), intervalMs);
  };
}
