/**
 * The grouped sorted page (`sorted_page.ts`) on a bare connection: its temporary tables of groups
 * and of hits are left empty after a page and after a failed one, so a connection holds no
 * search's keys; a page over many groups of ties compiles each statement once and reads each group
 * through the groups' table's index; the documents' rowid span, which decides whether a key's
 * values are walked, is read once per page.
 */
import assert from "node:assert/strict";
import { connection, part, SORT } from "./_sorted_parts.ts";
import { DatabaseSync } from "node:sqlite";
import { GROUPS, HITS, sortedPage } from "../../src/search/sqlite/sorted_page.ts";
import { aroundGets, recording } from "./_recording_db.ts";

/** Rows left in the temporary tables of groups and of hits. */
const groupRows = (db: DatabaseSync) =>
  (db.prepare(
    `SELECT (SELECT COUNT(*) FROM temp.${GROUPS.name}) + (SELECT COUNT(*) FROM temp.${HITS.name})
     AS n`,
  ).get() as { n: number }).n;

Deno.test("a sorted page leaves its temporary tables of groups and hits empty", () => {
  const db = connection();
  const { page, total } = sortedPage(
    db,
    [part("(SELECT b FROM docs x WHERE x.rid = d.rid)")],
    SORT,
    { from: 1, size: 2 },
    { onlyDense: false },
  )!;
  assert.deepEqual(page.map((r) => r.rid), [3, 1]);
  assert.equal(total, 4);
  assert.equal(groupRows(db), 0);
  db.close();
});

Deno.test("a sorted page that fails leaves its temporary tables of groups and hits empty", () => {
  const db = connection();
  assert.throws(
    () =>
      sortedPage(db, [part("(SELECT no_such FROM docs x)")], SORT, { from: 0, size: 2 }, {
        onlyDense: false,
      }),
    /no such column/,
  );
  assert.equal(groupRows(db), 0);
  db.close();
});

Deno.test("many groups of ties: each statement compiled once, each group read by its key", () => {
  const db = new DatabaseSync(":memory:");
  // 400 documents, first key in pairs (200 groups of two), second key the reverse of the rowid.
  db.exec(`CREATE TABLE docs (rid INTEGER PRIMARY KEY, a, b);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
    INSERT INTO docs SELECT i, i / 2, -i FROM n;`);
  const prepared: string[] = [];
  const { page, total } = sortedPage(
    recording(db, prepared),
    [part("(SELECT b FROM docs x WHERE x.rid = d.rid)")],
    [SORT[0]!, { field: "b", order: "ASC", missing: "_last" }],
    { from: 0, size: 400 },
    { onlyDense: false },
  )!;
  assert.equal(total, 400);
  // Pairs (2k, 2k+1) by a; within a pair, by b ascending: 2k+1 first.
  assert.deepEqual(page.slice(0, 5).map((r) => r.rid), [1, 3, 2, 5, 4]);
  assert.equal(new Set(page.map((r) => r.rid)).size, 400);
  // Not a statement per group: the same few texts for the 199 pairs.
  assert.ok(prepared.length < 10, `${prepared.length} statements prepared`);
  // A group's members are found by (grp, s), not by scanning every member of its `grp` (the
  // hits, the first group, have a table of their own).
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${GROUPS.name} (${GROUPS.columns}) ${GROUPS.options}`);
  const byKey = prepared.filter((sql) => /\bs IS \?/.test(sql));
  assert.ok(byKey.length >= 1, prepared.join("\n"));
  for (const sql of byKey) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
      ...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1),
    ) as Array<{ detail: string }>;
    assert.ok(
      plan.some((row) => /search_sort_groups_by \(grp=\? AND s=\?/.test(row.detail)),
      `${sql}\n${plan.map((row) => row.detail).join("\n")}`,
    );
  }
  db.close();
});

Deno.test("a sorted page reads its documents' rowid span once, however many keys it checks", () => {
  const db = connection();
  db.exec(`CREATE TABLE vals (path, val, rid);
    INSERT INTO vals SELECT 'a', a, rid FROM docs WHERE a IS NOT NULL;
    INSERT INTO vals SELECT 'b', b, rid FROM docs;`);
  const leaves = new Map(["a", "b"].map((f) => [f, { type: "keyword" as const, source: f }]));
  const walked = { ...part("(SELECT b FROM docs x WHERE x.rid = d.rid)") };
  walked.layout = { docs: "docs", vals: "vals", leaves };
  let spans = 0;
  const counted = aroundGets(db, "SELECT (SELECT MIN(rid)", (get) => {
    spans++;
    return get();
  });
  // Dense for a one-hit window: the page's own check and the first key's walk.
  const first = sortedPage(counted, [walked], SORT, { from: 0, size: 1 })!;
  assert.deepEqual(first.page.map((r) => r.rid), [2]);
  assert.equal(spans, 1);
  // Every hit: the first key and then the second, within the tie a = 2.
  spans = 0;
  const all = sortedPage(counted, [walked], SORT, { from: 0, size: 4 }, { onlyDense: false })!;
  assert.deepEqual(all.page.map((r) => r.rid), [2, 3, 1, 4]);
  assert.equal(spans, 1);
  db.close();
});
