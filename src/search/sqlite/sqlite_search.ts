/**
 * Runs one search body over one or more embedded indexes: each index's query compiles to a
 * sub-select, the sub-selects are unioned, sorted and paged in SQL, then hits get `_source`
 * filtering and FTS5 highlights. Body keys: `query`, `post_filter`, `from`, `size` (from + size
 * ≤ 10000), `sort`, `aggs`/`aggregations`, `highlight`, `_source`, `terminate_after` (each
 * index is one shard: it collects the first so many matching documents, in insertion order; 0
 * does not stop early); `track_total_hits` and `timeout` are accepted and totals are always
 * exact. Without a sort, hits are ordered by relevance (FTS5 bm25 of the non-negated full-text
 * clauses outside filter contexts and `post_filter`, summed over the text fields), then by index
 * (Elasticsearch's shard order: by name) and insertion. Sorts whose first key is not `_score`
 * page group by group (`sorted_page.ts`) when the first key can be read in order from the values
 * index; else sorts on two keys or more page in two passes (`two_pass_page.ts`); searches with no
 * full-text score and no sort but `_score` page in index order (`index_order_page.ts`), the
 * other relevance-ordered ones by their best scores (`scored_page.ts`).
 */
import type { DatabaseSync } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import type { SearchBody, SearchHit, SearchResult } from "../search_index.ts";
import { compileQuery } from "./compile_query.ts";
import { highlightHit, parseHighlight } from "./sqlite_highlight.ts";
import { type FtsLeaf, integerOption, type QueryScope } from "./leaf_conditions.ts";
import { type AggTarget, runAggregations, type Sql } from "./sqlite_aggregations.ts";
import { parseSort, sortColumn, type SortKey } from "./sqlite_sort.ts";
import { indexOrderPage, inIndexOrder } from "./index_order_page.ts";
import { sortedPage, type SortedPart, sortsByGroups } from "./sorted_page.ts";
import { sortsInTwoPasses, twoPassPage } from "./two_pass_page.ts";
import { scoredPage, scoreRows, takesScoredPage } from "./scored_page.ts";
import { withScratchTable } from "./scratch_table.ts";
import { inReadSnapshot } from "./read_snapshot.ts";
import { sourceFilter } from "./source_filter.ts";
import { type IndexLayout, MAX_TEXT_FIELDS } from "./sqlite_tables.ts";

const BODY_KEYS = new Set([
  "query",
  "post_filter",
  "from",
  "size",
  "sort",
  "aggs",
  "aggregations",
  "highlight",
  "_source",
  "track_total_hits",
  "timeout",
  "terminate_after",
]);

/** The per-connection temporary table of relevance scores (bm25 summed over text fields). */
const SCORES = {
  name: "search_scores",
  columns: "res INTEGER, rid INTEGER, score REAL, PRIMARY KEY (res, rid)",
};

/** The result window Elasticsearch allows by default. */
export const MAX_RESULT_WINDOW = 10_000;

/** `runSearch`'s options. */
export interface RunSearchOptions {
  now?: number;
  /** False pages scored searches by scoring every hit (the one-pass query; tests compare). */
  scoredTopK?: boolean;
}

/** Searches `layouts` (one per resource) with `body`, its statements in one snapshot. */
export function runSearch(
  db: DatabaseSync,
  layouts: IndexLayout[],
  body: SearchBody,
  options: RunSearchOptions = {},
): SearchResult {
  return inReadSnapshot(db, () => search(db, layouts, body, options));
}

