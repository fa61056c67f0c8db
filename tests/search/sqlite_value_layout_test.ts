/**
 * The embedded index's values table: a new index clusters it by document (`WITHOUT ROWID`, one
 * row per distinct value at a path) with one index by (path, value); an index made before that
 * (a table with rowids, two indexes, text fields marked with NULL) is still read and written by
 * the same code and answers every query as a new one does.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import type { SearchBody, SearchIndex } from "../../src/search/search_index.ts";
import { itemMapping, items } from "./_search_fixtures.ts";

/** The live concrete index of `prefix`'s stories. */
function liveName(db: DatabaseSync, prefix: string): string {
  return (db.prepare(
    `SELECT name FROM "${prefix}__indexes" WHERE resource = 'stories' AND role = 'live'`,
  ).get() as { name: string }).name;
}

/** Replaces a new index's (empty) values table with the one indexes had before session 9. */
function useOldValuesTable(db: DatabaseSync, name: string) {
  db.exec(`DROP TABLE "${name}__v";
    CREATE TABLE "${name}__v" (rid INTEGER NOT NULL, path TEXT NOT NULL, val);
    CREATE INDEX "${name}__v_path" ON "${name}__v" (path, val, rid);
    CREATE INDEX "${name}__v_rid" ON "${name}__v" (rid, path, val);`);
}

const QUERIES: SearchBody[] = [
  { query: { term: { state: "published" } } },
  { query: { exists: { field: "headline" } } },
  { query: { bool: { must_not: { exists: { field: "body_html" } } } } },
  { query: { range: { urgency: { gte: 2 } } } },
  { query: { terms: { "subject.qcode": ["04000000", "x"] } } },
  { query: { query_string: { query: "fox OR dog" } } },
  { query: { match_all: {} }, sort: [{ urgency: "desc" }, { versioncreated: "asc" }] },
  { size: 0, aggs: { subject: { terms: { field: "subject.qcode" } } } },
];

async function answers(index: SearchIndex) {
  const out = [];
  for (const body of QUERIES) {
    const result = await index.search(["stories"], { size: 20, ...body });
    out.push({
      ids: result.hits.map((hit) => hit._id),
      total: result.total,
      aggs: result.aggregations,
    });
  }
  return out;
}

Deno.test("a new index's values are clustered by document, one row per distinct value", async () => {
  const dir = await Deno.makeTempDir({ prefix: "value_layout_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "lay" });
  const db = new DatabaseSync(path);
  try {
    await index.ensureIndex("stories", itemMapping);
    const [first] = items();
    const economy = { qcode: "04000000", name: "economy" };
    await index.index("stories", [{ ...first!, subject: [economy, economy, economy] }]);
    const name = liveName(db, "lay");
    const { sql } = db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").get(
      `${name}__v`,
    ) as {
      sql: string;
    };
    assert.match(sql, /WITHOUT ROWID/);
    const indexes = db.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?",
    )
      .all(`${name}__v`).map((row) => row.name);
    assert.deepEqual(indexes, [`${name}__v_path`]);
    const rows = db.prepare(`SELECT COUNT(*) AS n FROM "${name}__v" WHERE path = 'subject.qcode'`)
      .get() as { n: number };
    assert.equal(rows.n, 1);
    const { hits } = await index.search(["stories"], {
      query: { term: { "subject.qcode": "04000000" } },
    });
    assert.deepEqual(hits.map((hit) => hit._id), ["a1"]);
  } finally {
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an index made with the earlier values table answers as a new one, writes included", async () => {
  const dir = await Deno.makeTempDir({ prefix: "value_layout_" });
  const path = `${dir}/search.db`;
  const old = createSqliteSearchIndex({ path, prefix: "old" });
  const fresh = createSqliteSearchIndex({ path, prefix: "new" });
  const db = new DatabaseSync(path);
  try {
    await old.ensureIndex("stories", itemMapping);
    await fresh.ensureIndex("stories", itemMapping);
    const name = liveName(db, "old");
    useOldValuesTable(db, name);
    const docs = items();
    for (const index of [old, fresh]) await index.index("stories", docs);
    // The earlier versions marked a text field's presence with NULL.
    db.exec(`UPDATE "${name}__v" SET val = NULL WHERE path IN ('headline', 'body_html')`);
    assert.ok(
      (db.prepare(`SELECT COUNT(*) AS n FROM "${name}__v" WHERE val IS NULL`).get() as {
        n: number;
      }).n > 0,
    );
    for (const index of [old, fresh]) {
      await index.index("stories", [
        { ...docs[0]!, state: "published", urgency: 3, _etag: "e2", body_html: undefined },
        { ...docs[1]!, state: "draft", headline: "Lazy dog wakes", _etag: "e2" },
      ]);
      await index.remove("stories", [docs[2]!._id]);
    }
    const expected = await answers(fresh);
    assert.ok(expected.some((answer) => answer.ids.length > 1));
    assert.deepEqual(await answers(old), expected);
  } finally {
    db.close();
    await old.close();
    await fresh.close();
    await Deno.remove(dir, { recursive: true });
  }
});
