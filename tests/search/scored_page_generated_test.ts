/**
 * Generated bodies (seeded): the scored page (`scored_page.ts`) against the one-pass query that
 * scores every hit (`runSearch`'s `scoredTopK: false`), whole answers (hits in order, sources,
 * highlights, totals, aggregations, or the same error) over three indexes of different mappings:
 * `items` (`headline` and `body_html` text), `plain` (`body_html` a keyword: a `match` on it is
 * one exact value and scores nothing there) and `empty` (no documents). Bodies nest `bool`s
 * (must, filter, should, must_not, every `minimum_should_match` form, boosts of 0 and
 * fractional), `constant_score`, every `multi_match` type, `query_string` with either default
 * operator, `post_filter`, `terminate_after`, `track_total_hits` and windows up to the deepest.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { SearchBody, SearchDoc } from "../../src/search/search_index.ts";
import { readCatalog } from "../../src/search/sqlite/sqlite_catalog.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { runSearch } from "../../src/search/sqlite/sqlite_search.ts";
import { headlineOnlyMapping, itemMapping } from "./_search_fixtures.ts";
import { random } from "./_search_thread_fixtures.ts";
import { recording } from "./_recording_db.ts";

const STATES = ["draft", "published", "spiked"];

function corpus(rand: () => number, n: number): SearchDoc[] {
  // Word i drawn with weight about 1/(i + 1): common and rare words, repeated texts.
  const word = () => `w${Math.max(0, Math.min(11, Math.floor(1 / (rand() + 0.08)) - 1))}`;
  const words = (k: number) => Array.from({ length: k }, word).join(" ");
  return Array.from({ length: n }, (_, i): SearchDoc => {
    const length = 3 + Math.floor(rand() * 40);
    return {
      _id: `d${i}`,
      headline: i % 10 === 9 ? "w0 w1" : words(1 + Math.floor(rand() * 6)),
      ...(i % 5 ? { body_html: i % 7 === 3 ? "w2" : `<p>${words(length)}</p>` } : {}),
      ...(i % 4 ? { priority: length } : {}),
      slugline: `s${i % 13}`,
      urgency: 1 + i % 5,
      state: STATES[i % 3]!,
      flags: { marked_for_not_publication: false },
      subject: [],
      versioncreated: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
    };
  });
}

/** A generated query of at most `depth` levels of `bool`. */
function query(rand: () => number, depth: number): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const w = () => `w${Math.floor(rand() * rand() * 12)}`;
  const field = () => pick(["headline", "body_html"]);
  const boost = () => pick([undefined, undefined, 0, 0.5, 3]);
  const withBoost = <T extends Record<string, unknown>>(q: T) => {
    const b = boost();
    return b === undefined ? q : { ...q, boost: b };
  };
  const leaves: Array<() => unknown> = [
    () => ({ match: { [field()]: withBoost({ query: `${w()} ${w()}` }) } }),
    () => ({ match: { [field()]: { query: `${w()} ${w()}`, operator: "and" } } }),
    () => ({ match: { body_html: "w2" } }),
    () => ({ match_phrase: { [field()]: `${w()} ${w()}` } }),
    () => ({
      multi_match: withBoost({
        query: `${w()} ${w()}`,
        fields: pick([["headline", "body_html"], ["headline^2", "body_html"], ["body_html"]]),
        type: rand() < 0.03
          ? "phrase_prefix"
          : pick(["best_fields", "most_fields", "cross_fields", "phrase"]),
        ...(rand() < 0.3 ? { tie_breaker: 0.3 } : {}),
        ...(rand() < 0.3 ? { operator: "and" } : {}),
      }),
    }),
    () => ({
      query_string: {
        query: pick([`${w()} ${w()}`, `${w()} AND NOT ${w()}`, `(${w()} OR ${w()}) ${w()}`]),
        default_operator: pick(["AND", "OR"]),
        ...(rand() < 0.3 ? { type: "cross_fields" } : {}),
        ...(rand() < 0.4 ? { fields: ["headline", "body_html"] } : {}),
      },
    }),
    () => ({ term: { state: withBoost({ value: pick(STATES) }) } }),
    () => ({ range: { priority: { gte: Math.floor(rand() * 40) } } }),
    () => ({ exists: { field: "body_html" } }),
    () => ({ prefix: { slugline: "s1" } }),
    () => ({ constant_score: { filter: { match: { [field()]: w() } }, boost: boost() ?? 1 } }),
    () => ({ match_all: {} }),
    () => ({ match_none: {} }),
  ];
  if (depth <= 0 || rand() < 0.35) return pick(leaves)();
  const clauses = (max: number) =>
    Array.from({ length: Math.floor(rand() * (max + 1)) }, () => query(rand, depth - 1));
  const bool: Record<string, unknown> = {};
  for (
    const [occur, max] of [["must", 2], ["filter", 2], ["should", 4], ["must_not", 1]] as const
  ) {
    const qs = clauses(max);
    if (qs.length) bool[occur] = qs.length === 1 && rand() < 0.5 ? qs[0] : qs;
  }
  if (rand() < 0.5) {
    bool.minimum_should_match = rand() < 0.97
      ? pick([0, 1, 2, 3, 5, "1", "2"])
      : pick([-1, "75%", "2<75%"]);
  }
  if (rand() < 0.2) bool.boost = boost() ?? 2;
  return { bool };
}

