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
    // A long busy timeout, so that a blocking wait (60 s) and a busy machine's late timer are
    // far apart: the assertion below allows the timer 30 s.
    db.exec("PRAGMA busy_timeout = 60000");
    const group = createGroupCommit(db);
    const other = new DatabaseSync(path);
    try {
      other.exec("BEGIN IMMEDIATE");
      const write = group.run(() => db.prepare("INSERT INTO t (v) VALUES ('a')").run().changes);
      // A blocking wait would hold this timer for the connection's whole busy timeout.
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(performance.now() - started < 30_000, "the thread was not blocked");
      assert.equal(await settled(write), false, "still waiting for the lock");
      other.exec("COMMIT");
      assert.equal(await write, 1);
      assert.equal(rowCount(db), 1);
    } finally {
      other.close();
      await group.close();
    }
  });
});
