/**
 * The page of a search whose order is index order: no sort key but `_score`, and a score that is
 * the same for every hit (no full-text clause scores it). Its order, score then index then
 * insertion (`res`, `rid`), is then index then insertion alone, the order in which each index's
 * documents table is read, so each index's hits are counted on their own and its part of the
 * page is read in rowid order up to the page's end: no score column, no sort of every hit and no
 * window over them. When an index's hits are dense enough that the page's end is reached after
 * a few documents, those documents are read with their value conditions looked up one by one
 * (`QueryScope.probe`) rather than after a list of every match is built, within a bounded span
 * of rowids (past it, the list answers). The hits and their order are those of the one-pass
 * query.
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
      const slice = [stop - start, start - total];
      const reach = probeReach(db, part, n, stop - total);
      const rows = (reach && read(db, part.probeFrom(), slice, reach)) ||
        read(db, part.from, slice)!;
      for (const rid of rows) page.push({ res, rid });
    }
    total += n;
  });
  return { page, total };
}

/**
 * `limit` of `from`'s documents after the first `offset`, in rowid order; with `reach`, of those
 * in that span of rowids only, and undefined when the span holds fewer (the page ends beyond it).
 */
function read(
  db: DatabaseSync,
  from: Sql,
  [limit, offset]: number[],
  reach?: { first: number; end: number },
): number[] | undefined {
  const rows = db.prepare(
    reach
      ? `SELECT rid FROM (SELECT d.rid AS rid FROM ${from.sql}) WHERE rid >= ? AND rid < ?
         ORDER BY rid LIMIT ? OFFSET ?`
      : `SELECT d.rid AS rid FROM ${from.sql} ORDER BY d.rid LIMIT ? OFFSET ?`,
  ).all(...from.params, ...(reach ? [reach.first, reach.end] : []), limit!, offset!) as Array<
    { rid: number }
  >;
  return reach && rows.length < limit! ? undefined : rows.map((row) => row.rid);
}

/**
 * The rowids to read one document at a time for `part`'s first `upTo` of its `n` hits, when that
 * beats building the list of every hit: hits spread over the rowids put them within about
 * `upTo × span / n` rowids of the first (`span` standing for the number of documents, never
 * fewer), read with a few lookups each, against `n` list entries. Twice that, or a quarter of
 * `n` if more, is read (fewer than `n` documents, about half the list's cost): hits bunched
 * further on (a date range over the newest items, inserted last) are left to the list rather
 * than found by reading every document before them.
 */
function probeReach(
  db: DatabaseSync,
  part: IndexOrderPart,
  n: number,
  upTo: number,
): { first: number; end: number } | undefined {
  const docs = part.layout.docs;
  const { first, last } = db.prepare(
    `SELECT (SELECT MIN(rid) FROM ${docs}) AS first, (SELECT MAX(rid) FROM ${docs}) AS last`,
  ).get() as { first: number | null; last: number | null };
  if (first === null || last === null) return undefined;
  const expected = Math.ceil(2 * upTo * (last - first + 1) / n);
  return expected < n ? { first, end: first + Math.max(expected, Math.floor(n / 4)) } : undefined;
}

/** Whether a search sorted by `sort` whose score is constant (`scoreless`) is in index order. */
export function inIndexOrder(sort: Array<{ field: string }>, scoreless: boolean): boolean {
  return scoreless && sort.every((key) => key.field === "_score");
}
