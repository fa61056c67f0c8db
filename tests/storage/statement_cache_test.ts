/**
 * The SQLite statement cache: one prepared statement per SQL text, emptied when full, and with
 * `arrays` statements whose rows are arrays of column values in the SELECT's order (what the
 * store's JSON reads, `find` and counts take), without touching the object rows of another cache
 * over the same connection and text.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createStatementCache } from "../../src/storage/sqlite/statement_cache.ts";

function database(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
  db.exec(`INSERT INTO t VALUES ('a', '{"n":1}'), ('b', '{"n":2}')`);
  return db;
}

Deno.test("statement cache: one statement per SQL text, emptied when full", () => {
  const db = database();
  const cache = createStatementCache(db, 2);
  const first = cache.prepare("SELECT id FROM t");
  assert.equal(cache.prepare("SELECT id FROM t"), first);
  cache.prepare("SELECT doc FROM t");
  cache.prepare("SELECT count(*) FROM t");
  assert.notEqual(cache.prepare("SELECT id FROM t"), first);
  db.close();
});

Deno.test("statement cache: arrays rows beside object rows on the same connection", () => {
  const db = database();
  const objects = createStatementCache(db, 10);
  const arrays = createStatementCache(db, 10, { arrays: true });
  const sql = "SELECT id, doc FROM t ORDER BY id";
  assert.deepEqual(arrays.prepare(sql).all(), [["a", '{"n":1}'], ["b", '{"n":2}']]);
  assert.deepEqual(arrays.prepare("SELECT doc FROM t WHERE id = ?").get("b"), ['{"n":2}']);
  assert.equal(arrays.prepare("SELECT doc FROM t WHERE id = ?").get("z"), undefined);
  assert.deepEqual(arrays.prepare("SELECT count(*) AS n FROM t").get(), [2]);
  const [row] = objects.prepare(sql).all();
  assert.deepEqual({ ...row }, { id: "a", doc: '{"n":1}' });
  db.close();
});
