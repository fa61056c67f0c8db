/**
 * The index-order page (`index_order_page.ts`) on a bare connection over two indexes: every
 * window (before, across and after the boundary between the indexes, past the end, empty) gives
 * the hits and the total of the one-pass query's order (score, index, insertion) with a constant
 * score, whether its documents are read after the list of every hit or one at a time (dense hits),
 * and which searches take it; and, on an index, filter-only pages (value conditions of every kind,
 * dense and sparse) equal the same pages sorted by `_doc`, which the one-pass query answers.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import {
  indexOrderPage,
  type IndexOrderPart,
  inIndexOrder,
} from "../../src/search/sqlite/index_order_page.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import type { SearchDoc } from "../../src/search/search_index.ts";
import { itemMapping } from "./_search_fixtures.ts";

function connection(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec(
    `CREATE TABLE a (rid INTEGER PRIMARY KEY, v); CREATE TABLE b (rid INTEGER PRIMARY KEY, v);`,
  );
  const insert = (table: string, rows: number, every: number) => {
    const st = db.prepare(`INSERT INTO ${table} (rid, v) VALUES (?, ?)`);
    // Rows inserted out of rid order, so rowid order is not the insertion statement's order.
    for (let i = rows; i >= 1; i--) st.run(i, i % every === 0 ? "hit" : "miss");
  };
  insert("a", 40, 3);
  insert("b", 25, 2);
  return db;
}

/** Each index's part, counting the times its documents are read one at a time. */
function parts(probed: number[]): IndexOrderPart[] {
  return ["a", "b"].map((table, i) => ({
    layout: { docs: table },
    from: {
      sql: `${table} d WHERE d.rid IN (SELECT rid FROM ${table} WHERE v = ?)`,
      params: ["hit"],
    },
    probeFrom: () => {
      probed[i]!++;
      return {
        sql: `${table} d WHERE EXISTS (SELECT 1 FROM ${table} x WHERE x.rid = d.rid AND x.v = ?)`,
        params: ["hit"],
      };
    },
  }));
}

function onePass(db: DatabaseSync, from: number, size: number) {
  const rows = db.prepare(
    `SELECT res, rid, COUNT(*) OVER () AS total FROM (
       SELECT 0 AS res, d.rid AS rid, 0 AS score FROM a d WHERE d.v = ? UNION ALL
       SELECT 1 AS res, d.rid AS rid, 0 AS score FROM b d WHERE d.v = ?)
     ORDER BY score DESC, res, rid LIMIT ? OFFSET ?`,
  ).all("hit", "hit", size, from) as Array<{ res: number; rid: number; total: number }>;
  return { page: rows.map(({ res, rid }) => ({ res, rid })), total: rows[0]?.total };
}

Deno.test("an index-order page is the one-pass page of a constant score, in every window", () => {
  const db = connection();
  // 13 hits in a, 12 in b.
  const windows = [[0, 5], [10, 5], [13, 4], [12, 1], [0, 25], [20, 10], [25, 3], [40, 10], [0, 0]];
  const probed = [0, 0];
  for (const [from, size] of windows) {
    const got = indexOrderPage(db, parts(probed), { from: from!, size: size! });
    const want = onePass(db, from!, size!);
    assert.deepEqual(got.page, want.page, `window ${from}+${size}`);
    assert.equal(got.total, 25);
    if (want.total !== undefined) assert.equal(got.total, want.total);
  }
  // 13 of a's 40 documents are hits: only a page ending at its first hit reads them one by one
  // (2 × 1 × 40 < 13²); 12 of b's 25: pages ending within its first two hits (2 × 2 × 25 < 12²).
  assert.deepEqual(probed, [0, 1]);
  db.close();
});

Deno.test("dense hits are read one document at a time, with the same page", () => {
  const db = connection();
  db.exec("UPDATE a SET v = 'hit' WHERE rid > 2");
  const probed = [0, 0];
  for (const [from, size] of [[0, 10], [30, 5], [36, 4], [38, 3]]) {
    const got = indexOrderPage(db, parts(probed), { from: from!, size: size! });
    assert.deepEqual(got.page, onePass(db, from!, size!).page, `window ${from}+${size}`);
    assert.equal(got.total, 50);
  }
  // a: 38 hits of 40, read one at a time up to its 10th (2 × 10 × 40 < 38²), not up to its 35th
  // or 38th; b: 12 of 25, one at a time up to its 2nd (2 × 2 × 25 < 12²), not its 3rd.
  assert.deepEqual(probed, [1, 1]);
  db.close();
});

Deno.test("only searches sorted by nothing or _score, with no scoring clause, are in index order", () => {
  assert.equal(inIndexOrder([], true), true);
  assert.equal(inIndexOrder([{ field: "_score" }], true), true);
  assert.equal(inIndexOrder([], false), false);
  assert.equal(inIndexOrder([{ field: "_doc" }], true), false);
  assert.equal(inIndexOrder([{ field: "_score" }, { field: "guid" }], true), false);
});

