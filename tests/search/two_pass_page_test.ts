/**
 * The two-pass sorted page (`two_pass_page.ts`) on a bare connection: its temporary table of first
 * keys is left empty after a page and after a failed one, so a connection holds no search's keys.
 */
import assert from "node:assert/strict";
import { connection, part, SORT } from "./_sorted_parts.ts";
import { DatabaseSync } from "node:sqlite";
import { twoPassPage } from "../../src/search/sqlite/two_pass_page.ts";

const ORDER = ["(s0 IS NULL) ASC", "s0 ASC", "(s1 IS NULL) ASC", "s1 DESC", "res", "rid"];

const firstKeys = (db: DatabaseSync) =>
  (db.prepare("SELECT COUNT(*) AS n FROM temp.search_first_key").get() as { n: number }).n;

Deno.test("a sorted page leaves its temporary table of first keys empty", () => {
  const db = connection();
  const { page, total } = twoPassPage(
    db,
    [part("(SELECT b FROM docs x WHERE x.rid = d.rid)")],
    SORT,
    ORDER,
    { from: 1, size: 2 },
  );
  assert.deepEqual(page.map((r) => r.rid), [3, 1]);
  assert.equal(total, 4);
  assert.equal(firstKeys(db), 0);
  db.close();
});

Deno.test("a sorted page that fails leaves its temporary table of first keys empty", () => {
  const db = connection();
  assert.throws(
    () =>
      twoPassPage(db, [part("(SELECT no_such FROM docs x)")], SORT, ORDER, { from: 0, size: 2 }),
    /no such column/,
  );
  assert.equal(firstKeys(db), 0);
  db.close();
});
