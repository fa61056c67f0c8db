/**
 * The thread side of `wal_checkpointer.ts`: a connection of its own to a WAL database that runs
 * a PASSIVE checkpoint of its write-ahead log each time the writers report commits, at most once
 * per interval. PASSIVE never waits for a lock: it copies what no reader still needs into the
 * database file (flushing the log, then the file, to disk), while writers go on appending to the
 * log; the next writer restarts the log once it is all copied.
 *
 * Under steady writes that moment may never come: frames appended while a checkpoint copies are
 * left for the next one, so the log never ends fully copied and grows. Once a checkpoint finds
 * the log at `restartPages` frames or more, a RESTART checkpoint follows: it takes the write lock
 * (writers wait, as for one another's commit), copies the few frames appended meanwhile and waits
 * for the readers still reading the log, so the next writer starts the log over. The file keeps
 * its size (it is written again from its start), which bounds it near `restartPages` plus what
 * one interval appends. Writers wait for a RESTART for as long as it waits for readers, so it
 * waits at most `RESTART_WAIT_MS` (the connection's busy timeout; PASSIVE never waits): behind a
 * long read it gives up, and the next checkpoint tries again.
 */
import { DatabaseSync, type StatementSync } from "node:sqlite";

/** Longest a RESTART waits for the write lock and for readers (writers wait meanwhile). */
const RESTART_WAIT_MS = 100;

/** The first message to the thread. */
export interface CheckpointStart {
  path: string;
  /** Least milliseconds between two checkpoints. */
  intervalMs: number;
  /** Log frames from which a checkpoint also restarts the log. */
  restartPages: number;
}

/**
 * What the thread answers: after a checkpoint (`done`: the log's frames and those copied, after
 * the RESTART when one ran), when its connection could not be opened (it then does nothing), or
 * once closed.
 */
export type CheckpointReply =
  | { type: "done"; log: number; checkpointed: number; restarted: boolean; count: number }
  | { type: "failed"; message: string }
  | { type: "unopened"; message: string }
  | { type: "closed" };

/** A row of `PRAGMA wal_checkpoint`. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Runs the checkpoint thread on `scope` (a Web Worker's `self`); sets `onmessage` at once. */
export function runCheckpointThread(scope: {
  onmessage: ((event: MessageEvent) => void) | null;
  postMessage(message: CheckpointReply): void;
}): void {
  let db: DatabaseSync | undefined;
  let passive: StatementSync | undefined;
  let restart: StatementSync | undefined;
  let start: CheckpointStart | undefined;
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
      start = message;
      try {
        db = new DatabaseSync(message.path);
        db.exec(`PRAGMA busy_timeout = ${RESTART_WAIT_MS}; PRAGMA synchronous = NORMAL;`);
        passive = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
        restart = db.prepare("PRAGMA wal_checkpoint(RESTART)");
      } catch (error) {
        // Answered rather than thrown: Deno would print an uncaught error's stack to stderr.
        if (db?.isOpen) db.close();
        scope.postMessage({ type: "unopened", message: (error as Error).message });
      }
      return;
    }
    let reply: CheckpointReply;
    try {
      let row = passive!.get() as unknown as CheckpointRow;
      const restarting = row.log >= start!.restartPages;
      // Busy (a reader or writer kept it past RESTART_WAIT_MS): the next checkpoint tries again.
      if (restarting) row = restart!.get() as unknown as CheckpointRow;
      const { log, checkpointed } = row;
      reply = {
        type: "done",
        log,
        checkpointed,
        restarted: restarting && !row.busy,
        count: ++count,
      };
    } catch (error) {
      reply = { type: "failed", message: (error as Error).message };
    }
    setTimeout(() => scope.postMessage(reply), start!.intervalMs);
  };
}
