/**
 * The search threads answer as the calling thread did: the differential test's generated
 * queries (`_differential_queries.ts`, every shape, refused ones included) run on one index file
 * through an index searching in its own thread and through one searching in search threads;
 * results (hits with sources and highlights, in order; totals; aggregations) must be equal, and
 * a refused query refused with the same class, status and message. News corpus items when
 * NEWS_CORPUS is set, synthetic ones of the same shape otherwise. `SEARCH_THREADS_DIFF_SEED`
 * explores other queries.
 */
import assert from "node:assert/strict";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import type { SearchBody, SearchIndex } from "../../src/search/search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { loadNewsItems } from "../fixtures/news_corpus.ts";
import { generateQueries } from "./_differential_queries.ts";
import { syntheticNewsItems } from "./_search_thread_fixtures.ts";

const ITEMS = 600;
const QUERIES = 200;
const SEED = Number(Deno.env.get("SEARCH_THREADS_DIFF_SEED") ?? 21);
const corpus = Deno.env.get("NEWS_CORPUS");

async function outcome(index: SearchIndex, body: SearchBody) {
  try {
    return { result: await index.search(["archive"], body) };
  } catch (error) {
    const e = error as Error & { status?: number };
    return {
      error: { class: e.constructor.name, name: e.name, status: e.status, text: e.message },
    };
  }
}

Deno.test(`search threads give the in-thread answers to ${QUERIES} generated queries`, async () => {
  const raw = corpus ? await loadNewsItems(corpus, ITEMS) : syntheticNewsItems(ITEMS);
  const items = raw.map((d) => toSearchDoc(archiveResource, d));
  const dir = await Deno.makeTempDir({ prefix: "search_threads_diff_" });
  const path = `${dir}/search.db`;
  const inThread = createSqliteSearchIndex({ path, prefix: "diff", searchThreads: 0 });
  // The limit is not what is compared: a slow query on a loaded machine must not trip it.
  const threaded = createSqliteSearchIndex({
    path,
    prefix: "diff",
    searchThreads: 2,
    searchTimeoutMs: 600_000,
  });
  try {
    await inThread.ensureIndex("archive", resourceMapping(archiveResource));
    for (let i = 0; i < items.length; i += 500) {
      await inThread.index("archive", items.slice(i, i + 500));
    }
    const queries = generateQueries(items, QUERIES, SEED);
    // Highlights too (on pages), which the generator does not ask for.
    const bodies = queries.map(({ body }, i) =>
      i % 5 === 0 && body.size !== 10_000
        ? { ...body, highlight: { fields: { headline: {}, body_html: {} } } }
        : body
    );
    let refused = 0;
    let hits = 0;
    for (const body of bodies) {
      const [expected, actual] = [await outcome(inThread, body), await outcome(threaded, body)];
      assert.deepStrictEqual(actual, expected, JSON.stringify(body));
      if ("error" in expected) refused++;
      else hits += expected.result.total;
    }
    // The comparison means something: most queries answer, with hits.
    assert.ok(refused < bodies.length / 10, `${refused} refused`);
    assert.ok(hits > bodies.length, `${hits} hits in all`);
  } finally {
    await threaded.close();
    await inThread.close();
    await Deno.remove(dir, { recursive: true });
  }
});