/** Filter-only queries whose hits are most of the index (the per-document read) or few. */
const FILTERS: unknown[] = [
  { range: { urgency: { gte: 2 } } },
  { range: { versioncreated: { lt: "now" } } },
  { bool: { must_not: [{ exists: { field: "priority" } }] } },
  {
    bool: {
      filter: [{ exists: { field: "task.desk" } }, { terms: { state: ["draft", "spiked"] } }],
    },
  },
  {
    bool: {
      should: [{ bool: { must_not: { exists: { field: "body_html" } } } }, {
        term: { urgency: 5 },
      }],
      minimum_should_match: 1,
    },
  },
  { term: { "flags.marked_for_not_publication": false } },
  { prefix: { slugline: "s" } },
  { wildcard: { "subject.qcode": "0*" } },
  { query_string: { query: "_exists_:task.desk AND NOT state:spiked" } },
  { query_string: { query: "urgency:[2 TO 4] OR state:draft" } },
  { term: { state: "spiked" } },
];

Deno.test("filter-only pages equal the same pages sorted by _doc (lists of every hit)", async () => {
  const index = createSqliteSearchIndex({ path: ":memory:", prefix: "order" });
  try {
    await index.ensureIndex("items", itemMapping);
    const states = ["draft", "published", "in_progress", "spiked"];
    await index.index(
      "items",
      Array.from({ length: 400 }, (_, i): SearchDoc => ({
        _id: `i${i}`,
        headline: `headline ${i}`,
        ...(i % 7 ? { body_html: `<p>body ${i}</p>` } : {}),
        slugline: `s${i % 13}`,
        urgency: 1 + i % 5,
        ...(i % 11 ? {} : { priority: i % 3 }),
        state: states[i % 4]!,
        flags: { marked_for_not_publication: i % 9 === 0 },
        subject: i % 3 ? [{ qcode: `0${i % 4}000000`, name: "x" }] : [],
        versioncreated: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
        ...(i % 5 ? { task: { desk: `d${i % 3}` } } : {}),
      })),
    );
    // Gaps in the rowids: documents removed here and there.
    await index.remove("items", Array.from({ length: 40 }, (_, i) => `i${i * 10 + 3}`));
    for (const query of FILTERS) {
      for (const [from, size] of [[0, 5], [0, 25], [17, 10], [300, 50], [0, 400]]) {
        const body = { query, from, size, _source: false };
        const got = await index.search(["items"], body);
        const want = await index.search(["items"], { ...body, sort: ["_doc"] });
        const label = `${JSON.stringify(query)} ${from}+${size}`;
        assert.deepEqual(got.hits.map((h) => h._id), want.hits.map((h) => h._id), label);
        assert.equal(got.total, want.total, label);
      }
    }
  } finally {
    await index.close();
  }
});

Deno.test("hits bunched at the newest documents are not found by reading every older one", () => {
  const db = new DatabaseSync(":memory:");
  db.exec("CREATE TABLE c (rid INTEGER PRIMARY KEY, v)");
  const insert = db.prepare("INSERT INTO c (rid, v) VALUES (?, ?)");
  // 1,000 documents, the hits the newest 200 (a date range over the latest items).
  for (let rid = 1; rid <= 1000; rid++) insert.run(rid, rid > 800 ? "hit" : "miss");
  let examined = 0;
  db.function("examined", () => ++examined);
  let probed = 0;
  const part: IndexOrderPart = {
    layout: { docs: "c" },
    from: { sql: "c d WHERE d.rid IN (SELECT rid FROM c WHERE v = ?)", params: ["hit"] },
    probeFrom: () => {
      probed++;
      return {
        sql: "c d WHERE examined() AND EXISTS (SELECT 1 FROM c x WHERE x.rid = d.rid AND x.v = ?)",
        params: ["hit"],
      };
    },
  };
  for (const [from, size] of [[0, 5], [3, 2], [195, 10]]) {
    const got = indexOrderPage(db, [part], { from: from!, size: size! });
    const want = Array.from({ length: Math.min(size!, 200 - from!) }, (_, i) => ({
      res: 0,
      rid: 801 + from! + i,
    }));
    assert.deepEqual(got.page, want, `window ${from}+${size}`);
    assert.equal(got.total, 200);
  }
  // The first two windows are dense by the estimate (2 × 5 × 1000 < 200²) and try the
  // per-document read; it gives up within the documents the estimate expected to read (about
  // 2 × 5 × 1000 / 200 each) rather than reading the 800 older ones, and the list answers.
  assert.equal(probed, 2);
  assert.ok(examined <= 2 * 50, `${examined} documents read one at a time`);
  db.close();
});
