/**
 * The page of a relevance-ordered search (no sort, or `_score` descending alone) with a scoring
 * full-text clause. The one-pass query stores every match's score in a temporary table, then
 * looks the score up for every hit, sorts every hit and counts them in a window; here each
 * index's best `from + size` hits come from one FTS5 statement whose sort keeps only the best
 * rows (SQLite's ORDER BY … LIMIT sorter), the total is counted on its own, and the indexes' best
 * are merged in the one-pass order (score, index, insertion), hits that no scoring row matches
 * (score 0: a `should` term, a filter-only index) following by index and insertion. The scores
 * are FTS5's bm25 summed per document over the rows `scoreRows` gives, as the one-pass path sums
 * them, so the hits, their order, ties included, and the total are the same. When the query is
 * more than one scoring clause (several clauses, filters, `must_not`, `post_filter`,
 * `terminate_after`), its hits are listed first (the list gives the total) and the FTS5
 * statement keeps only the rows of listed documents: SQLite tests that before it reads `rank`, so
 * bm25 is computed for the rows of hits only, not for every row the clauses match. FTS5 still
 * computes bm25 for every such row (its own `ORDER BY rank LIMIT` does too): the scoring is not
 * bounded by the window, its bookkeeping is.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Sql } from "./sqlite_aggregations.ts";
import type { FtsLeaf } from "./leaf_conditions.ts";
import { MAX_TEXT_FIELDS } from "./sqlite_tables.ts";
import { ftsRowsMatch } from "./text_conditions.ts";
import { withScratchTable } from "./scratch_table.ts";

/** One index's part of a scored search. */
export interface ScoredPart {
  layout: { docs: string; fts: string };
  /** The hits condition over the documents table aliased `d`. */
  hits: Sql;
  /** The full-text clauses that score (none: every hit scores 0). */
  leaves: FtsLeaf[];
}

/**
 * The FTS5 rows that score a document of `fts` for `leaves`: the OR of their expressions, in
 * the text fields they search (`FROM` onwards, `rowid / 256` the document). The one-pass path
 * sums `-rank` over them per document into its scores table; this page does the same.
 */
export function scoreRows(fts: string, leaves: FtsLeaf[]): Sql {
  const ks = [...new Set(leaves.flatMap((leaf) => leaf.ks))];
  return {
    sql: `${fts} WHERE ${fts} MATCH ? AND rowid % ${MAX_TEXT_FIELDS} IN (${ks.join(",")})`,
    params: [leaves.map((leaf) => `(${leaf.expr})`).join(" OR ")],
  };
}

/**
 * Whether a search sorted by `sort` over `parts` takes this page: relevance order, and one index
 * at least with a scoring clause.
 */
export function takesScoredPage(
  sort: Array<{ field: string; order: string }>,
  parts: ScoredPart[],
): boolean {
  const relevance = sort.length === 0 ||
    (sort.length === 1 && sort[0]!.field === "_score" && sort[0]!.order === "DESC");
  return relevance && parts.some((part) => part.leaves.length);
}

/**
 * Whether `part`'s hits are the documents its scores are summed for: its query is one scoring
 * full-text clause (the same expression over the same text fields) and nothing else. Its best
 * scores then need no list of its hits.
 */
