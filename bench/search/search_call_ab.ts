/**
 * The Elasticsearch exchange of a search (`SearchIndex.search` of each checkout given: the body
 * sent, the socket exchange, the answer's head and body parsed, hits converted) side by side in
 * one process, on the same index: CPU µs per search (`process.cpuUsage`) and the p50 of its
 * latency, rounds alternating between the checkouts (order reversed every other round),
 * medians. What `bench:search-route-ab` replays away (it answers from a recorded text): finds
 * differences of a few µs in the exchange itself, Elasticsearch's own time showing in the p50.
 * Usage: `deno run --config deno.dev.json --allow-all bench/search/search_call_ab.ts
 * [checkout ...]` (e.g. `/work/main .`); BENCH_DOCS (5000), ROUNDS (20), REQUESTS (500 per
 * checkout and round). Needs ELASTICSEARCH_URL. Not a test.
 */
import process from "node:process";
import { printLine } from "../../src/log.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { withOriginals } from "../../src/indexing/search_doc.ts";
import { dropBenchIndexes, openBenchPlatform, seedBenchStories } from "./_bench_platform.ts";
import { BENCH_QUERY, benchStories } from "./_search_bench_module.ts";

const DOCS = Number(Deno.env.get("BENCH_DOCS") ?? 5000);
const ROUNDS = Number(Deno.env.get("ROUNDS") ?? 20);
const REQUESTS = Number(Deno.env.get("REQUESTS") ?? 500);
const WARMUP = 200;
const url = Deno.env.get("ELASTICSEARCH_URL");
if (!url) throw new Error("search_call_ab needs ELASTICSEARCH_URL");
const checkouts = Deno.args.length ? Deno.args : ["."];

const { dataDir, prefix, config, platform } = await openBenchPlatform(url, "search_call_ab");
const closers: Array<() => Promise<void>> = [];
try {
  printLine(`seeding ${DOCS} documents…`, { stream: "stderr" });
  await seedBenchStories(platform, DOCS, 500);
  await (await fetch(`${url}/${prefix}_${benchStories.name}/_refresh`, { method: "POST" })).body
    ?.cancel();
  const params = new URLSearchParams({ source: JSON.stringify(BENCH_QUERY) });
  const body = withOriginals(parseSearchRequest(params, config, { federated: true }).body);
  const sides = [];
  for (const checkout of checkouts) {
    const root = await Deno.realPath(checkout);
    const { createElasticSearchIndex } = await import(
      `file://${root}/src/search/elastic/elastic_search_index.ts`
    );
    const index = createElasticSearchIndex({ url, prefix });
    closers.push(() => index.close());
    sides.push({
      name: checkout,
      async run() {
        const result = await index.search([benchStories.name], body);
        if (result.hits.length !== 25) throw new Error(`${checkout}: ${result.hits.length} hits`);
      },
      cpu: [] as number[],
      p50: [] as number[],
    });
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...sides.keys()];
    if (round % 2) order.reverse();
    for (const k of order) {
      const side = sides[k]!;
      for (let i = 0; i < WARMUP; i++) await side.run();
      const taken: number[] = [];
      const before = process.cpuUsage();
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        await side.run();
        taken.push(performance.now() - started);
      }
      const used = process.cpuUsage(before);
      side.cpu.push((used.user + used.system) / REQUESTS);
      side.p50.push(taken.sort((a, b) => a - b)[REQUESTS >> 1]! * 1000);
    }
  }
  const load = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  printLine(`search exchange, ${DOCS} docs, medians of ${ROUNDS} rounds (load ${load}):`);
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  for (const side of sides) {
    printLine(
      `${side.name}: CPU ${median(side.cpu).toFixed(1)} µs/search, p50 ${
        median(side.p50).toFixed(0)
      } µs`,
    );
  }
} finally {
  for (const close of closers) await close();
  await dropBenchIndexes(platform);
  await platform.close();
  await Deno.remove(dataDir, { recursive: true });
}
