/**
 * Where the aggregations of a search read the values of its matching documents: every value row
 * of the field when every document matches; else the matching documents are listed once per
 * search in a temporary table (not once per aggregation), and each aggregation reads the field's
 * rows either in the values index checked against that list (many matches) or by looking up
 * each listed document's rows (few: fewer than a tenth of the index's rowids, where scanning
 * every row of the field costs more); a `filter` aggregation checks few documents one by one.
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { IndexLayout } from "./sqlite_tables.ts";

/** The per-connection temporary table of the matching documents of each searched index. */
export const MATCHED = {
  name: "search_agg_matches",
  columns: "res INTEGER, rid INTEGER, PRIMARY KEY (res, rid)",
  options: "WITHOUT ROWID",
};

/** Value rows `v` of the matching documents: `SELECT … FROM ${from} WHERE v.path = ?${where}`. */
export interface ValueSource {
  from: string;
  where: string;
  /**
   * The matching documents as `d` (`FROM ${few} WHERE …`) when they are few enough to be
   * checked one by one.
   */
  few?: string;
}

/**
 * Each target's value source; lists the matching documents into `MATCHED` (which the caller
 * holds, empty, for the search).
 */
export function valueSources(
  db: DatabaseSync,
  targets: Array<{
    layout: Pick<IndexLayout, "docs" | "vals">;
    cond: { sql: string; params: SQLInputValue[] };
  }>,
): ValueSource[] {
  return targets.map(({ layout, cond }, res) => {
    if (cond.sql === "1") return { from: `${layout.vals} v`, where: "" };
    const matched = Number(
      db.prepare(
        `INSERT INTO temp.${MATCHED.name} SELECT ${res}, d.rid FROM ${layout.docs} d
         WHERE ${cond.sql}`,
      ).run(...cond.params).changes,
    );
    const { span } = db.prepare(
      `SELECT COALESCE(MAX(rid) - MIN(rid) + 1, 0) AS span FROM ${layout.docs}`,
    ).get() as { span: number };
    return 10 * matched < span
      ? {
        from: `temp.${MATCHED.name} h CROSS JOIN ${layout.vals} v ON v.rid = h.rid`,
        where: ` AND h.res = ${res}`,
        few:
          `temp.${MATCHED.name} h CROSS JOIN ${layout.docs} d ON d.rid = h.rid AND h.res = ${res}`,
      }
      : {
        from: `${layout.vals} v`,
        where: ` AND v.rid IN (SELECT rid FROM temp.${MATCHED.name} WHERE res = ${res})`,
      };
  });
}
