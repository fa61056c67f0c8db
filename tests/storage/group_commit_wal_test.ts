/**
 * The group commit's off-thread disk flush (`walPath`): a write is answered only after the
 * write-ahead log was flushed to disk, commits made while a flush runs share the next one, a
 * failed flush fails the writers it covered, closing waits for the flush under way, and the
 * document store uses it when opened with `synchronous = FULL` (the default).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

/** `Deno.FsFile.prototype.syncData` replaced by a flush the test ends itself. */
function holdFlushes() {
  const original = Deno.FsFile.prototype.syncData;
  const started: Array<PromiseWithResolvers<void>> = [];
  const waiters: Array<() => void> = [];
  Deno.FsFile.prototype.syncData = function () {
    const flush = Promise.withResolvers<void>();
    started.push(flush);
    waiters.splice(0).forEach((wake) => wake());
    return flush.promise;
  };
  return {
    started,
    /** Resolves once `n` flushes have started. */
    async startedCount(n: number) {
      while (started.length < n) await new Promise<void>((wake) => waiters.push(wake));
    },
    restore() {
      Deno.FsFile.prototype.syncData = original;
    },
  };
}

async function withDatabase(body: (db: DatabaseSync, path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "group_commit_" });
  const path = `${dir}/data.db`;
  const db = new DatabaseSync(path);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000");
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  try {
    await body(db, path);
  } finally {
    db.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Whether `promise` has settled after the current turns of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(() => done = true, () => done = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

Deno.test("group commit with walPath: writers are answered after the log's flush, later commits share the next flush", async () => {
  await withDatabase(async (db, path) => {
    const flushes = holdFlushes();
    try {
      const commits = createGroupCommit(db, { walPath: `${path}-wal` });
      const synchronous = db.prepare("PRAGMA synchronous").get() as { synchronous: number };
      assert.equal(synchronous.synchronous, 1, "the commit itself no longer waits for the disk");
      const insert = (v: string) =>
        commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).lastInsertRowid);
      const first = insert("a");
      await flushes.startedCount(1);
      // Committed (another reader sees it) but not answered before its flush ends.
      assert.equal((db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n, 1);
      assert.equal(await settled(first), false);
      // Two batches committed while the first flush runs wait for one more flush, not two.
      const second = insert("b");
      await settled(second);
      const third = insert("c");
      await settled(third);
      assert.equal(flushes.started.length, 1);
      flushes.started[0]!.resolve();
      assert.equal(Number(await first), 1);
      await flushes.startedCount(2);
      assert.equal(await settled(second), false);
      assert.equal(await settled(third), false);
      flushes.started[1]!.resolve();
      assert.deepEqual((await Promise.all([second, third])).map(Number), [2, 3]);
      assert.equal(flushes.started.length, 2);
      await commits.close();
    } finally {
      flushes.restore();
    }
  });
});

Deno.test("group commit with walPath: a failed flush fails its writers; a failing write still fails alone", async () => {
  await withDatabase(async (db, path) => {
    const flushes = holdFlushes();
    try {
      const commits = createGroupCommit(db, { walPath: `${path}-wal` });
      const ok = commits.run(() => db.prepare("INSERT INTO t (id, v) VALUES (1, 'a')").run());
      const duplicate = commits.run(() =>
        db.prepare("INSERT INTO t (id, v) VALUES (1, 'b')").run()
      );
      await flushes.startedCount(1);
      flushes.started[0]!.reject(new Error("disk gone"));
      await assert.rejects(ok, /disk gone/);
      await assert.rejects(duplicate, /UNIQUE/);
      const later = commits.run(() => db.prepare("INSERT INTO t (id, v) VALUES (2, 'c')").run());
      await flushes.startedCount(2);
      flushes.started[1]!.resolve();
      await later;
      await commits.close();
    } finally {
      flushes.restore();
    }
  });
});

Deno.test("group commit with walPath: close waits for the flush under way, flush() flushes in the thread", async () => {
  await withDatabase(async (db, path) => {
    const flushes = holdFlushes();
    try {
      const commits = createGroupCommit(db, { walPath: `${path}-wal` });
      const write = commits.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run());
      await flushes.startedCount(1);
      // Written meanwhile and flushed at once by flush(), with syncDataSync.
      const urgent = commits.run(() => db.prepare("INSERT INTO t (v) VALUES ('b')").run());
      commits.flush();
      await urgent;
      const closing = commits.close();
      assert.equal(await settled(closing), false, "close waits for the flush under way");
      flushes.started[0]!.resolve();
      await write;
      await closing;
    } finally {
      flushes.restore();
    }
  });
});

Deno.test("sqlite store: FULL (the default) answers a write after the log's flush; NORMAL does not flush", async () => {
  const dir = await Deno.makeTempDir({ prefix: "group_commit_store_" });
  const flushes = holdFlushes();
  try {
    const full = createSqliteDocumentStore({ path: `${dir}/full.db` });
    const written = full.collection("items").insertMany([{ _id: "a", n: 1 }]);
    await flushes.startedCount(1);
    assert.equal(await settled(written), false);
    flushes.started[0]!.resolve();
    await written;
    assert.deepEqual(await full.collection("items").findOne({ _id: "a" }), { _id: "a", n: 1 });
    await full.close();
    const normal = createSqliteDocumentStore({ path: `${dir}/normal.db`, synchronous: "NORMAL" });
    await normal.collection("items").insertMany([{ _id: "b", n: 2 }]);
    assert.equal(flushes.started.length, 1);
    await normal.close();
  } finally {
    flushes.restore();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite store: an in-memory store (no write-ahead log) keeps SQLite's own FULL commits", async () => {
  const flushes = holdFlushes();
  try {
    const store = createSqliteDocumentStore({ path: ":memory:" });
    await store.collection("items").insertMany([{ _id: "a", n: 1 }]);
    assert.equal(flushes.started.length, 0);
    assert.deepEqual(await store.collection("items").findOne({ _id: "a" }), { _id: "a", n: 1 });
    await store.close();
  } finally {
    flushes.restore();
  }
});
