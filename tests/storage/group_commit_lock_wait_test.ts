/**
 * A batch that finds the write lock held by another connection waits for it without blocking
 * its thread (timers still fire meanwhile), then commits once the lock is released.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createGroupCommit } from "../../src/storage/sqlite/group_commit.ts";
import { rowCount, settled, withDatabase } from "./_group_commit_db.ts";

Deno.test("group commit: a batch waits for another connection's write lock without blocking the thread", async () => {
  await withDatabase(async (db, path) => {
    // The batch's wait budget: far longer than a busy machine can delay the check below.
    db.exec("PRAGMA busy_timeout = 60000");
    const group = createGroupCommit(db);
    const other = new DatabaseSync(path);
    try {
      other.exec("BEGIN IMMEDIATE");
      const write = group.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run().changes);
      // A wait blocking the thread would hold it until the busy timeout ran out, the write then
      // failed (settled) before this could look: unsettled means the thread was free.
      assert.equal(await settled(write), false, "still waiting for the lock, the thread free");
      other.exec("COMMIT");
      assert.equal(await write, 1);
      assert.equal(rowCount(db), 1);
    } finally {
      other.close();
      await group.close();
    }
  });
});
