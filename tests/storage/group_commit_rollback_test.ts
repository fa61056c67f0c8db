/**
 * A write that makes SQLite roll back the whole transaction (a full disk: `SQLITE_FULL`, here
 * from `max_page_count`) instead of the failing statement alone: every write of its batch is
 * rejected, those that had succeeded too (they were rolled back), nothing escapes as an uncaught
 * error, and the next batch runs normally; a lone write (run without a savepoint) as well.
 */
import assert from "node:assert/strict";
import type { DatabaseSync } from "node:sqlite";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { rowCount, withDatabase } from "./_group_commit_db.ts";

/** Caps the database at its current size plus `pages`. */
function capPages(db: DatabaseSync, pages: number) {
  const { page_count: count } = db.prepare("PRAGMA page_count").get() as { page_count: number };
  db.exec(`PRAGMA max_page_count = ${count + pages}`);
}

for (const flushed of [false, true]) {
  Deno.test(`group commit${flushed ? " with walPath" : ""}: a write that fills the disk fails its whole batch; the next batch commits`, async () => {
    await withDatabase(async (db, path) => {
      const commits = createGroupCommit(db, flushed ? { walPath: `${path}-wal` } : {});
      const insert = (v: string) =>
        commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).changes);
      capPages(db, 2);
      const batch = [insert("small"), insert("x".repeat(100_000)), insert("after")];
      const outcomes = await Promise.allSettled(batch);
      for (const outcome of outcomes) {
        assert.equal(outcome.status, "rejected");
        assert.match(String(outcome.reason), /database or disk is full/);
        assert.equal(
          (outcome.reason as { status?: number }).status,
          503,
          "the store is unavailable",
        );
      }
      assert.equal(db.isTransaction, false);
      assert.equal(rowCount(db), 0, "the whole batch was rolled back");
      capPages(db, 1000);
      assert.deepEqual(await Promise.all([insert("next"), insert("one")]), [1, 1]);
      assert.equal(rowCount(db), 2);
      await commits.close();
    });
  });
}

for (const flushed of [false, true]) {
  Deno.test(`group commit${flushed ? " with walPath" : ""}: a lone write that fills the disk is a 503; the next write commits`, async () => {
    await withDatabase(async (db, path) => {
      const commits = createGroupCommit(db, flushed ? { walPath: `${path}-wal` } : {});
      const insert = (v: string) =>
        commits.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).changes);
      capPages(db, 2);
      await assert.rejects(insert("x".repeat(100_000)), (error: Error & { status?: number }) => {
        assert.match(error.message, /database or disk is full/);
        assert.equal(error.status, 503, "the store is unavailable");
        return true;
      });
      assert.equal(db.isTransaction, false);
      assert.equal(rowCount(db), 0);
      capPages(db, 1000);
      assert.equal(await insert("next"), 1);
      assert.equal(rowCount(db), 1);
      await commits.close();
    });
  });
}
