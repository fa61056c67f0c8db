/**
 * Which files the off-thread log flush reaches: the log beside the real database file when the
 * store is opened through a symbolic link (SQLite resolves it), the log's folder on a
 * connection's first flush, as SQLite does under `synchronous = FULL` after creating the log,
 * and on every flush the file SQLite writes (the one it opened).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { type RecordedFlush, recordFlushes, withDatabase } from "./_group_commit_db.ts";

/** The flushes of the file or folder whose inode is `ino`. */
function flushesOf(flushes: RecordedFlush[], ino: number | null) {
  return flushes.filter((flush) => flush.ino === ino).map(({ call }) => call);
}

Deno.test("sqlite store opened through a symbolic link flushes the log beside the real file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "group_commit_link_" });
  const recorder = recordFlushes();
  try {
    await Deno.mkdir(`${dir}/real`);
    await Deno.mkdir(`${dir}/link`);
    await Deno.writeFile(`${dir}/real/data.db`, new Uint8Array());
    await Deno.symlink(`${dir}/real/data.db`, `${dir}/link/data.db`);
    const store = createSqliteDocumentStore({ path: `${dir}/link/data.db` });
    await store.collection("items").insertMany([{ _id: "a", n: 1 }]);
    const { ino } = await Deno.stat(`${dir}/real/data.db-wal`);
    assert.deepEqual(flushesOf(recorder.flushes, ino), ["syncData"]);
    await store.close();
  } finally {
    recorder.restore();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("group commit with walPath: the first flush flushes the log's folder too, later ones flush the file SQLite writes", async () => {
  await withDatabase(async (db, path) => {
    const recorder = recordFlushes();
    try {
      const folder = (await Deno.stat(path.slice(0, path.lastIndexOf("/")))).ino;
      const commits = createGroupCommit(db, { walPath: `${path}-wal` });
      const insert = (v: string) =>
        commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v));
      await insert("a");
      const log = (await Deno.stat(`${path}-wal`)).ino;
      assert.deepEqual(flushesOf(recorder.flushes, log), ["syncData"]);
      assert.deepEqual(flushesOf(recorder.flushes, folder), ["sync"]);
      await insert("b");
      assert.deepEqual(flushesOf(recorder.flushes, log), ["syncData", "syncData"]);
      assert.deepEqual(flushesOf(recorder.flushes, folder), ["sync"]);
      // Another file put at the log's path: SQLite goes on writing the file it opened, so that
      // one is flushed (not the stranger at the path), and the folder is not flushed again.
      await Deno.rename(`${path}-wal`, `${path}-old-wal`);
      await Deno.copyFile(`${path}-old-wal`, `${path}-wal`);
      const before = (await Deno.stat(`${path}-old-wal`)).size;
      await insert("c");
      assert.ok((await Deno.stat(`${path}-old-wal`)).size > before, "SQLite wrote its own file");
      assert.deepEqual(flushesOf(recorder.flushes, log), ["syncData", "syncData", "syncData"]);
      const stranger = (await Deno.stat(`${path}-wal`)).ino;
      assert.deepEqual(flushesOf(recorder.flushes, stranger), []);
      assert.deepEqual(flushesOf(recorder.flushes, folder), ["sync"]);
      await commits.close();
    } finally {
      recorder.restore();
    }
  });
});

Deno.test("group commit with walPath: a new connection's first flush flushes the log's folder", async () => {
  await withDatabase(async (db, path) => {
    const recorder = recordFlushes();
    const other = new DatabaseSync(path);
    try {
      other.exec("PRAGMA busy_timeout = 5000");
      const folder = (await Deno.stat(path.slice(0, path.lastIndexOf("/")))).ino;
      const first = createGroupCommit(db, { walPath: `${path}-wal` });
      await first.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run());
      const second = createGroupCommit(other, { walPath: `${path}-wal` });
      await second.run(() => other.prepare("INSERT INTO t (v) VALUES ('b')").run());
      assert.deepEqual(flushesOf(recorder.flushes, folder), ["sync", "sync"]);
      await Promise.all([first.close(), second.close()]);
    } finally {
      other.close();
      recorder.restore();
    }
  });
});