export function scoresAreHits(part: ScoredPart): boolean {
  const [leaf, ...others] = part.leaves;
  // One clause has one parameter, its expression: a second clause or a filter adds more. An
  // optional clause beside it (`should` next to `must`, `+a b`) adds no SQL but scores: a second
  // leaf, whose documents are not all hits.
  if (
    !leaf || others.length || part.hits.params.length !== 1 || part.hits.params[0] !== leaf.expr
  ) {
    return false;
  }
  const depth = part.hits.sql.match(/^\(*/)![0].length;
  return part.hits.sql ===
    "(".repeat(depth) + ftsRowsMatch(part.layout.fts, leaf.ks) + ")".repeat(depth);
}

/**
 * The per-connection temporary table of one index's hits, for the indexes whose hits are listed
 * (a rowid table: FTS5 rows are tested against it by a primary-key lookup, no copy of it).
 */
const HITS = { name: "search_hits", columns: "rid INTEGER PRIMARY KEY" };

/**
 * The page (`res`, `rid` in order) and the total of a search that `takesScoredPage`. The count
 * and the best scores are separate statements: `runSearch` reads them in one snapshot
 * (`read_snapshot.ts`), so a write committed in between by another connection cannot make the
 * total disagree with the hits.
 */
export function scoredPage(
  db: DatabaseSync,
  parts: ScoredPart[],
  window: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number } {
  return withScratchTable(db, HITS, () => bestHits(db, parts, window));
}

/** One index's hits, best scored first (at most `end`), and its unscored hits in order. */
interface PartHits {
  total: number;
  scored: Array<{ rid: number; score: number }>;
  /** Its hits that no scoring row matches, in insertion order (none when scores are hits). */
  unscored: () => Iterable<number>;
}

function bestHits(
  db: DatabaseSync,
  parts: ScoredPart[],
  { from, size }: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number } {
  const end = from + size;
  // One index's hits at a time in the list table, emptied in between.
  const each = parts.map((part) => {
    try {
      return partHits(db, part, end);
    } finally {
      db.exec(`DELETE FROM temp.${HITS.name}`);
    }
  });
  const best = each.flatMap(({ scored }, res) =>
    scored.map(({ rid, score }) => ({ res, rid, score }))
  );
  best.sort((a, b) => b.score - a.score || a.res - b.res || a.rid - b.rid);
  const page = best.slice(0, end).map(({ res, rid }) => ({ res, rid }));
  // Fewer scored hits than the window: every index gave all of its; hits scoring 0 follow, by
  // index and insertion.
  each.forEach(({ unscored }, res) => {
    if (page.length >= end) return;
    for (const rid of unscored()) {
      page.push({ res, rid });
      if (page.length >= end) break;
    }
  });
  return { page: page.slice(from), total: each.reduce((sum, part) => sum + part.total, 0) };
}

function partHits(db: DatabaseSync, part: ScoredPart, end: number): PartHits {
  const { docs, fts } = part.layout;
  if (!part.leaves.length) {
    const total = (db.prepare(`SELECT COUNT(*) AS n FROM ${docs} d WHERE ${part.hits.sql}`)
      .get(...part.hits.params) as { n: number }).n;
    const inOrder = () =>
      db.prepare(`SELECT d.rid AS rid FROM ${docs} d WHERE ${part.hits.sql} ORDER BY d.rid`)
        .iterate(...part.hits.params) as Iterable<{ rid: number }>;
    return { total, scored: [], unscored: () => rids(inOrder()) };
  }
  const alone = scoresAreHits(part);
  const total = alone
    ? (db.prepare(`SELECT COUNT(*) AS n FROM ${docs} d WHERE ${part.hits.sql}`)
      .get(...part.hits.params) as { n: number }).n
    : Number(
      db.prepare(`INSERT INTO temp.${HITS.name} SELECT d.rid FROM ${docs} d WHERE ${part.hits.sql}`)
        .run(...part.hits.params).changes,
    );
  const rows = scoreRows(fts, part.leaves);
  // SQLite tests the listed hits before it reads `rank`: bm25 is computed for their rows only.
  const ofHits = alone ? "" : ` AND rowid / ${MAX_TEXT_FIELDS} IN temp.${HITS.name}`;
  const scored = db.prepare(
    `SELECT rowid / ${MAX_TEXT_FIELDS} AS rid, -SUM(rank) AS score FROM ${rows.sql}${ofHits}
     GROUP BY 1 ORDER BY score DESC, rid LIMIT ?`,
  ).all(...rows.params, end) as Array<{ rid: number; score: number }>;
  if (alone || scored.length >= end) return { total, scored, unscored: () => [] };
  // Fewer scored hits than the window: the first unscored ones, while the list is here.
  const seen = new Set(scored.map(({ rid }) => rid));
  const unscored: number[] = [];
  const listed = db.prepare(`SELECT rid FROM temp.${HITS.name} ORDER BY rid`).iterate();
  for (const { rid } of listed as Iterable<{ rid: number }>) {
    if (seen.has(rid)) continue;
    unscored.push(rid);
    if (scored.length + unscored.length >= end) break;
  }
  return { total, scored, unscored: () => unscored };
}

function* rids(rows: Iterable<{ rid: number }>): Iterable<number> {
  for (const { rid } of rows) yield rid;
}
