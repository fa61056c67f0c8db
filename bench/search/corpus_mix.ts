/**
 * The second half of `bench:search`: the embedded index against Elasticsearch on a real news
 * corpus (`scripts/news_corpus fetch`; archive items made by `tests/fixtures/news_corpus.ts`,
 * archive's mapping): bulk indexing docs/s, then a mix of the differential test's query shapes
 * (pages of 25 with sources), p50/p99 per engine, and the peak resident memory of this process
 * while the embedded index is loaded and queried (the embedded index lives in it).
 */
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { printLine } from "../../src/log.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import type { SearchBody, SearchDoc, SearchIndex } from "../../src/search/search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { loadNewsItems } from "../../tests/fixtures/news_corpus.ts";
import { generateQueries } from "../../tests/search/_differential_queries.ts";

/** Knobs of the corpus mix. */
export interface CorpusMixOptions {
  corpus: string;
  elasticUrl: string;
  items: number;
  queries: number;
  rounds: number;
}

/** The resource the mix indexes. */
export const RESOURCE = "archive";
const BATCH = 500;

/**
 * The mix's items (index copies) and its queries: the differential test's generator, set
 * comparisons cut to pages of 25 with sources.
 */
export async function mixQueries(
  corpus: string,
  items: number,
  count: number,
): Promise<{ docs: SearchDoc[]; queries: Array<{ shape: string; body: SearchBody }> }> {
  printLine(`corpus mix: loading ${items} news items…`, { stream: "stderr" });
  const docs = (await loadNewsItems(corpus, items)).map((d) => toSearchDoc(archiveResource, d));
  const queries = generateQueries(docs, count, 7).map(({ shape, body }) => ({
    shape,
    body: body.size === 10_000 ? { ...body, size: 25, _source: undefined } : body,
  }));
  return { docs, queries };
}

/** Runs the corpus mix and prints its table. */
export async function corpusMix(options: CorpusMixOptions): Promise<void> {
  const { docs, queries } = await mixQueries(options.corpus, options.items, options.queries);
  const bodies = queries.map((q) => q.body);
  const dir = await Deno.makeTempDir({ prefix: "corpus_mix_" });
  // The embedded index works synchronously, so memory is sampled after each of its calls
  // (a timer would not fire while it works).
  const baseline = Deno.memoryUsage();
  let peak = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const now = Deno.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const embedded = createSqliteSearchIndex({ path: `${dir}/search.db`, prefix: "mix" });
  const elastic = createElasticSearchIndex({
    url: options.elasticUrl,
    prefix: `mix_${crypto.randomUUID().replaceAll("-", "").slice(0, 10)}`,
  });
  try {
    const loadEmbedded = await loadIndex(embedded, docs, sample);
    const embeddedLatency: number[][] = [];
    for (let round = 0; round < options.rounds; round++) {
      embeddedLatency.push(await timed(embedded, bodies, sample));
    }
    const loadElastic = await loadIndex(elastic, docs);
    const elasticLatency: number[][] = [];
    for (let round = 0; round < options.rounds; round++) {
      elasticLatency.push(await timed(elastic, bodies));
    }
    const e = figures(embeddedLatency);
    const s = figures(elasticLatency);
    printLine(
      `\nembedded index vs Elasticsearch, news corpus query mix (${docs.length} items, ` +
        `${bodies.length} queries, median of ${options.rounds})`,
    );
    printLine(`                      p50 ms   p99 ms   mean ms   load docs/s`);
    printLine(row("embedded (SQLite)", e, loadEmbedded));
    printLine(row("Elasticsearch", s, loadElastic));
    printLine(
      `embedded / Elasticsearch: p50 ${(e.p50 / s.p50).toFixed(2)}x, p99 ${
        (e.p99 / s.p99).toFixed(2)
      }x, mean ${(e.mean / s.mean).toFixed(2)}x (target <= 3x)`,
    );
    printLine(
      `peak RSS of this process with the embedded index: ${mb(peak)} MB ` +
        `(${mb(peak - baseline.rss)} MB over the ${mb(baseline.rss)} MB before the index was ` +
        `made, corpus already in memory; JS heap peak ${mb(peakHeap)} MB, ` +
        `${mb(baseline.heapUsed)} MB before)`,
    );
  } finally {
    await elastic.drop(RESOURCE).catch(() => {});
    await elastic.close();
    await embedded.close();
    await Deno.remove(dir, { recursive: true });
  }
}

/** Creates the mix's index in `index` and loads `docs` into it; answers docs/s. */
export async function loadIndex(
  index: SearchIndex,
  docs: SearchDoc[],
  sample = () => {},
): Promise<number> {
  const started = performance.now();
  await index.ensureIndex(RESOURCE, resourceMapping(archiveResource));
  for (let i = 0; i < docs.length; i += BATCH) {
    await index.index(RESOURCE, docs.slice(i, i + BATCH), { refresh: "false" });
    sample();
  }
  await index.count(RESOURCE);
  return docs.length / ((performance.now() - started) / 1000);
}

/** Each query's latency in ms, after a warm-up pass. */
async function timed(
  index: SearchIndex,
  bodies: SearchBody[],
  sample = () => {},
): Promise<number[]> {
  for (const body of bodies.slice(0, 20)) await index.search([RESOURCE], body);
  const out: number[] = [];
  for (const body of bodies) {
    const started = performance.now();
    await index.search([RESOURCE], body);
    out.push(performance.now() - started);
    sample();
  }
  return out;
}

interface Figures {
  p50: number;
  p99: number;
  mean: number;
}

function figures(rounds: number[][]): Figures {
  const each = rounds.map((latencies) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  return {
    p50: median(each.map((f) => f.p50)),
    p99: median(each.map((f) => f.p99)),
    mean: median(each.map((f) => f.mean)),
  };
}

function row(label: string, f: Figures, docsPerSecond: number): string {
  return `${label.padEnd(20)} ${f.p50.toFixed(2).padStart(7)}  ${f.p99.toFixed(2).padStart(7)}  ${
    f.mean.toFixed(2).padStart(8)
  }  ${Math.round(docsPerSecond).toString().padStart(11)}`;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
