/**
 * A batch of one write runs without a savepoint: when it fails, the caller hears its own error
 * (not a 503), whatever it wrote before failing is gone, no commit is reported, and the
 * connection is ready for the next batch; with or without the log flushed apart (`walPath`).
 */
import assert from "node:assert/strict";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { rowCount, withDatabase } from "./_group_commit_db.ts";

for (const flushed of [false, true]) {
  Deno.test(`group commit${flushed ? " with walPath" : ""}: a lone write that fails is rolled back alone and rejected with its own error`, async () => {
    await withDatabase(async (db, path) => {
      let commits = 0;
      const group = createGroupCommit(db, {
        onCommit: () => commits++,
        ...(flushed ? { walPath: `${path}-wal` } : {}),
      });
      const insert = (id: number, v: string) =>
        db.prepare("INSERT INTO t (id, v) VALUES (?, ?)").run(id, v).changes;
      assert.equal(await group.run(() => insert(1, "first")), 1);
      assert.equal(commits, 1);
      // Writes a row, then collides with the stored one: both undone.
      const failing = group.run(() => {
        insert(2, "written before the failure");
        return insert(1, "duplicate");
      });
      await assert.rejects(failing, (error: Error & { status?: number }) => {
        assert.match(error.message, /UNIQUE constraint failed/);
        assert.equal(error.status, undefined, "its own error, not the store's 503");
        return true;
      });
      assert.equal(db.isTransaction, false);
      assert.equal(commits, 1, "nothing committed");
      assert.equal(rowCount(db), 1, "the row written before the failure is gone");
      assert.equal(await group.run(() => insert(2, "next")), 1);
      assert.equal(rowCount(db), 2);
      await group.close();
    });
  });
}
