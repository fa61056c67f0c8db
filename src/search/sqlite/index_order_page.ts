/**
 * The page of a search whose order is index order: no sort key but `_score`, and a score that is
 * the same for every hit (no full-text clause scores it). Its order, score then index then
 * insertion (`res`, `rid`), is then index then insertion alone, the order in which each index's
 * documents table is read, so each index's hits are counted on their own and its part of the
 * page is read in rowid order up to the page's end: no score column, no sort of every hit and no
 * window over them. When an index's hits are dense enough that the page's end is reached after
 * a few documents, those documents are read with their value conditions looked up one by one
 * (`QueryScope.probe`) rather than after a list of every match is built. The hits and their
 * order are those of the one-pass query.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Sql } from "./sqlite_aggregations.ts";

/** One index's part of an index-order search. */
export interface IndexOrderPart {
  layout: { docs: string };
  /** `<documents table> d WHERE <hits>`. */
  from: Sql;
  /** `from` with value conditions looked up per document. */
  probeFrom: () => Sql;
}

/** The page (`res`, `rid` in order) and total of `parts` in index then insertion order. */
export function indexOrderPage(
  db: DatabaseSync,
  parts: IndexOrderPart[],
  window: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number } {
  const end = window.from + window.size;
  const page: Array<{ res: number; rid: number }> = [];
  let total = 0;
  parts.forEach((part, res) => {
    const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${part.from.sql}`).get(
      ...part.from.params,
    ) as { n: number }).n;
    // This index's hits are the whole result's [total, total + n).
    const start = Math.max(window.from, total);
    const stop = Math.min(end, total + n);
    if (start < stop) {
      const from = probes(db, part, n, stop - total) ? part.probeFrom() : part.from;
      const rows = db.prepare(
        `SELECT d.rid AS rid FROM ${from.sql} ORDER BY d.rid LIMIT ? OFFSET ?`,
      )
        .all(...from.params, stop - start, start - total) as Array<{ rid: number }>;
      for (const { rid } of rows) page.push({ res, rid });
    }
    total += n;
  });
  return { page, total };
}

/**
 * Whether reading `part`'s first `upTo` of its `n` hits one document at a time beats building
 * the list of every hit: about `upTo × documents / n` documents are read (each a few lookups)
 * against `n` list entries. The largest rowid stands for the number of documents (never fewer).
 */
function probes(db: DatabaseSync, part: IndexOrderPart, n: number, upTo: number): boolean {
  const docs = (db.prepare(`SELECT MAX(rid) AS m FROM ${part.layout.docs}`).get() as {
    m: number | null;
  }).m ?? 0;
  return 2 * upTo * docs < n * n;
}

/** Whether a search sorted by `sort` whose score is constant (`scoreless`) is in index order. */
export function inIndexOrder(sort: Array<{ field: string }>, scoreless: boolean): boolean {
  return scoreless && sort.every((key) => key.field === "_score");
}
