/**
 * The page of a relevance-ordered search (no sort, or `_score` descending alone) whose query is
 * one scoring full-text clause and nothing else (`match`, `match_phrase`, a `query_string` or
 * `multi_match` that compiles to one FTS5 expression over its fields): its hits are the documents
 * its scores are summed for. The one-pass query stores every match's score in a temporary table,
 * then looks the score up for every hit, sorts every hit and counts them in a window; here each
 * index's best `from + size` documents come from one FTS5 statement whose sort keeps only the
 * best rows (SQLite's ORDER BY … LIMIT sorter), the total is counted on its own, and the indexes'
 * best are merged in the one-pass order (score, index, insertion). The scores are FTS5's bm25
 * summed per document over the rows `scoreRows` gives, as the one-pass path sums them, so the
 * hits, their order, ties included, and the total are the same. FTS5 still computes bm25 for
 * every row its expression matches (its own `ORDER BY rank LIMIT` does too): the scoring is not
 * bounded, its bookkeeping is. Other scored searches (filters, several clauses, `post_filter`,
 * `terminate_after`) take the one-pass query.
 */
import type { DatabaseSync } from "node:sqlite";
import type { Sql } from "./sqlite_aggregations.ts";
import type { FtsLeaf } from "./leaf_conditions.ts";
import { MAX_TEXT_FIELDS } from "./sqlite_tables.ts";
import { ftsRowsMatch } from "./text_conditions.ts";

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
 * Whether a search sorted by `sort` over `parts` takes this page: relevance order, and in every
 * index a query that is one scoring clause alone (an index whose mapping has none of its fields
 * matches nothing and scores nothing), one index at least scoring.
 */
export function takesScoredPage(
  sort: Array<{ field: string; order: string }>,
  parts: ScoredPart[],
): boolean {
  const relevance = sort.length === 0 ||
    (sort.length === 1 && sort[0]!.field === "_score" && sort[0]!.order === "DESC");
  // An index matching nothing must score nothing too: `+unmapped:x word` matches nothing and
  // still scores `word`.
  const empty = (part: ScoredPart) => !part.leaves.length && /^\(*0\)*$/.test(part.hits.sql);
  return relevance && parts.some((part) => part.leaves.length) &&
    parts.every((part) => scoresAreHits(part) || empty(part));
}

/**
 * Whether `part`'s hits are the documents its scores are summed for: its query is one scoring
 * full-text clause (the same expression over the same text fields) and nothing else.
 */
function scoresAreHits(part: ScoredPart): boolean {
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
 * The page (`res`, `rid` in order) and the total of a search that `takesScoredPage`. The count
 * and the best scores are separate statements: `runSearch` reads them in one snapshot
 * (`read_snapshot.ts`), so a write committed in between by another connection cannot make the
 * total disagree with the hits.
 */
export function scoredPage(
  db: DatabaseSync,
  parts: ScoredPart[],
  { from, size }: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number } {
  const end = from + size;
  let total = 0;
  const best: Array<{ res: number; rid: number; score: number }> = [];
  parts.forEach((part, res) => {
    if (!part.leaves.length) return;
    total += (db.prepare(`SELECT COUNT(*) AS n FROM ${part.layout.docs} d WHERE ${part.hits.sql}`)
      .get(...part.hits.params) as { n: number }).n;
    const rows = scoreRows(part.layout.fts, part.leaves);
    const scored = db.prepare(
      `SELECT rowid / ${MAX_TEXT_FIELDS} AS rid, -SUM(rank) AS score FROM ${rows.sql}
       GROUP BY 1 ORDER BY score DESC, rid LIMIT ?`,
    ).all(...rows.params, end) as Array<{ rid: number; score: number }>;
    for (const { rid, score } of scored) best.push({ res, rid, score });
  });
  best.sort((a, b) => b.score - a.score || a.res - b.res || a.rid - b.rid);
  return { page: best.slice(from, end).map(({ res, rid }) => ({ res, rid })), total };
}
