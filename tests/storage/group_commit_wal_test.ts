/**
 * The group commit's off-thread disk flush (`walPath`): a write is answered only after the
 * write-ahead log was flushed to disk, commits made while a flush runs share the next one,
 * the log is opened once (a flush is one `fdatasync`), closing waits for the flush under way, and the document store uses it when opened with
 * `synchronous = FULL` (the default). Failed flushes: `group_commit_wal_failure_test.ts`.
 */
import assert from "node:assert/strict";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import {
  holdFlushes,
  recordFlushes,
  rowCount,
  settled,
  withDatabase,
  withHeldWalCommits,
} from "./_group_commit_db.ts";

Deno.test("group commit with walPath: writers are answered after the log's flush, later commits share the next flush", async () => {
  await withHeldWalCommits(async ({ db, commits, flushes }) => {
    const synchronous = db.prepare("PRAGMA synchronous").get() as { synchronous: number };
    assert.equal(synchronous.synchronous, 1, "the commit itself no longer waits for the disk");
    const insert = (v: string) =>
      commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).lastInsertRowid);
    const first = insert("a");
    await flushes.startedCount(1);
    // Committed (another reader sees it) but not answered before its flush ends.
    assert.equal(rowCount(db), 1);
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
  });
});

Deno.test("group commit with walPath: a failing write fails alone", async () => {
  await withHeldWalCommits(async ({ db, commits, flushes }) => {
    const ok = commits.run(() => db.prepare("INSERT INTO t (id, v) VALUES (1, 'a')").run());
    const duplicate = commits.run(() => db.prepare("INSERT INTO t (id, v) VALUES (1, 'b')").run());
    await flushes.startedCount(1);
    assert.equal(await settled(ok), false);
    flushes.started[0]!.resolve();
    await ok;
    await assert.rejects(duplicate, /UNIQUE/);
    await commits.close();
  });
});

Deno.test("group commit with walPath: flush() commits in the thread, its writers wait for the log's flush; close waits for it", async () => {
  await withHeldWalCommits(async ({ db, commits, flushes }) => {
    const write = commits.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run());
    await flushes.startedCount(1);
    const urgent = commits.run(() => db.prepare("INSERT INTO t (v) VALUES ('b')").run());
    commits.flush();
    assert.equal(rowCount(db), 2, "committed in the thread");
    const closing = commits.close();
    assert.equal(await settled(urgent), false, "answered after a flush that starts later");
    assert.equal(await settled(closing), false, "close waits for the flush under way");
    flushes.started[0]!.resolve();
    await write;
    await flushes.startedCount(2);
    assert.equal(await settled(closing), false, "and for the next one");
    flushes.started[1]!.resolve();
    await urgent;
    await closing;
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

Deno.test("group commit with walPath: the log is opened once, reused after an idle spell and a checkpoint that truncates it, and let go by close", async () => {
  await withDatabase(async (db, path) => {
    const flushes = recordFlushes();
    const open = Deno.open;
    // Files opened meanwhile, and whether each was closed (`deno task test` may not list
    // /proc/self/fd: that needs --allow-all).
    const opened: Array<{ path: string; closed: boolean }> = [];
    Deno.open = async (file, options) => {
      const handle = await open(file, options);
      const record = { path: String(file), closed: false };
      opened.push(record);
      const close = handle.close.bind(handle);
      handle.close = () => {
        record.closed = true;
        close();
      };
      return handle;
    };
    try {
      const commits = createGroupCommit(db, { walPath: `${path}-wal` });
      const insert = (v: string) =>
        commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v));
      await insert("a");
      // Idle: nothing was queued behind that flush.
      await new Promise((resolve) => setTimeout(resolve, 5));
      await insert("b");
      const { ino } = await Deno.stat(`${path}-wal`);
      db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      assert.equal((await Deno.stat(`${path}-wal`)).size, 0, "the log was truncated");
      await insert("c");
      const log = await Deno.stat(`${path}-wal`);
      assert.ok(log.size > 0 && log.ino === ino, "the next commit wrote the same file again");
      const logFlushes = flushes.flushes.filter((flush) => flush.ino === ino);
      assert.equal(logFlushes.length, 3, "each batch's flush reached the log");
      // This log only: the test process may flush other stores' logs meanwhile.
      const logOpens = opened.filter((file) => file.path === `${path}-wal`);
      assert.equal(logOpens.length, 1, "opened once");
      assert.equal(logOpens[0]!.closed, false, "kept open between flushes");
      await commits.close();
      assert.equal(logOpens[0]!.closed, true, "close let the log go");
    } finally {
      Deno.open = open;
      flushes.restore();
    }
  });
});
