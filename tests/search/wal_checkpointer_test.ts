/**
 * The embedded index's log checkpoints in a thread of their own (`wal_checkpointer.ts`): a
 * checkpoint after reported commits copies the whole log into the database file, the log stays
 * bounded over many commits although the writing connection never checkpoints below its
 * backstop, the thread starts only after a number of commits, and closing stops it.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { BACKSTOP_PAGES, walCheckpointer } from "../../src/search/sqlite/wal_checkpointer.ts";

/** A WAL database in a temporary file with one table to write pages into. */
async function openWal() {
  const dir = await Deno.makeTempDir({ prefix: "wal_checkpointer_" });
  const path = `${dir}/search.db`;
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT);`);
  const insert = db.prepare("INSERT INTO t (body) VALUES (?)");
  /** Commits `rows` rows of ~4 KB (about one log page each). */
  const commitRows = (rows: number) => {
    db.exec("BEGIN");
    for (let i = 0; i < rows; i++) insert.run("x".repeat(4000));
    db.exec("COMMIT");
  };
  return { dir, path, db, commitRows };
}

/** The connection's automatic checkpoint threshold, in log pages. */
function autocheckpointPages(db: DatabaseSync): number {
  return Object.values(db.prepare("PRAGMA wal_autocheckpoint").get()!)[0] as number;
}

Deno.test("the thread starts at the connection's startAfter-th commit", async () => {
  const { dir, path, db, commitRows } = await openWal();
  const checkpointer = walCheckpointer(db, path, { intervalMs: 0, startAfter: 3 });
  try {
    for (let i = 0; i < 2; i++) {
      commitRows(10);
      checkpointer.committed();
    }
    assert.equal(autocheckpointPages(db), 1000);
    assert.equal(await checkpointer.idle(), undefined);
    commitRows(10);
    checkpointer.committed();
    assert.equal(autocheckpointPages(db), BACKSTOP_PAGES);
    const outcome = await checkpointer.idle();
    assert.equal(outcome?.type, "done");
    if (outcome?.type === "done") {
      assert.ok(outcome.log >= 30 && outcome.checkpointed === outcome.log);
    }
  } finally {
    await checkpointer.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a checkpoint after commits copies the whole log, off the writing connection", async () => {
  const { dir, path, db, commitRows } = await openWal();
  const checkpointer = walCheckpointer(db, path, { intervalMs: 0, startAfter: 1 });
  try {
    commitRows(300);
    checkpointer.committed();
    assert.equal(autocheckpointPages(db), BACKSTOP_PAGES);
    const outcome = await checkpointer.idle();
    assert.equal(outcome?.type, "done");
    if (outcome?.type !== "done") return;
    assert.ok(outcome.log >= 300, `log frames ${outcome.log}`);
    assert.equal(outcome.checkpointed, outcome.log);
  } finally {
    await checkpointer.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the log stays bounded over many commits with checkpoints in the thread", async () => {
  const { dir, path, db, commitRows } = await openWal();
  const checkpointer = walCheckpointer(db, path, { intervalMs: 0, startAfter: 1 });
  try {
    for (let round = 0; round < 30; round++) {
      commitRows(100);
      checkpointer.committed();
      await checkpointer.idle();
    }
    // 3000 pages were written; without the thread the log would hold them all (below the
    // backstop). Each checkpoint copies it all, so the next commit restarts it from the start.
    const walPages = (await Deno.stat(`${path}-wal`)).size / 4096;
    assert.ok(walPages < 400, `log of ${walPages} pages`);
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 3000);
  } finally {
    await checkpointer.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("commits reported while a checkpoint runs get one more checkpoint", async () => {
  const { dir, path, db, commitRows } = await openWal();
  const checkpointer = walCheckpointer(db, path, { intervalMs: 0, startAfter: 1 });
  try {
    commitRows(50);
    checkpointer.committed();
    commitRows(50);
    checkpointer.committed();
    const outcome = await checkpointer.idle();
    assert.equal(outcome?.type, "done");
    if (outcome?.type === "done") assert.equal(outcome.checkpointed, outcome.log);
    // Reading through a fresh connection sees every row from the database file and the log.
    const reader = new DatabaseSync(path);
    assert.equal((reader.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n, 100);
    reader.close();
  } finally {
    await checkpointer.close();
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
});
