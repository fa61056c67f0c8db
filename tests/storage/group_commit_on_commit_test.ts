/**
 * A group commit's `onCommit` (how a log checkpointer hears of commits, `wal_checkpointer.ts`):
 * called once per committed batch, however many writes it held, and not for a batch SQLite
 * rolled back.
 */
import assert from "node:assert/strict";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { rowCount, withDatabase } from "./_group_commit_db.ts";

Deno.test("group commit: onCommit runs once per committed batch, never for a rolled-back one", async () => {
  await withDatabase(async (db) => {
    let commits = 0;
    const group = createGroupCommit(db, { onCommit: () => commits++ });
    const insert = (v: string) =>
      group.run(() => db.prepare("INSERT INTO t (v) VALUES (?)").run(v).changes);
    await Promise.all([insert("a"), insert("b"), insert("c")]);
    assert.equal(commits, 1, "three writes, one batch");
    await insert("d");
    assert.equal(commits, 2);
    const { page_count: pages } = db.prepare("PRAGMA page_count").get() as { page_count: number };
    db.exec(`PRAGMA max_page_count = ${pages}`);
    await assert.rejects(insert("x".repeat(100_000)), /database or disk is full/);
    assert.equal(commits, 2, "the full disk rolled the batch back");
    assert.equal(rowCount(db), 4);
    await group.close();
  });
});