function search(
  db: DatabaseSync,
  layouts: IndexLayout[],
  body: SearchBody,
  { now = Date.now(), scoredTopK = true }: RunSearchOptions,
): SearchResult {
  for (const key of Object.keys(body)) {
    if (!BODY_KEYS.has(key)) {
      throw new BadRequestError(`[${key}] is not supported by the embedded search index`);
    }
  }
  const from = integerOption(body.from, "from", 0);
  const size = integerOption(body.size, "size", 10);
  if (from + size > MAX_RESULT_WINDOW) {
    throw new BadRequestError(
      `Result window is too large, from + size must be less than or equal to: [${MAX_RESULT_WINDOW}] but was [${
        from + size
      }]`,
    );
  }
  const sort = parseSort(body.sort);
  const highlight = body.highlight === undefined ? undefined : parseHighlight(body.highlight);
  const project = sourceFilter(body._source);
  const scored = sort.length === 0 || sort.some((key) => key.field === "_score");
  const parts = inShardOrder(layouts).map((layout, i) =>
    compilePart(db, layout, i, body, sort, { now, scored })
  );

  let total: number | undefined;
  const hits: SearchHit[] = [];
  if (size > 0 && parts.length) {
    const order = [
      ...sort.map((key, i) =>
        key.field === "_score"
          ? `score ${key.order}`
          : `(s${i} IS NULL) ${key.missing === "_first" ? "DESC" : "ASC"}, s${i} ${key.order}`
      ),
      ...(sort.length ? [] : ["score DESC"]),
      "res",
      "rid",
    ];
    const scoreless = parts.every((p) => !scoringLeaves(p.scope).length);
    const scoredParts = parts.map((p) => ({ ...p, leaves: scoringLeaves(p.scope) }));
    const topK = scoredTopK && takesScoredPage(sort, scoredParts);
    const choose = () => {
      if (inIndexOrder(sort, scoreless)) return indexOrderPage(db, parts, { from, size });
      const grouped = sortsByGroups(sort, parts.map((p) => p.layout))
        ? sortedPage(db, parts, sort, { from, size })
        : undefined;
      return grouped ??
        (sortsInTwoPasses(sort)
          ? twoPassPage(db, parts, sort, order, { from, size })
          : onePassPage(db, parts, order, { from, size }));
    };
    const chosen = topK
      ? scoredPage(db, scoredParts, { from, size })
      : scored
      ? withScratchTable(db, SCORES, () => {
        fillScores(db, parts);
        return choose();
      })
      : choose();
    total = chosen.total;
    const reads = parts.map((p) =>
      db.prepare(
        `SELECT d.id AS id, s.doc AS doc FROM ${p.layout.docs} d JOIN ${p.layout.src} s
         ON s.rid = d.rid WHERE d.rid = ?`,
      )
    );
    for (const { res, rid } of chosen.page) {
      const part = parts[res]!;
      const row = reads[res]!.get(rid) as { id: string; doc: string };
      const doc = JSON.parse(row.doc);
      const hit: SearchHit = {
        _id: row.id,
        _resource: part.layout.resource,
        _source: { _id: row.id, ...project(doc) },
      };
      if (highlight) {
        const found = highlightHit(db, part.layout, part.scope.positive, {
          rid,
          source: doc,
        }, highlight);
        if (found) hit.highlight = found;
      }
      hits.push(hit);
    }
  }
  // No page (size 0, or past the end): count on its own.
  total ??= parts.reduce((sum, part) =>
    sum +
    (db.prepare(`SELECT COUNT(*) AS n FROM ${part.layout.docs} d WHERE ${part.hits.sql}`)
      .get(...part.hits.params) as { n: number }).n, 0);
  const result: SearchResult = { hits, total };
  const aggs = body.aggs ?? body.aggregations;
  if (aggs !== undefined) {
    const targets: AggTarget[] = parts.map((p) => ({ layout: p.layout, cond: p.query, now }));
    result.aggregations = runAggregations(db, targets, aggs);
  }
  return result;
}

/**
 * `layouts` each once (Elasticsearch searches an index named twice once) in Elasticsearch's shard
 * order, which breaks ties between indexes (equal scores, equal sort values): by concrete index
 * name (`{prefix}_{resource}_{n}`, one shard each), whatever the order the search names them in.
 */