function body(rand: () => number): SearchBody {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const [from, size] = pick([[0, 10], [0, 25], [7, 3], [40, 60], [0, 500], [380, 30], [9990, 10]]);
  const b: SearchBody = {
    // The client's archive search: its query in a bool with the visibility filter.
    query: rand() < 0.3
      ? { bool: { must: query(rand, 2), filter: { terms: { state: ["draft", "published"] } } } }
      : query(rand, 3),
    from,
    size,
    _source: ["headline"],
  };
  if (rand() < 0.2) b.sort = [{ _score: "desc" }];
  if (rand() < 0.2) b.post_filter = { range: { urgency: { lte: 3 } } };
  if (rand() < 0.1) b.terminate_after = pick([5, 50, 0]);
  if (rand() < 0.3) b.track_total_hits = pick([false, true, 100]);
  if (rand() < 0.3) b.highlight = { fields: { headline: {}, body_html: {} } };
  if (rand() < 0.2) b.aggs = { states: { terms: { field: "state" } } };
  return b;
}

function answer(
  db: DatabaseSync,
  layouts: Parameters<typeof runSearch>[1],
  b: SearchBody,
  topK: boolean,
) {
  try {
    return runSearch(db, layouts, b, { scoredTopK: topK });
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

Deno.test("generated bodies: the scored page answers as scoring every hit does, over indexes of different mappings", async () => {
  const dir = await Deno.makeTempDir({ prefix: "scored_gen_" });
  const path = `${dir}/search.db`;
  const index = createSqliteSearchIndex({ path, prefix: "sg", searchThreads: 0 });
  const db = new DatabaseSync(path);
  try {
    const rand = random(1414);
    const docs = corpus(rand, 420);
    await index.ensureIndex("items", itemMapping);
    await index.index("items", docs);
    await index.remove("items", docs.filter((_, i) => i % 17 === 5).map((d) => d._id));
    await index.ensureIndex("plain", headlineOnlyMapping);
    await index.index("plain", docs.slice(0, 300));
    await index.ensureIndex("empty", itemMapping);
    const catalog = readCatalog(db, "sg");
    const [items, plain, empty] = ["items", "plain", "empty"].map((r) => catalog.indexes(r).live!);
    const targets = [[items!], [items!, plain!], [plain!], [items!, plain!, empty!], [empty!]];
    const prepared: string[] = [];
    const spied = recording(db, prepared);
    let paged = 0;
    let answered = 0;
    let withHits = 0;
    for (let i = 0; i < 600; i++) {
      const b = body(rand);
      const layouts = targets[i % targets.length]!;
      const want = answer(db, layouts, b, false);
      prepared.length = 0;
      const got = answer(spied, layouts, b, true);
      // The scored page's statement keeps the best `-SUM(rank)`.
      if (prepared.some((sql) => sql.includes("-SUM(rank) AS score"))) paged++;
      assert.deepEqual(got, want, `#${i} ${layouts.length} index(es) ${JSON.stringify(b)}`);
      if (!("error" in want)) answered++;
      if (!("error" in want) && want.hits.length > 5) withHits++;
    }
    // Most bodies are served, many with pages of hits.
    assert.ok(answered > 300, `${answered}`);
    assert.ok(withHits > 60, `${withHits}`);
    // Most served bodies took the scored page.
    assert.ok(paged > answered / 2, `${paged} of ${answered}`);
  } finally {
    db.close();
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("generated bodies sent all at once to two search threads answer as one at a time in the calling thread, while another index is written", async () => {
  const dir = await Deno.makeTempDir({ prefix: "scored_gen_" });
  const path = `${dir}/search.db`;
  const inThread = createSqliteSearchIndex({ path, prefix: "sg", searchThreads: 0 });
  // The limit is not what is compared: a slow search on a loaded machine must not trip it.
  const threaded = createSqliteSearchIndex({
    path,
    prefix: "sg",
    searchThreads: 2,
    searchTimeoutMs: 600_000,
  });
  try {
    const rand = random(2020);
    const docs = corpus(rand, 300);
    await inThread.ensureIndex("items", itemMapping);
    await inThread.index("items", docs);
    await inThread.ensureIndex("plain", headlineOnlyMapping);
    await inThread.index("plain", docs.slice(0, 200));
    await inThread.ensureIndex("other", itemMapping);
    const bodies = Array.from({ length: 120 }, () => body(rand));
    const resources = (i: number) => i % 2 ? ["items", "plain"] : ["items"];
    const outcome = async (index: typeof inThread, b: SearchBody, i: number) => {
      try {
        return await index.search(resources(i), b);
      } catch (e) {
        return { error: `${(e as Error).name}: ${(e as Error).message}` };
      }
    };
    const want: Array<Awaited<ReturnType<typeof outcome>>> = [];
    for (const [i, b] of bodies.entries()) want.push(await outcome(inThread, b, i));
    // Writes to another index land between the threads' searches: they change nothing here.
    const writes = (async () => {
      for (let i = 0; i < 20; i++) await inThread.index("other", docs.slice(i * 10, i * 10 + 10));
    })();
    const got = await Promise.all(bodies.map((b, i) => outcome(threaded, b, i)));
    await writes;
    got.forEach((answer, i) => assert.deepEqual(answer, want[i], JSON.stringify(bodies[i])));
    assert.ok(want.filter((a) => !("error" in a) && a.hits.length).length > 25);
  } finally {
    await threaded.close();
    await inThread.close();
    await Deno.remove(dir, { recursive: true });
  }
});
