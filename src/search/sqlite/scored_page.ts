/**
 * The page of a relevance-ordered search (no sort, or `_score` descending alone) with a full-text
 * score, without the one-pass query's work per hit: that query stores every match's score in a
 * temporary table, then looks the score up for every hit, sorts every hit and counts them in a
 * window. Here each index's scores come from one FTS5 statement whose sort keeps only the best
 * rows (SQLite's ORDER BY … LIMIT sorter), the total is counted on its own, and the hits condition
 * is checked only for those best documents (value conditions looked up per document):
 * - the best `limit` scored documents (score descending, insertion order), `limit` at least the
 *   page's end and sized by the share of scored rows that are hits; when at least the page's end
 *   of them are hits, those hits are the index's best (every other scored hit sorts after them);
 * - otherwise the best scored hits are chosen by one statement over the list of every hit;
 * - hits without a score (a `should` clause that is not full text) score 0 and are taken in
 *   insertion order when the scored hits do not fill the page.
 * Each index's best `from + size` are then merged in the one-pass order (score, index,
 * insertion). The scores are FTS5's bm25 summed per document by the statement the one-pass path
 * uses (`scoreRows`), so the hits, their order, ties included, and the total are the same.
 * FTS5 computes bm25 for every row its expression matches (its `ORDER BY rank LIMIT` too): the
 * scoring itself is not bounded, its bookkeeping is.
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
  /** `<documents table> d WHERE <hits>` with value conditions looked up per document. */
  probeFrom: () => Sql;
  /** The full-text clauses that score (none: every hit scores 0). */
  leaves: FtsLeaf[];
}

