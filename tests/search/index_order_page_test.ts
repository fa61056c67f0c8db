/**
 * The index-order page (`index_order_page.ts`) on a bare connection over two indexes: every
 * window (before, across and after the boundary between the indexes, past the end, empty) gives
 * the hits and the total of the one-pass query's order (score, index, insertion) with a constant
 * score, whether its documents are read after the list of every hit or one at a time (dense hits),
 * and which searches take it.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import {
  indexOrderPage,
  type IndexOrderPart,
  inIndexOrder,
} from "../../src/search/sqlite/index_order_page.ts";

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
