/**
 * The grouped sorted page (`sorted_page.ts`) on a bare connection: its temporary table of groups
 * is left empty after a page and after a failed one, so a connection holds no search's keys.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { sortedPage, type SortedPart } from "../../src/search/sqlite/sorted_page.ts";
import type { SortKey } from "../../src/search/sqlite/sqlite_sort.ts";

const SORT: SortKey[] = [
  { field: "a", order: "ASC", missing: "_last" },
  { field: "b", order: "DESC", missing: "_last" },
];

function connection(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec(`CREATE TABLE docs (rid INTEGER PRIMARY KEY, a, b);
    INSERT INTO docs VALUES (1, 2, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, NULL, 'w');`);
  return db;
}

function part(second: string): SortedPart {
  return {
    layout: { docs: "docs", vals: "no_values", leaves: new Map() },
    scoreSql: "0",
    from: { sql: "docs d WHERE 1", params: [] },
    columns: [
      { sql: "(SELECT a FROM docs x WHERE x.rid = d.rid)", params: [] },
      { sql: second, params: [] },
    ],
  };
}

const groupRows = (db: DatabaseSync) =>
  (db.prepare("SELECT COUNT(*) AS n FROM temp.search_sort_groups").get() as { n: number }).n;

Deno.test("a sorted page leaves its temporary table of groups empty", () => {
  const db = connection();
  const { page, total } = sortedPage(
    db,
    [part("(SELECT b FROM docs x WHERE x.rid = d.rid)")],
    SORT,
    { from: 1, size: 2 },
  );
  assert.deepEqual(page.map((r) => r.rid), [3, 1]);
  assert.equal(total, 4);
  assert.equal(groupRows(db), 0);
  db.close();
});

Deno.test("a sorted page that fails leaves its temporary table of groups empty", () => {
  const db = connection();
  assert.throws(
    () => sortedPage(db, [part("(SELECT no_such FROM docs x)")], SORT, { from: 0, size: 2 }),
    /no such column/,
  );
  assert.equal(groupRows(db), 0);
  db.close();
});