/** A document of the page: its index (position in the parts), rowid and score. */
interface Ranked {
  res: number;
  rid: number;
  score: number;
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

/** Whether a search sorted by `sort` with a score (not `scoreless`) takes this page. */
export function takesScoredPage(sort: Array<{ field: string; order: string }>, scoreless: boolean) {
  return !scoreless &&
    (sort.length === 0 || (sort.length === 1 && sort[0]!.field === "_score" &&
      sort[0]!.order === "DESC"));
}

/**
 * The share of hits among the first scored documents of each part (1 for a part without scoring
 * clauses), or undefined when one is below `MIN_SHARE`: the scores are then narrowed by filters
 * to few hits, which the best scored documents seldom are, and the one-pass query (a score
 * lookup per hit) costs no more than joining the scores with every hit here.
 */
export function hitShares(db: DatabaseSync, parts: ScoredPart[]): number[] | undefined {
  const shares: number[] = [];
  for (const part of parts) {
    if (!part.leaves.length || scoresAreHits(part)) {
      shares.push(1);
      continue;
    }
    const rows = scoreRows(part.layout.fts, part.leaves);
    const sample = (db.prepare(
      `SELECT DISTINCT rowid / ${MAX_TEXT_FIELDS} AS rid FROM ${rows.sql} LIMIT ${SAMPLE}`,
    ).all(...rows.params) as Array<{ rid: number }>).map((row) => row.rid);
    const share = sample.length ? hitsAmong(db, part, sample).size / sample.length : 1;
    if (share < MIN_SHARE) return undefined;
    shares.push(share);
  }
  return shares;
}

/**
 * Whether `part`'s hits are the documents its scores are summed for: its query is one scoring
 * full-text clause (the same expression over the same text fields) and nothing else.
 */
function scoresAreHits(part: ScoredPart): boolean {
  const [leaf, more] = part.leaves;
  if (!leaf || more || part.hits.params.length !== 1 || part.hits.params[0] !== leaf.expr) {
    return false;
  }
  const depth = part.hits.sql.match(/^\(*/)![0].length;
  return part.hits.sql ===
    "(".repeat(depth) + ftsRowsMatch(part.layout.fts, leaf.ks) + ")".repeat(depth);
}

/** Scored documents whose share of hits is measured. */
const SAMPLE = 64;

/** The least share of hits among scored documents for which this page is taken. */
const MIN_SHARE = 0.25;

/**
 * The page (`res`, `rid` in order) and the total of a scored search over `parts`, `shares`
 * their `hitShares`.
 */
export function scoredPage(
  db: DatabaseSync,
  parts: ScoredPart[],
  shares: number[],
  { from, size }: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number } {
  const end = from + size;
  let total = 0;
  const best: Ranked[] = [];
  parts.forEach((part, res) => {
    const { n, scored } = part.leaves.length
      ? bestScored(db, part, shares[res]!, end)
      : { n: count(db, part), scored: [] };
    total += n;
    if (!n) return;
    const ranked = scored.map(({ rid, score }) => ({ res, rid, score }));
    // Hits without a score (0) can only reach the page when the scored hits do not fill it.
    const filled = ranked.length >= end && ranked[end - 1]!.score > 0;
    if (!filled && ranked.length < n) {
      for (const rid of unscored(db, part, end)) ranked.push({ res, rid, score: 0 });
    }
    best.push(...ranked);
  });
  best.sort((a, b) => b.score - a.score || a.res - b.res || a.rid - b.rid);
  return { page: best.slice(from, end).map(({ res, rid }) => ({ res, rid })), total };
}

/** The number of `part`'s hits. */
function count(db: DatabaseSync, part: ScoredPart): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${part.layout.docs} d WHERE ${part.hits.sql}`)
    .get(...part.hits.params) as { n: number }).n;
}

/**
 * The number of `part`'s hits and its best `end` scored hits (score descending, then rowid;
 * fewer if there are not), `share` of its scored documents being hits.
 */
function bestScored(
  db: DatabaseSync,
  part: ScoredPart,
  share: number,
  end: number,
): { n: number; scored: Array<{ rid: number; score: number }> } {
  const rows = scoreRows(part.layout.fts, part.leaves);
  const scores = `SELECT rowid / ${MAX_TEXT_FIELDS} AS rid, -SUM(rank) AS score FROM ${rows.sql}
    GROUP BY 1`;
  // How far down the scores the page's end of hits is expected, if hits are spread among them
  // as in the sample; twice that is read.
  const limit = Math.max(end, Math.ceil(2 * end / share));
  if (limit <= CANDIDATES_MAX) {
    const candidates = db.prepare(`${scores} ORDER BY score DESC, rid LIMIT ?`)
      .all(...rows.params, limit) as Array<{ rid: number; score: number }>;
    // Every scored document is a hit when its query is the scoring clause alone.
    const { n, ok } = scoresAreHits(part)
      ? { n: count(db, part), ok: undefined }
      : countAndCheck(db, part, candidates.map((c) => c.rid));
    const found = ok ? candidates.filter((c) => ok.has(c.rid)) : candidates;
    // Every scored hit is among the candidates when they are every scored document.
    if (found.length >= end || candidates.length < limit) return { n, scored: found.slice(0, end) };
  }
  // `LIMIT -1` keeps SQLite from pushing the hits condition into the grouped scores, which
  // would build the list of every hit twice.
  const scored = db.prepare(
    `SELECT rid, score FROM (${scores} LIMIT -1)
     WHERE rid IN (SELECT d.rid FROM ${part.layout.docs} d WHERE ${part.hits.sql})
     ORDER BY score DESC, rid LIMIT ?`,
  ).all(...rows.params, ...part.hits.params, end) as Array<{ rid: number; score: number }>;
  return { n: count(db, part), scored };
}

/**
 * The number of `part`'s hits and which of documents `rids` are hits, from one list of every hit.
 */
function countAndCheck(
  db: DatabaseSync,
  part: ScoredPart,
  rids: number[],
): { n: number; ok: Set<number> } {
  const row = db.prepare(
    `WITH h AS MATERIALIZED (SELECT d.rid AS rid FROM ${part.layout.docs} d WHERE ${part.hits.sql})
     SELECT (SELECT COUNT(*) FROM h) AS n, (SELECT json_group_array(rid) FROM h
       WHERE rid IN (SELECT value FROM json_each(?))) AS ok`,
  ).get(...part.hits.params, JSON.stringify(rids)) as { n: number; ok: string };
  return { n: row.n, ok: new Set(JSON.parse(row.ok) as number[]) };
}

/** Most documents read as candidates before the scores are joined with every hit instead. */
const CANDIDATES_MAX = 2_000;

/** Which of documents `rids` are `part`'s hits (value conditions looked up per document). */
function hitsAmong(db: DatabaseSync, part: ScoredPart, rids: number[]): Set<number> {
  const probe = part.probeFrom();
  const rows = db.prepare(
    `SELECT rid FROM (SELECT d.rid AS rid FROM ${probe.sql})
     WHERE rid IN (SELECT value FROM json_each(?))`,
  ).all(...probe.params, JSON.stringify(rids)) as Array<{ rid: number }>;
  return new Set(rows.map((row) => row.rid));
}

/** The first `end` of `part`'s hits without a score, in insertion order. */
function unscored(db: DatabaseSync, part: ScoredPart, end: number): number[] {
  const rows = part.leaves.length ? scoreRows(part.layout.fts, part.leaves) : undefined;
  const sql = `SELECT d.rid AS rid FROM ${part.layout.docs} d WHERE (${part.hits.sql})${
    rows ? ` AND d.rid NOT IN (SELECT rowid / ${MAX_TEXT_FIELDS} FROM ${rows.sql})` : ""
  } ORDER BY d.rid LIMIT ?`;
  return (db.prepare(sql).all(...part.hits.params, ...(rows?.params ?? []), end) as Array<
    { rid: number }
  >).map((row) => row.rid);
}
