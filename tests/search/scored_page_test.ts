/**
 * The scored page (`scored_page.ts`) against the one-pass query that scores every hit
 * (`runSearch`'s `scoredTopK: false`), on two indexes holding the same documents (equal scores
 * across indexes, broken by index) with repeated texts (equal scores within one, broken by
 * insertion), words of very different frequencies in texts of different lengths, and documents
 * removed (gaps in the rowids): the same answers (hits in order, filtered sources, highlights,
 * totals, aggregations) for 20 scored bodies (match, phrase, multi_match, query_string,
 * cross_fields, bool with filters, must_not and should, a required clause with an optional one,
 * the required one matching nothing too, post_filter, terminate_after, `_score` sort) × 8
 * windows (size 0 too) × one and two indexes, all taking the scored page (no table of every
 * score), with a list of their hits unless their query is one scoring clause alone; which sorts
 * and parts take it; over an index where the scored field is not text (its hits score 0 and
 * follow); and a total that agrees with the hits when another connection writes between the
 * page's statements.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { SearchBody, SearchDoc } from "../../src/search/search_index.ts";
import { readCatalog } from "../../src/search/sqlite/sqlite_catalog.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { runSearch } from "../../src/search/sqlite/sqlite_search.ts";
import type { IndexLayout } from "../../src/search/sqlite/sqlite_tables.ts";
import { scoresAreHits, takesScoredPage } from "../../src/search/sqlite/scored_page.ts";
import { writeDocs } from "../../src/search/sqlite/sqlite_tables.ts";
import { ftsRowsMatch } from "../../src/search/sqlite/text_conditions.ts";
import { headlineOnlyMapping, itemMapping } from "./_search_fixtures.ts";
import { aroundGets, recording } from "./_recording_db.ts";

/** Words from very common (w0) to rare (w11). */
const WORDS = Array.from({ length: 12 }, (_, i) => `w${i}`);

/** A text of `length` words, word `i` drawn with weight about 1/(i + 1). */
function text(seed: number, length: number): string {
  let x = seed * 2654435761 % 4294967296;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const u = x / 2147483648;
    out.push(WORDS[Math.min(WORDS.length - 1, Math.floor(1 / (u + 0.08)) - 1)]!);
  }
  return out.join(" ");
}

function corpus(): SearchDoc[] {
  const states = ["draft", "published", "spiked"];
  return Array.from({ length: 500 }, (_, i): SearchDoc => {
    // Every ninth document repeats an earlier one's texts: equal scores.
    const seed = i % 9 === 8 ? i - 5 : i;
    const length = 5 + (seed * 7) % 60;
    return {
      _id: `d${i}`,
      headline: text(seed, 2 + seed % 7),
      ...(i % 6 ? { body_html: `<p>${text(seed + 1000, length)}</p>`, priority: length } : {}),
      slugline: `s${i % 13}`,
      urgency: 1 + i % 5,
      state: states[i % 3]!,
      flags: { marked_for_not_publication: false },
      subject: [],
      versioncreated: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    };
  });
}

/** Scored queries of every kind. */
const QUERIES: unknown[] = [
  { match: { headline: "w0" } },
  { match: { body_html: "w1 w9" } },
  { match: { body_html: { query: "w0 w2", operator: "and" } } },
  { match_phrase: { body_html: "w0 w1" } },
  { multi_match: { query: "w3 w7", fields: ["headline", "body_html"] } },
  { query_string: { query: "w4 OR w10" } },
  { query_string: { query: "w0 w5", type: "cross_fields", default_operator: "AND" } },
  { query_string: { query: "w1 AND NOT w2" } },
  { query_string: { query: "w11" } },
  { bool: { must: [{ match: { body_html: "w0" } }], filter: [{ term: { state: "spiked" } }] } },
  {
    bool: {
      must: [{ match: { body_html: "w0" } }],
      filter: [{ range: { priority: { gte: 35 } } }],
    },
  },
  {
    bool: {
      should: [{ match: { headline: "w6" } }, { term: { urgency: 2 } }],
      minimum_should_match: 1,
    },
  },
  {
    bool: {
      should: [{ match: { headline: "w1" } }, { match: { body_html: "w8" } }, {
        term: { state: "draft" },
      }],
      minimum_should_match: 2,
    },
  },
  {
    bool: { must: [{ match: { headline: "w2" } }], must_not: [{ range: { urgency: { gte: 3 } } }] },
  },
  // An optional clause beside a required one scores without matching (its SQL is dropped).
  { bool: { must: [{ match: { headline: "w3" } }], should: [{ match: { body_html: "w9" } }] } },
  { query_string: { query: "+w3 w9" } },
  // ... and beside one that matches nothing (a field no index maps): no hits.
  { query_string: { query: "+unmapped:w3 w9", lenient: true } },
];

