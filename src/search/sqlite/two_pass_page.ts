/**
 * The page of a search sorted on two or more keys whose first is looked up per document (several
 * indexes, `missing: _first`, a `mode` other than the order's, `_doc`, unmapped; else the grouped
 * page, `sorted_page.ts`), in two passes: the
 * first key of every matching document goes into a temporary table, which gives the total and
 * the first key of the page's last hit (the boundary); the other keys are then looked up only
 * for the documents whose first key sorts at or before the boundary (every hit of the page is
 * one of them). Each key is a lookup per document (`sqlite_sort.ts`), so a sort on four keys
 * over 16,000 matches made 64,000 lookups; now it makes 16,000 plus three per document up to the
 * boundary. The order and the hits are those of the one-pass query. Where the first key cannot be read in order from the values index this costs
 * less than grouping (two indexes of 20,000, three keys, a page of 10: 60–125 ms against 126–185
 * ms grouped, review of session 19).
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { withScratchTable } from "./scratch_table.ts";
import type { SortedPart } from "./sorted_page.ts";
import type { SortKey } from "./sqlite_sort.ts";

/**
 * The per-connection temporary table of first sort keys; the first key keeps its own type (no
 * column affinity), as the one-pass query's does.
 */
const FIRST = { name: "search_first_key", columns: "res INTEGER, rid INTEGER, score, s0" };

/** Whether `sort` takes the two-pass path: two or more keys, the first one a field's. */
export function sortsInTwoPasses(sort: SortKey[]): boolean {
  return sort.length >= 2 && sort[0]!.field !== "_score";
}

/**
 * The page (`res`, `rid` in order) and the total of a search sorted by `sort` over `parts`,
 * `order` being the ORDER BY terms over `score`, `s0`, `s1` ..., `res`, `rid`.
 */
export function twoPassPage(
  db: DatabaseSync,
  parts: SortedPart[],
  sort: SortKey[],
  order: string[],
  window: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number } {
  return withScratchTable(db, FIRST, () => twoPasses(db, parts, sort, order, window));
}

/** The two passes of `twoPassPage`, over its empty temporary table. */
function twoPasses(
  ...[db, parts, sort, order, { from, size }]: Parameters<typeof twoPassPage>
): ReturnType<typeof twoPassPage> {
  db.prepare(
    `INSERT INTO temp.${FIRST.name} ${
      parts.map((p, res) =>
        `SELECT ${res}, d.rid, ${p.scoreSql}, ${p.columns[0]!.sql} FROM ${p.from.sql}`
      ).join(" UNION ALL ")
    }`,
  ).run(...parts.flatMap((p) => [...p.columns[0]!.params, ...p.from.params]));
  const total =
    (db.prepare(`SELECT COUNT(*) AS n FROM temp.${FIRST.name}`).get() as { n: number }).n;
  if (total <= from) return { page: [], total };
  const first = sort[0]!;
  const firstOrder = `(s0 IS NULL) ${
    first.missing === "_first" ? "DESC" : "ASC"
  }, s0 ${first.order}`;
  // The first key of the page's last hit, when there are that many hits.
  const bound = total < from + size
    ? "SELECT NULL AS b, 1 AS every"
    : `SELECT s0 AS b, 0 AS every FROM temp.${FIRST.name} ORDER BY ${firstOrder} LIMIT 1 OFFSET ${
      from + size - 1
    }`;
  const params: SQLInputValue[] = [];
  const selects = parts.map((p, res) => {
    const rest = p.columns.slice(1);
    params.push(...rest.flatMap((c) => c.params));
    return `SELECT res, rid, score, s0${
      rest.map((c, i) => `, ${c.sql} AS s${i + 1}`).join("")
    } FROM temp.${FIRST.name} d, bound WHERE res = ${res} AND (every OR ${beforeBoundary(first)})`;
  });
  // Materialized: a flattened sub-select would look each key up twice (the sort's NULL test and
  // its value).
  const page = db.prepare(
    `WITH bound AS MATERIALIZED (${bound}), keyed AS MATERIALIZED (${
      selects.join(" UNION ALL ")
    }) SELECT res, rid FROM keyed ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`,
  ).all(...params, size, from) as Array<{ res: number; rid: number }>;
  return { page, total };
}

/** Rows whose first key `s0` sorts at or before the boundary `b` (ties included). */
function beforeBoundary(key: SortKey): string {
  const cmp = key.order === "ASC" ? "<=" : ">=";
  // A missing value sorts after every value (`_last`) or before (`_first`).
  return key.missing === "_first"
    ? `(s0 IS NULL OR (b IS NOT NULL AND s0 ${cmp} b))`
    : `(b IS NULL OR s0 ${cmp} b)`;
}
