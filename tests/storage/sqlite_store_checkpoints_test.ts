/**
 * The embedded document store's log checkpoints in a thread (`checkpoints: "thread"`, as the
 * server's spawning thread opens it): the writes reach the database file without the writing
 * connection checkpointing (SQLite's automatic checkpoint waits for 1000 log pages, which these
 * few writes are far from), and closing the store stops the thread first (its connection closed,
 * the store's is the last and removes the log).
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

/** The rows of `table` in the database file alone (a copy without its log). */
async function rowsInFile(path: string, table: string): Promise<number> {
  const copy = `${path}.copy`;
  await Deno.copyFile(path, copy);
  const reader = new DatabaseSync(copy);
  try {
    const exists = reader.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(table);
    if (!exists) return 0;
    return (reader.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
  } finally {
    reader.close();
    await Deno.remove(copy);
  }
}

Deno.test("a document store with checkpoints in a thread copies its log off the writing connection", async () => {
  const dir = await Deno.makeTempDir({ prefix: "store_checkpoints_" });
  const path = `${dir}/documents.db`;
  try {
    const store = createSqliteDocumentStore({
      path,
      checkpoints: "thread",
      checkpointThread: { startAfter: 1, intervalMs: 0 },
    });
    try {
      const items = store.collection("items");
      for (let i = 0; i < 5; i++) await items.insertMany([{ _id: `item-${i}`, n: i }]);
      // The thread checkpoints after each commit (SQLite alone would copy nothing before 1000
      // log pages): once it has copied the last one, the file alone holds the five rows.
      const outcome = await store.checkpointed();
      assert.equal(outcome?.type, "done");
      assert.equal(await rowsInFile(path, "items"), 5);
    } finally {
      await store.close();
    }
    // SQLite removes the log when the last connection closes: the thread's was closed before.
    await assert.rejects(Deno.stat(`${path}-wal`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