/**
 * The queries that are one scoring full-text clause alone (one FTS5 expression over their
 * fields), which take the scored page; the others, several clauses or filters, do not.
 */
const ALONE = [QUERIES[0], QUERIES[1], QUERIES[2], QUERIES[3], QUERIES[8]];

const WINDOWS: Array<[number, number]> = [
  [0, 5],
  [0, 25],
  [3, 10],
  [40, 30],
  [0, 1000],
  [470, 50],
  [950, 10],
  [10, 0],
];

async function withCorpus(test: (db: DatabaseSync, layouts: IndexLayout[]) => void) {
  const dir = await Deno.makeTempDir({ prefix: "scored_page_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "sp", searchThreads: 0 });
  const db = new DatabaseSync(path);
  try {
    const removed = Array.from({ length: 45 }, (_, i) => `d${i * 11 + 4}`);
    for (const resource of ["items", "copies"]) {
      await index.ensureIndex(resource, itemMapping);
      await index.index(resource, corpus());
      await index.remove(resource, removed);
    }
    const catalog = readCatalog(db, "sp");
    test(db, ["items", "copies"].map((r) => catalog.indexes(r).live!));
  } finally {
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("scored pages equal the pages of scoring every hit, on queries × windows", async () => {
  await withCorpus((db, layouts) => {
    const seen: string[] = [];
    const spied = recording(db, seen);
    const bodies: SearchBody[] = [
      ...QUERIES.map((query) => ({ query })),
      { query: QUERIES[0], sort: [{ _score: "desc" }] },
      { query: QUERIES[1], post_filter: { term: { state: "draft" } } },
      { query: QUERIES[1], terminate_after: 150 },
    ];
    const alone = bodies.filter((b) =>
      ALONE.includes(b.query) && !b.post_filter && !b.terminate_after
    );
    const took = new Set<SearchBody>();
    let compared = 0;
    for (const search of bodies) {
      for (const targets of [[layouts[0]!], layouts]) {
        for (const [from, size] of WINDOWS) {
          // Sources filtered, highlights and aggregations: the whole answers are compared.
          const body: SearchBody = {
            ...search,
            from,
            size,
            _source: ["headline"],
            highlight: { fields: { headline: {}, body_html: {} } },
            aggs: { states: { terms: { field: "state" } } },
          };
          const label = `${JSON.stringify(search)} ${targets.length} index(es) ${from}+${size}`;
          seen.length = 0;
          const got = runSearch(spied, targets, body);
          const scoredPage = seen.some((sql) => sql.includes("-SUM(rank) AS score"));
          const want = runSearch(db, targets, body, { scoredTopK: false });
          const ids = (r: typeof got) => r.hits.map((h) => `${h._resource}/${h._id}`);
          assert.deepEqual(ids(got), ids(want), label);
          assert.equal(got.total, want.total, label);
          assert.deepEqual(got, want, label);
          if (got.hits.some((hit) => hit.highlight) && got.aggregations) compared++;
          // Every relevance-ordered search takes the scored page, which keeps no table of every
          // score (no page at size 0: neither); a list of the hits unless its query is one
          // scoring clause alone.
          assert.equal(scoredPage, size > 0, label);
          assert.ok(!seen.some((sql) => sql.includes("INSERT INTO temp.search_scores")), label);
          assert.equal(
            seen.some((sql) => sql.includes("INSERT INTO temp.search_hits")),
            size > 0 && !alone.includes(search),
            label,
          );
          if (scoredPage) took.add(search);
        }
      }
    }
    assert.equal(took.size, bodies.length);
    // Highlights and aggregations were there to compare (most searches have hits).
    assert.ok(compared > 150, `${compared}`);
  });
});

Deno.test("the fixture's scores tie within an index and across indexes", async () => {
  await withCorpus((db, layouts) => {
    const scores = (layout: IndexLayout) =>
      db.prepare(
        `SELECT d.id AS id, -SUM(rank) AS score FROM ${layout.fts} f JOIN ${layout.docs} d
         ON d.rid = f.rowid / 256 WHERE ${layout.fts} MATCH '"w0"' GROUP BY f.rowid / 256`,
      ).all() as Array<{ id: string; score: number }>;
    const [items, copies] = layouts.map(scores);
    // Equal texts, equal scores within an index (d8 repeats d3's texts) ...
    const of = (rows: typeof items, id: string) => rows!.find((r) => r.id === id)!.score;
    assert.equal(of(items, "d8"), of(items, "d3"));
    assert.ok(new Set(items!.map((r) => r.score)).size < items!.length - 20);
    // ... and each document scores the same in both indexes.
    assert.deepEqual(copies, items);
  });
});

Deno.test("relevance-ordered scored searches take the scored page, listing hits unless one clause alone", () => {
  const leaf = { expr: '"w1"', ks: [1], scores: true };
  const alone = {
    layout: { docs: "d", fts: "f" },
    hits: { sql: `((${ftsRowsMatch("f", [1])}))`, params: [leaf.expr] },
    leaves: [leaf],
  };
  const filtered = {
    ...alone,
    hits: { sql: `(${alone.hits.sql}) AND d.rid > 3`, params: alone.hits.params },
  };
  const unmapped = { layout: alone.layout, hits: { sql: "(0)", params: [] }, leaves: [] };
  // `must` w1 and `should` w2: the hits are w1's, the scores summed for w1 or w2.
  const optional = { ...alone, leaves: [leaf, { expr: '"w2"', ks: [2], scores: true }] };
  // `must` an unmapped field and `should` w1: no hits, w1 scored.
  const none = { ...unmapped, leaves: [leaf] };
  const relevance = [[], [{ field: "_score", order: "DESC" }]];
  for (const sort of relevance) {
    for (const parts of [[alone], [unmapped, alone], [alone, filtered], [optional], [none]]) {
      assert.equal(takesScoredPage(sort, parts), true);
    }
    // Nothing scores: the index-order page.
    assert.equal(takesScoredPage(sort, [unmapped]), false);
  }
  // Only the clause alone needs no list of its hits.
  assert.equal(scoresAreHits(alone), true);
  for (const part of [filtered, unmapped, optional, none]) {
    assert.equal(scoresAreHits(part), false);
  }
  assert.equal(scoresAreHits({ ...alone, hits: { ...alone.hits, params: ['"w2"'] } }), false);
  for (
    const sort of [[{ field: "_score", order: "ASC" }], [{ field: "_score", order: "DESC" }, {
      field: "_doc",
      order: "ASC",
    }], [{ field: "urgency", order: "DESC" }]]
  ) {
    assert.equal(takesScoredPage(sort, [alone]), false);
  }
});

Deno.test("a scored page's total and hits agree when another connection writes between its statements", async () => {
  const dir = await Deno.makeTempDir({ prefix: "scored_page_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "sp", searchThreads: 0 });
  const db = new DatabaseSync(path);
  const other = new DatabaseSync(path);
  try {
    await index.ensureIndex("items", itemMapping);
    await index.index("items", corpus().slice(0, 40));
    const layouts = [readCatalog(db, "sp").indexes("items").live!];
    const query = { match: { headline: "w0" } };
    const before = runSearch(db, layouts, { query, size: 100 });
    // Another connection (another process) commits a matching document right after the count.
    let added = 0;
    const interleaved = aroundGets(db, "SELECT COUNT(*)", (get) => {
      const row = get();
      other.exec("BEGIN IMMEDIATE");
      writeDocs(other, layouts[0]!, [{ ...corpus()[0]!, _id: `new${added++}` }]);
      other.exec("COMMIT");
      return row;
    });
    const got = runSearch(interleaved, layouts, { query, size: 100 });
    assert.equal(added, 1);
    assert.equal(got.total, before.total);
    assert.equal(got.hits.length, got.total);
    assert.equal(runSearch(db, layouts, { query, size: 100 }).total, before.total + 1);
  } finally {
    other.close();
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a scored page over indexes where the scoring field is not text in one: its hits score 0 and follow", async () => {
  const dir = await Deno.makeTempDir({ prefix: "scored_page_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "sp", searchThreads: 0 });
  const db = new DatabaseSync(path);
  try {
    const docs = corpus().slice(0, 200);
    await index.ensureIndex("items", itemMapping);
    await index.index("items", docs);
    // `body_html` is not analysed there: a `match` on it scores nothing in that index.
    await index.ensureIndex("plain", headlineOnlyMapping);
    await index.index("plain", docs);
    const catalog = readCatalog(db, "sp");
    const layouts = ["items", "plain"].map((r) => catalog.indexes(r).live!);
    const queries: unknown[] = [
      {
        bool: {
          should: [{ match: { body_html: "w8" } }, { term: { state: "draft" } }],
          minimum_should_match: 1,
        },
      },
      { bool: { must: [{ match: { body_html: "w0" } }], filter: [{ term: { urgency: 2 } }] } },
      { bool: { should: [{ match: { body_html: "w1" } }, { match: { headline: "w5" } }] } },
      { match: { body_html: "w1 w9" } },
    ];
    let plainHits = 0;
    for (const query of queries) {
      for (const [from, size] of [...WINDOWS, [60, 200] as [number, number]]) {
        const body: SearchBody = { query, from, size, _source: ["headline"] };
        const label = `${JSON.stringify(query)} ${from}+${size}`;
        const got = runSearch(db, layouts, body);
        assert.deepEqual(got, runSearch(db, layouts, body, { scoredTopK: false }), label);
        plainHits += got.hits.filter((hit) => hit._resource === "plain").length;
      }
    }
    // The index that scores nothing gave hits to the pages.
    assert.ok(plainHits > 50, `${plainHits}`);
  } finally {
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});
