/**
 * An embedded search reads one snapshot of the index file (`read_snapshot.ts`): documents that
 * another connection (another process sharing the file) removes after the page's statement are
 * still read for that page, and the total agrees with the hits. Searches without search threads
 * (`searchThreads: 0`) call `runSearch` on a connection in no transaction, as this test does.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { readCatalog } from "../../src/search/sqlite/sqlite_catalog.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { runSearch } from "../../src/search/sqlite/sqlite_search.ts";
import { deleteDoc } from "../../src/search/sqlite/sqlite_tables.ts";
import { itemMapping } from "./_search_fixtures.ts";
import { aroundGets } from "./_recording_db.ts";

Deno.test("documents another connection removes after the page are still read for it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "read_snapshot_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "rs", searchThreads: 0 });
  const db = new DatabaseSync(path);
  const other = new DatabaseSync(path);
  try {
    await index.ensureIndex("items", itemMapping);
    const ids = Array.from({ length: 30 }, (_, i) => `d${i}`);
    await index.index("items", ids.map((_id, i) => ({ _id, headline: `flood ${i}`, urgency: i })));
    const layouts = [readCatalog(db, "rs").indexes("items").live!];
    const bodies = [
      { query: { match: { headline: "flood" } }, size: 10 },
      { query: { range: { urgency: { gte: 5 } } }, sort: [{ urgency: "desc" }], size: 10 },
      { size: 10, aggs: { u: { terms: { field: "urgency", size: 50 } } } },
    ];
    for (const body of bodies) {
      const removeAll = () => {
        other.exec("BEGIN IMMEDIATE");
        for (const id of ids) deleteDoc(other, layouts[0]!, id);
        other.exec("COMMIT");
      };
      const want = runSearch(db, layouts, body);
      // Another connection (process) removes them all just before the page's first document read.
      let ran = false;
      const interleaved = aroundGets(db, "SELECT d.id AS id, s.doc AS doc", (get) => {
        if (!ran) removeAll();
        ran = true;
        return get();
      });
      const got = runSearch(interleaved, layouts, body);
      assert.deepEqual(got, want, JSON.stringify(body));
      assert.equal(runSearch(db, layouts, body).total, 0);
      await index.index(
        "items",
        ids.map((_id, i) => ({ _id, headline: `flood ${i}`, urgency: i })),
      );
    }
  } finally {
    other.close();
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});
