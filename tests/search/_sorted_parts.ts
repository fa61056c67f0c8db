/**
 * A bare connection and its sorted parts for the page tests (`sorted_page_test.ts`,
 * `two_pass_page_test.ts`): four documents, keys `a` (one missing) and a second column.
 */
import { DatabaseSync } from "node:sqlite";
import type { SortedPart } from "../../src/search/sqlite/sorted_page.ts";
import type { SortKey } from "../../src/search/sqlite/sqlite_sort.ts";

/** `a` ascending, then `b` descending. */
export const SORT: SortKey[] = [
  { field: "a", order: "ASC", missing: "_last" },
  { field: "b", order: "DESC", missing: "_last" },
];

/** An in-memory connection with `docs (rid, a, b)`: (1, 2, x), (2, 1, y), (3, 2, z), (4, -, w). */
export function connection(): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec(`CREATE TABLE docs (rid INTEGER PRIMARY KEY, a, b);
    INSERT INTO docs VALUES (1, 2, 'x'), (2, 1, 'y'), (3, 2, 'z'), (4, NULL, 'w');`);
  return db;
}

/** Every document of `docs`, sorted by `a` then by the column `second`. */
export function part(second: string): SortedPart {
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
