/**
 * An embedded database's log checkpoints in a thread of their own (`wal_checkpointer.ts`): a
 * checkpoint after reported commits copies the whole log into the database file, the log stays
 * bounded over many commits although the writing connection never checkpoints below its
 * backstop, a log past the restart point is restarted once no reader holds part of it, the
 * thread starts only after a number of commits (or heartbeats, which also copy what other
 * connections commit unreported), and closing stops it (every caller waits for its connection to
 * close).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { waitFor } from "../tasks/_wait_for.ts";
import {
  BACKSTOP_PAGES,
  type WalCheckpointer,
  walCheckpointer,
} from "../../src/storage/sqlite/wal_checkpointer.ts";

interface Wal {
  path: string;
  db: DatabaseSync;
  checkpointer: WalCheckpointer;
  /** Commits `rows` rows of ~4 KB (about one log page each) and reports the commit. */
  commitRows(rows: number): void;
}

/**
 * Runs `test` on a WAL database in a temporary file (one table to write pages into) with its
 * checkpointer (checkpoints as often as commits come unless `intervalMs`, the thread from the
 * `startAfter`-th on, the log restarted from `restartPages` frames, no heartbeat unless
 * `heartbeatMs`).
 */
async function withWal(
  startAfter: number,
  test: (wal: Wal) => Promise<void>,
  { restartPages = 100_000, heartbeatMs = 0, intervalMs = 0 } = {},
) {
  const dir = await Deno.makeTempDir({ prefix: "wal_checkpointer_" });
  const path = `${dir}/search.db`;
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);`);
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  const checkpointer = walCheckpointer(db, path, {
    intervalMs,
    startAfter,
    restartPages,
    heartbeatMs,
  });
  const commitRows = (rows: number) => {
    db.exec("BEGIN");
    for (let i = 0; i < rows; i++) insert.run("x".repeat(4000));
    db.exec("COMMIT");
    checkpointer.committed();
  };
  try {
    await test({ path, db, checkpointer, commitRows });
  } finally {
    await checkpointer.close();
    if (db.isOpen) db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** The connection's automatic checkpoint threshold, in log pages. */
function autocheckpointPages(db: DatabaseSync): number {
  return Object.values(db.prepare("PRAGMA wal_autocheckpoint").get()!)[0] as number;
}

/** Asserts the last checkpoint copied the whole log, of at least `frames` frames. */
async function assertCopiedAll(checkpointer: WalCheckpointer, frames: number) {
  const outcome = await checkpointer.idle();
  assert.equal(outcome?.type, "done");
  if (outcome?.type !== "done") return;
  assert.ok(outcome.log >= frames, `log frames ${outcome.log}`);
  assert.equal(outcome.checkpointed, outcome.log);
}

Deno.test("the thread starts at the connection's startAfter-th commit", async () => {
  await withWal(3, async ({ db, checkpointer, commitRows }) => {
    commitRows(10);
    commitRows(10);
    assert.equal(autocheckpointPages(db), 1000);
    assert.equal(await checkpointer.idle(), undefined);
    commitRows(10);
    assert.equal(autocheckpointPages(db), BACKSTOP_PAGES);
    await assertCopiedAll(checkpointer, 30);
  });
});

Deno.test("a checkpoint after commits copies the whole log, off the writing connection", async () => {
  await withWal(1, async ({ db, checkpointer, commitRows }) => {
    commitRows(300);
    assert.equal(autocheckpointPages(db), BACKSTOP_PAGES);
    await assertCopiedAll(checkpointer, 300);
  });
});

Deno.test("the log stays bounded over many commits with checkpoints in the thread", async () => {
  await withWal(1, async ({ path, db, checkpointer, commitRows }) => {
    for (let round = 0; round < 30; round++) {
      commitRows(100);
      await checkpointer.idle();
    }
    // 3000 pages were written; without the thread the log would hold them all (below the
    // backstop). Each checkpoint copies it all, so the next commit restarts it from the start.
    const walPages = (await Deno.stat(`${path}-wal`)).size / 4096;
    assert.ok(walPages < 400, `log of ${walPages} pages`);
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 3000);
  });
});

Deno.test("commits reported while a checkpoint runs get one more checkpoint", async () => {
  await withWal(1, async ({ path, checkpointer, commitRows }) => {
    commitRows(1);
    await checkpointer.idle(); // the thread is up: checkpoint 1
    commitRows(50); // checkpoint 2 asked for
    // Reported while checkpoint 2 is under way: one more checkpoint, whenever 2 ran.
    commitRows(1000);
    await assertCopiedAll(checkpointer, 50);
    const last = await checkpointer.idle();
    assert.equal(last?.type === "done" && last.count, 3);
    // The database file alone (a copy without the log) holds every row of both commits.
    const copy = `${path}.copy`;
    await Deno.copyFile(path, copy);
    const reader = new DatabaseSync(copy);
    assert.equal((reader.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 1051);
    reader.close();
  });
});

/** The frames the log at `path` holds now (a PASSIVE checkpoint of another connection). */
function logFrames(path: string): number {
  const other = new DatabaseSync(path);
  try {
    return (other.prepare("PRAGMA wal_checkpoint(PASSIVE)").get() as { log: number }).log;
  } finally {
    other.close();
  }
}

Deno.test("a log past the restart point restarts once a reader holding part of it has ended", async () => {
  await withWal(1, async ({ path, checkpointer, commitRows }) => {
    commitRows(1);
    await checkpointer.idle(); // the thread is up
    commitRows(60);
    // A reader's snapshot ends at what is committed now: no checkpoint copies a frame after it,
    // and a RESTART, which waits for it, gives up (writers would wait as long).
    const reader = new DatabaseSync(path);
    reader.exec("BEGIN");
    reader.prepare("SELECT COUNT(*) FROM t").get();
    commitRows(60); // past the restart point (50 frames)
    const held = await checkpointer.idle();
    assert.equal(held?.type === "done" && held.restarted, false, "restarted under a reader");
    reader.exec("COMMIT");
    reader.close();
    commitRows(1); // the next checkpoint, the reader gone, restarts the log
    const outcome = await checkpointer.idle();
    assert.equal(outcome?.type === "done" && outcome.restarted, true);
    await assertCopiedAll(checkpointer, 60);
    // Every frame was copied and no reader reads the log: the next commit starts it over. A
    // PASSIVE checkpoint alone would have left the log as long, and the next commit would have
    // appended to it.
    commitRows(1);
    assert.ok(logFrames(path) < 10, `log of ${logFrames(path)} frames`);
  }, { restartPages: 50 });
});

Deno.test("every close() resolves once the thread's connection is closed", async () => {
  await withWal(1, async ({ path, db, checkpointer, commitRows }) => {
    commitRows(1);
    await checkpointer.idle(); // the thread and its connection are up
    const first = checkpointer.close();
    await checkpointer.close(); // a second caller, as a concurrent close of the database's owner
    db.close();
    // SQLite removes the log when the last connection closes: the thread's was closed before.
    await assert.rejects(Deno.stat(`${path}-wal`), Deno.errors.NotFound);
    await first;
  });
});

Deno.test("the heartbeat starts the thread and copies what another connection committed unreported", async () => {
  await withWal(3, async ({ path, checkpointer }) => {
    // A task thread's connection (`deferred`): its commits are not reported to this checkpointer.
    const other = new DatabaseSync(path);
    try {
      const insert = other.prepare("INSERT INTO t (body) VALUES (?)");
      other.exec("BEGIN");
      for (let i = 0; i < 50; i++) insert.run("x".repeat(4000));
      other.exec("COMMIT");
      // Three heartbeats start the thread; a checkpoint then copies the other connection's log.
      await waitFor("the other connection's log copied", async () => {
        const outcome = await checkpointer.idle();
        return outcome?.type === "done" && outcome.log >= 50 &&
          outcome.checkpointed === outcome.log;
      });
    } finally {
      other.close();
    }
  }, { heartbeatMs: 10 });
});

Deno.test("idle() resolves once the reported commits are copied, while heartbeats go on", async () => {
  // The thread answers 50 ms after each checkpoint, so a heartbeat always comes meanwhile and
  // asks for one more: as the default interval and heartbeat do (one second each).
  await withWal(1, async ({ checkpointer, commitRows }) => {
    commitRows(20);
    let resolved = false;
    const idle = checkpointer.idle().finally(() => resolved = true);
    await waitFor("idle() to resolve", () => resolved);
    const outcome = await idle;
    assert.equal(outcome?.type, "done");
    if (outcome?.type !== "done") return;
    assert.ok(outcome.log >= 20, `log frames ${outcome.log}`);
    assert.equal(outcome.checkpointed, outcome.log);
  }, { heartbeatMs: 10, intervalMs: 50 });
});
