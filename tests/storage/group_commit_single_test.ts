/**
 * A batch of one write runs without a savepoint: when it fails, the caller hears its own error
 * (not a 503), whatever it wrote before failing is gone, no commit is reported, and the
 * connection is ready for the next batch; with or without the log flushed apart (`walPath`). A
 * write issued while a lone one waits for the lock joins its batch, which then runs in savepoints.
 */
import assert from "node:assert/strict";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { DatabaseSync } from "node:sqlite";
import { rowCount, settled, withDatabase } from "./_group_commit_db.ts";

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

Deno.test("group commit: a batch that grows while it waits for the lock keeps each write's savepoint", async () => {
  await withDatabase(async (db, path) => {
    let commits = 0;
    const group = createGroupCommit(db, { onCommit: () => commits++ });
    const insert = (id: number, v: string) =>
      db.prepare("INSERT INTO t (id, v) VALUES (?, ?)").run(id, v).changes;
    assert.equal(await group.run(() => insert(1, "first")), 1);
    const other = new DatabaseSync(path);
    try {
      other.exec("BEGIN IMMEDIATE");
      const failing = group.run(() => {
        insert(2, "written before the failure");
        return insert(1, "duplicate");
      });
      // Two turns of the event loop: the batch has tried the lock and waits.
      assert.equal(await settled(failing), false, "waiting for the lock");
      assert.equal(await settled(failing), false, "waiting for the lock");
      const joining = group.run(() => insert(3, "joined the waiting batch"));
      other.exec("COMMIT");
      await assert.rejects(failing, /UNIQUE constraint failed/);
      assert.equal(await joining, 1);
      assert.equal(commits, 2, "the two writes shared one commit");
      assert.deepEqual(db.prepare("SELECT id FROM t ORDER BY id").all().map((row) => row.id), [
        1,
        3,
      ]);
    } finally {
      other.close();
      await group.close();
    }
  });
});
