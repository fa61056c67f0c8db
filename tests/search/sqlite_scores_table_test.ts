/**
 * The embedded index's per-connection temporary table of relevance scores (`sqlite_search.ts`)
 * is emptied once a scored search has chosen its page, so a connection (each search thread
 * keeps one) does not hold the last search's scores in memory.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { readCatalog } from "../../src/search/sqlite/sqlite_catalog.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { runSearch } from "../../src/search/sqlite/sqlite_search.ts";
import { itemMapping, items } from "./_search_fixtures.ts";

Deno.test("a scored search leaves its temporary table of scores empty", async () => {
  const dir = await Deno.makeTempDir({ prefix: "scores_table_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "sc" });
  const db = new DatabaseSync(path);
  try {
    await index.ensureIndex("stories", itemMapping);
    await index.index("stories", items());
    const layouts = readCatalog(db, "sc").indexes("stories").live;
    assert.ok(layouts);
    // Sorts that keep every score (a relevance order takes the scored page, which keeps none).
    for (const sort of [[{ _score: "asc" }], [{ urgency: "asc" }, { _score: "desc" }]]) {
      const result = runSearch(db, [layouts], {
        query: { query_string: { query: "fox OR quick" } },
        sort,
      });
      assert.ok(result.hits.length > 0);
      const { n } = db.prepare("SELECT COUNT(*) AS n FROM temp.search_scores").get() as {
        n: number;
      };
      assert.equal(n, 0);
    }
  } finally {
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});
