/**
 * A sort key's values for the first documents of a group (`sorted_page.ts`) read in order from the
 * values index (`path`, `val`, `rid`) instead of looked up for every document of the group: the
 * index's rows of the key's field, in the key's order, whose document is in the group and whose
 * value is the document's sorting value (the smallest ascending, the largest descending: a
 * document with several values counts once, at that one), up to the window's end and the rest of
 * that value; documents without a value come last. Taken for one index, a key on a mapped field
 * sorting by its default value with missing values last, when the group is dense enough among the
 * index's documents that the window's end is reached within a part of the index.
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { SortKey } from "./sqlite_sort.ts";
import type { IndexLayout } from "./sqlite_tables.ts";

/** A document of a page: its index's position in the search and its rowid. */
export interface PageRow {
  res: number;
  rid: number;
}

/**
 * The documents of a group: the rows of a temporary table (columns `res`, `rid`) named by
 * `from(alias)`, a `FROM` clause ending in its `WHERE` conditions (callers add `AND …`), with
 * `params`.
 */
export interface GroupRef {
  from: (alias: string) => string;
  params: SQLInputValue[];
}

/** SQL true when document `rid` (an SQL expression) of index 0 is in group `ref` (its params). */
export function inGroup(ref: GroupRef, rid: string): string {
  return `EXISTS (SELECT 1 FROM ${ref.from("h")} AND h.res = 0 AND h.rid = ${rid})`;
}

/** The last value read, when some were. */
type Bound = { s: SQLInputValue } | undefined;

/** What a walk reads and writes. */
export interface WalkTarget {
  layouts: Array<Pick<IndexLayout, "docs" | "vals" | "leaves">>;
  key: SortKey;
  /** The group of `n` documents walked. */
  group: GroupRef;
  n: number;
  /** The window's end within the group. */
  end: number;
  /** The group (`grp` of temporary table `table`) the documents go to with their value. */
  to: { table: string; grp: number };
  /** The rowid span of the index's documents (`ridSpan`), read when first needed. */
  span: () => RidSpan;
}

/**
 * Whether `key`'s values can be read in its order from the values index of `layouts`: one index,
 * a mapped field, missing values last, no `mode` other than the order's own.
 */
export function walkable(
  layouts: Array<Pick<IndexLayout, "leaves">>,
  key: SortKey,
): boolean {
  return layouts.length === 1 && key.missing === "_last" && layouts[0]!.leaves.has(key.field) &&
    (!key.mode || key.mode === (key.order === "ASC" ? "min" : "max"));
}

/** The smallest and largest rowid of an index's documents (null when it has none). */
export interface RidSpan {
  first: number | null;
  last: number | null;
}

/** The `RidSpan` of `layout`'s documents. */
export function ridSpan(
  db: Pick<DatabaseSync, "prepare">,
  layout: Pick<IndexLayout, "docs">,
): RidSpan {
  return db.prepare(
    `SELECT (SELECT MIN(rid) FROM ${layout.docs}) AS first, (SELECT MAX(rid) FROM ${layout.docs})
     AS last`,
  ).get() as unknown as RidSpan;
}

/**
 * Whether `n` documents of an index whose rowids span `span` are dense enough to read the first
 * `end` of them in the key's order from the values index: fewer rows to read (about
 * `end × documents / n`) than half `n`.
 */
export function walksDensely({ first, last }: RidSpan, n: number, end: number): boolean {
  return first !== null && last !== null && 2 * end * (last - first + 1) < n * n;
}

/**
 * Puts in group `to` the documents of `target.group` that sort before the window's end by
 * `target.key`, and every one equal to the last of them, with their value of the key (the
 * missing, last, when the window reaches them), read from the values index: the value of the
 * members' `end`-th row in the key's order, then every row up to that value and its equals (again
 * past it while documents met at several values leave fewer than `end`). A document with several
 * values keeps the one it sorts by (every value of it up to the last is read). False, leaving `to`
 * empty, when looking the key up per document is the way: several indexes, a key without values
 * (`_doc`, `_score`, unmapped), a `mode` other than the order's default, missing values first, or
 * a group so sparse that the window's end lies past about half its count of index rows (about
 * `end × documents / n` rows are read, against `n` lookups).
 */
export function walkValues(db: Pick<DatabaseSync, "prepare">, target: WalkTarget): boolean {
  const { layouts, key, group, n, end, to } = target;
  if (!walkable(layouts, key)) return false;
  const layout = layouts[0]!;
  if (!walksDensely(target.span(), n, end)) return false;
  const member = group.params;
  const [before, after] = key.order === "ASC" ? ["<", ">"] : [">", "<"];
  // Members' rows, in the key's order, past `bound` (when given).
  const rows = (bound: Bound) =>
    `FROM ${layout.vals} v WHERE v.path = ?${bound ? ` AND v.val ${after} ?` : ""}
     AND ${inGroup(group, "v.rid")}`;
  const args = (bound: Bound) => [key.field, ...(bound ? [bound.s] : []), ...member];
  const table = `temp.${to.table}`;
  const count = db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE grp = ?`);
  let have = 0;
  let bound: Bound;
  while (true) {
    // The value of the row at which `end` documents may be reached, if there are that many rows.
    const cut = db.prepare(
      `SELECT v.val AS s ${rows(bound)} ORDER BY v.val ${key.order} LIMIT 1 OFFSET ?`,
    );
    cut.setReadBigInts(true);
    const reached = cut.get(...args(bound), end - have - 1) as { s: SQLInputValue } | undefined;
    // Every row up to it and its equals (or every row); a document met at several values keeps
    // the one it sorts by.
    db.prepare(
      `INSERT INTO ${table} SELECT ?, 0, v.rid, v.val ${rows(bound)}${
        reached ? ` AND v.val ${before}= ?` : ""
      } ON CONFLICT (grp, res, rid) DO UPDATE SET s = excluded.s WHERE excluded.s ${before} s`,
    ).run(to.grp, ...args(bound), ...(reached ? [reached.s] : []));
    have = Number((count.get(to.grp) as { n: number }).n);
    if (!reached) break;
    if (have >= end) return true;
    // Fewer documents than rows: some were met at several values; on past the cut.
    bound = reached;
  }
  if (have < n) {
    db.prepare(
      `INSERT INTO ${table} SELECT ?, 0, h.rid, NULL FROM ${group.from("h")} AND h.res = 0
       AND NOT EXISTS (SELECT 1 FROM ${layout.vals} w WHERE w.rid = h.rid AND w.path = ?)`,
    ).run(to.grp, ...member, key.field);
  }
  return true;
}
