/**
 * `deno task bench:ingest`: a 5,000-item feed (NewsML G2 files in a directory, and a NINJS API
 * paged over HTTP) through the whole ingest path — feeding service, parser, deduplication, the
 * document store and the search index — measured as items stored *and searchable* per second
 * (the clock stops when `/api/search?repo=ingest` counts them all), next to the floor of parsing
 * the same payloads alone in one thread. Prints items/s, the ratio and the peak RSS of the
 * process. Runs on the embedded default, or on the engines named by MONGO_URI,
 * ELASTICSEARCH_URL, REDIS_URL. Medians of BENCH_ROUNDS. Not a test.
 */
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { federatedSearch } from "../../src/indexing/federated_search.ts";
import { pollDeps } from "../../src/ingest/ingest_tasks.ts";
import { newsmlG2Parser } from "../../src/ingest/parsers/newsml_g2_parser.ts";
import { ninjsParser } from "../../src/ingest/parsers/ninjs_parser.ts";
import { pollProvider } from "../../src/ingest/poll_provider.ts";
import { printLine, silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { newsmlMessage, ninjsPage } from "./_feeds.ts";

const ITEMS = Number(Deno.env.get("BENCH_ITEMS") ?? 5_000);
const PER_PAYLOAD = Number(Deno.env.get("BENCH_PER_PAYLOAD") ?? 500);
const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 3);
const encoder = new TextEncoder();

/** Peak resident memory, sampled while the benchmark runs. */
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, Deno.memoryUsage().rss);
}, 20);

interface Figures {
  parse: number;
  ingest: number;
}

const results: Record<string, Figures[]> = { newsml2: [], ninjs: [] };
for (let round = 1; round <= ROUNDS; round++) {
  for (const format of ["newsml2", "ninjs"] as const) {
    const figures = await measure(format, `r${round}${crypto.randomUUID().slice(0, 6)}`);
    results[format]!.push(figures);
    printLine(
      `round ${round} ${format}: parse ${figures.parse.toFixed(0)} items/s, ` +
        `stored+searchable ${figures.ingest.toFixed(0)} items/s`,
    );
  }
}
clearInterval(sampler);

const engines = [
  Deno.env.get("MONGO_URI") ? "MongoDB" : "SQLite",
  Deno.env.get("ELASTICSEARCH_URL") ? "Elasticsearch" : "SQLite FTS5",
].join(" + ");
printLine(
  `\nbench:ingest, ${ITEMS} items in payloads of ${PER_PAYLOAD}, ${engines}, median of ${ROUNDS}:`,
);
printLine("format    parse alone (items/s)  stored+searchable (items/s)  ratio");
for (const [format, rounds] of Object.entries(results)) {
  const parse = median(rounds.map((r) => r.parse));
  const ingest = median(rounds.map((r) => r.ingest));
  printLine(
    `${format.padEnd(9)} ${parse.toFixed(0).padStart(21)}  ${ingest.toFixed(0).padStart(27)}  ${
      (ingest / parse).toFixed(3)
    }`,
  );
}
printLine(`peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`);

/** One round of one format: the parse floor, then the full path on a fresh store. */
async function measure(format: "newsml2" | "ninjs", prefix: string): Promise<Figures> {
  const payloads: Uint8Array[] = [];
  for (let from = 0; from < ITEMS; from += PER_PAYLOAD) {
    const count = Math.min(PER_PAYLOAD, ITEMS - from);
    const next = from + count < ITEMS ? `/api?page=${from / PER_PAYLOAD + 2}` : undefined;
    payloads.push(encoder.encode(
      format === "newsml2"
        ? newsmlMessage(prefix, from, count)
        : ninjsPage(prefix, from, count, next),
    ));
  }
  const parser = format === "newsml2" ? newsmlG2Parser : ninjsParser;
  let started = performance.now();
  let parsed = 0;
  for (const payload of payloads) parsed += parser.parse(payload, {}).items.length;
  const parse = parsed / ((performance.now() - started) / 1000);

  const dataDir = await Deno.makeTempDir({ prefix: "ingest_bench_" });
  const env: Record<string, string> = { DATA_DIR: dataDir, ELASTICSEARCH_INDEX: `bench_${prefix}` };
  for (const name of ["MONGO_URI", "ELASTICSEARCH_URL", "REDIS_URL"]) {
    const value = Deno.env.get(name);
    if (value) env[name] = value;
  }
  if (env.MONGO_URI) env.MONGO_DBNAME = `bench_${prefix}`;
  const platform = await buildPlatform(loadConfig(env), {
    log: silentLogger,
    metrics: new MetricsRegistry(),
    apps: [],
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const page = Number(new URL(request.url).searchParams.get("page") ?? 1);
    const body = payloads[page - 1];
    return body ? new Response(body as BodyInit) : new Response("no", { status: 404 });
  });
  try {
    const config = format === "newsml2"
      ? { path: dataDir + "/feed" }
      : { url: `http://127.0.0.1:${(server.addr as Deno.NetAddr).port}/api` };
    if (format === "newsml2") {
      await Deno.mkdir(config.path!);
      for (const [i, payload] of payloads.entries()) {
        await Deno.writeFile(`${config.path}/${String(i).padStart(4, "0")}.xml`, payload);
      }
    }
    const [provider] = await platform.registry.service("ingest_providers").create([{
      name: `bench ${format}`,
      source: "bench",
      feeding_service: format === "newsml2" ? "file" : "http",
      feed_parser: format,
      content_expiry: 10 * 365 * 24 * 60,
      skip_config_test: true,
      config,
    }], SYSTEM_ACTOR);
    started = performance.now();
    const result = await pollProvider(pollDeps(platform.services), String(provider!._id));
    if (result.stored !== ITEMS) throw new Error(`stored ${result.stored} of ${ITEMS}`);
    await searchable(platform, ITEMS);
    const ingest = ITEMS / ((performance.now() - started) / 1000);
    return { parse, ingest };
  } finally {
    await server.shutdown();
    for (const definition of platform.registry.definitions()) {
      if (definition.searchBacked && env.ELASTICSEARCH_URL) {
        await platform.search.drop(definition.name);
      }
    }
    await platform.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

/** Resolves once a search over `repo=ingest` counts `total` items. */
async function searchable(platform: Awaited<ReturnType<typeof buildPlatform>>, total: number) {
  const actor = { ...SYSTEM_ACTOR, kind: "system" as const };
  for (;;) {
    const answer = await federatedSearch(platform, actor, {
      repos: ["ingest"],
      body: { query: { match_all: {} }, size: 0 },
      aggregations: false,
      highlight: false,
    });
    if ((answer._meta as { total: number }).total >= total) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