function inShardOrder(layouts: IndexLayout[]): IndexLayout[] {
  const key = (layout: IndexLayout) => `${layout.resource}_`;
  return [...new Map(layouts.map((layout) => [layout.name, layout])).values()]
    .sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

interface Part extends SortedPart {
  layout: IndexLayout;
  scope: QueryScope;
  /** Documents matching `query` (what aggregations count). */
  query: Sql;
  /** Documents matching `query` and `post_filter` (the hits). */
  hits: Sql;
  /** The sub-select of this index for the union. */
  select: Sql;
  /** `from` with value conditions looked up per document (`QueryScope.probe`). */
  probeFrom: () => Sql;
}

function compilePart(
  db: DatabaseSync,
  layout: IndexLayout,
  res: number,
  body: SearchBody,
  sort: SortKey[],
  { now, scored }: { now: number; scored: boolean },
): Part {
  const scope: QueryScope = { db, layout, params: [], positive: [], now };
  const { query, hits } = compileHits(scope, body);
  const columns = sort.map((key) => sortColumn(layout, key));
  const scoreSql = scored && scoringLeaves(scope).length
    ? `COALESCE((SELECT score FROM temp.${SCORES.name} WHERE res = ${res} AND rid = d.rid), 0)`
    : "0";
  const select = {
    sql: `SELECT ${res} AS res, d.rid AS rid, ${scoreSql} AS score${
      columns.map((c, i) => `, ${c.sql} AS s${i}`).join("")
    } FROM ${layout.docs} d WHERE ${hits.sql}`,
    params: [...columns.flatMap((c) => c.params), ...hits.params],
  };
  const from = { sql: `${layout.docs} d WHERE ${hits.sql}`, params: hits.params };
  const probeFrom = () => {
    const probe = compileHits({ db, layout, params: [], positive: [], now, probe: true }, body);
    return { sql: `${layout.docs} d WHERE ${probe.hits.sql}`, params: probe.hits.params };
  };
  return { layout, scope, query, hits, select, scoreSql, from, probeFrom, columns };
}

/** The conditions of `body`'s query, and of its hits (the query and `post_filter`). */
function compileHits(scope: QueryScope, body: SearchBody): { query: Sql; hits: Sql } {
  let query = collect(scope, () => compileQuery(body.query ?? { match_all: {} }, scope));
  // Elasticsearch's 0 is "do not terminate early".
  const depth = integerOption(body.terminate_after, "terminate_after", 0);
  if (depth > 0) {
    query = {
      sql:
        `d.rid IN (SELECT d.rid FROM ${scope.layout.docs} d WHERE ${query.sql} ORDER BY d.rid LIMIT ${depth})`,
      params: query.params,
    };
  }
  const hits = body.post_filter === undefined ? query : (() => {
    // Elasticsearch's post_filter neither scores nor highlights: its full-text leaves are dropped.
    const filtering = { ...scope, positive: [] };
    const filter = collect(filtering, () => compileQuery(body.post_filter, filtering));
    return {
      sql: `(${query.sql}) AND (${filter.sql})`,
      params: [...query.params, ...filter.params],
    };
  })();
  return { query, hits };
}

/** Compiles with a fresh parameter list, so each SQL fragment carries its own parameters. */
function collect(scope: QueryScope, compile: () => string): Sql {
  const saved = scope.params;
  scope.params = [];
  try {
    const sql = compile();
    return { sql, params: scope.params };
  } finally {
    scope.params = saved;
  }
}

/**
 * The page and total of a search whose keys are looked up in one pass: the page is chosen on
 * (index, rid, score, sort keys) alone and counted in the same pass; documents are read for the
 * page only.
 */
function onePassPage(
  db: DatabaseSync,
  parts: Part[],
  order: string[],
  { from, size }: { from: number; size: number },
): { page: Array<{ res: number; rid: number }>; total: number | undefined } {
  const sql = `SELECT res, rid, COUNT(*) OVER () AS total FROM (${
    parts.map((p) => p.select.sql).join(" UNION ALL ")
  }) ORDER BY ${order.join(", ")} LIMIT ? OFFSET ?`;
  const params = [...parts.flatMap((p) => p.select.params), size, from];
  const rows = db.prepare(sql).all(...params) as Array<
    { res: number; rid: number; total: number }
  >;
  return { page: rows, total: rows[0]?.total };
}

/**
 * Scores the documents matching each index's full-text clauses into the (empty) temporary table
 * keyed by (index, rid): joining the scores as a subquery would rescan it for every row. Rows of
 * text fields no clause searches are left out (of clauses on different fields, one's words still
 * count in the other's fields).
 */
function fillScores(db: DatabaseSync, parts: Part[]): void {
  parts.forEach((part, res) => {
    const leaves = scoringLeaves(part.scope);
    if (!leaves.length) return;
    // Only the rows of the fields the clauses search: a word in another text field scores nothing.
    const rows = scoreRows(part.layout.fts, leaves);
    db.prepare(
      `INSERT INTO temp.${SCORES.name} SELECT ${res}, rowid / ${MAX_TEXT_FIELDS}, -SUM(rank)
       FROM ${rows.sql} GROUP BY 2`,
    ).run(...rows.params);
  });
}

/** The full-text leaves of `scope` that score (outside filter contexts). */
function scoringLeaves(scope: QueryScope): FtsLeaf[] {
  return scope.positive.filter((leaf) => leaf.scores);
}
