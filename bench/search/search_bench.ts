/**
 * `deno task bench:search`: `/api/search` latency (p50/p99, sequential) and throughput
 * (CONCURRENCY clients) through the whole server (HTTP, auth, repo checks, visibility filters,
 * rendering) and through the search service in-process (no HTTP hop: what the server adds
 * besides one more HTTP round trip) and through a bare pass-through handler (the floor of any
 * HTTP hop in front of Elasticsearch here), next to the Elasticsearch client sending the same
 * body straight to the alias; and
 * `index:rebuild` docs/s next to a plain bulk load of the same documents into a fresh index; and,
 * with NEWS_CORPUS set (`scripts/news_corpus fetch`), the embedded index against Elasticsearch
 * on a news corpus query mix with its peak memory (`corpus_mix.ts`).
 *
 * Method: our server runs as production runs it, its own process (`main.ts --role=api` with the
 * start task's flags, V8's included: `bench/api/_start_flags.ts`; the
 * bench's resource loaded through `INSTALLED_APPS`, on the documents this process seeded into
 * the same `DATA_DIR` and index prefix), and so does the pass-through floor
 * (`pass_through_server.ts`); this process is the load generator, holding each side's client:
 * `fetch` for the two servers, the Elasticsearch client for the direct side (a client of
 * Elasticsearch is what `/api/search` replaces). The in-process side runs the search service in
 * this process. So no server shares an event loop with the client measuring it.
 * Each round measures the sides' latencies request by request in turn, then each side's
 * throughput; each figure is the median of ROUNDS. The servers' CPU per request (user +
 * system time of the process over every request of the round) is printed beside. Then, to
 * show where our HTTP side's time goes, each round takes latencies of `/api/search` and the
 * search service in-process in turn with our server's cheapest authenticated answer (`GET` of
 * a missing item: pipeline, auth, one store read) and a bare `Deno.serve` process answering a
 * recorded Elasticsearch answer (the HTTP hop alone; `pass_through_server.ts` with
 * BENCH_RECORDED=1).
 * BENCH_CPU_PROF=<dir> writes our server's V8 CPU profile there when it stops.
 * Needs ELASTICSEARCH_URL (uses a unique index prefix, dropped at the end). Not a test.
 */
import { Client } from "@elastic/elasticsearch";
import { federatedSearch } from "../../src/indexing/federated_search.ts";
import { rebuildIndex } from "../../src/indexing/rebuild_index.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { printLine } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { withMetaFields } from "../../src/search/mapping.ts";
import { baseEnv, type ServerProcess, spawnServer } from "../api/_server_process.ts";
import { startTaskFlags } from "../api/_start_flags.ts";
import {
  benchServerEnv,
  dropBenchIndexes,
  openBenchPlatform,
  seedBenchStories,
} from "./_bench_platform.ts";
import { BENCH_QUERY, benchStories, MISSING_STORY_PATH } from "./_search_bench_module.ts";
import { corpusMix } from "./corpus_mix.ts";

const DOCS = Number(Deno.env.get("BENCH_DOCS") ?? 20_000);
const CORPUS_ITEMS = Number(Deno.env.get("BENCH_CORPUS_ITEMS") ?? 20_000);
const CORPUS_QUERIES = Number(Deno.env.get("BENCH_CORPUS_QUERIES") ?? 300);
const corpus = Deno.env.get("NEWS_CORPUS");
const REQUESTS = Number(Deno.env.get("BENCH_REQUESTS") ?? 300);
const CONCURRENCY = Number(Deno.env.get("BENCH_CONCURRENCY") ?? 8);
const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 3);
const BATCH = 500;
/** Requests per side before each round's latencies are taken. */
const WARMUP = 20;
const url = Deno.env.get("ELASTICSEARCH_URL");
if (!url) {
  printLine("bench:search needs ELASTICSEARCH_URL (scripts/services start)", { stream: "stderr" });
  Deno.exit(2);
}

const BODY = BENCH_QUERY;
/**
 * What the direct client sends: the same body with exact totals, which `/api/search` asks of
 * Elasticsearch as Superdesk does (`ELASTICSEARCH_TRACK_TOTAL_HITS`).
 */
const DIRECT_BODY = { ...BODY, track_total_hits: true };

const { dataDir, prefix, config, platform } = await openBenchPlatform(url, "search_bench");
const client = new Client({ node: url });
const alias = `${prefix}_bench_stories`;
const HERE = new URL(".", import.meta.url).pathname;
/** As `deno task start` runs the server: its permissions and V8 flags. */
const START_FLAGS = startTaskFlags(new URL("../../", import.meta.url).pathname);
const cpuProfile = Deno.env.get("BENCH_CPU_PROF");
let server: ServerProcess | undefined;
let passThrough: ServerProcess | undefined;
let bareHop: ServerProcess | undefined;
const plainIndex = `${prefix}_plain`;

try {
  printLine(`seeding ${DOCS} documents…`, { stream: "stderr" });
  const stored = await seedBenchStories(platform, DOCS, BATCH);
  await client.indices.refresh({ index: alias });

  server = await spawnServer({
    command: Deno.execPath(),
    args: [
      "run",
      ...START_FLAGS,
      ...(cpuProfile ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfile}`] : []),
      new URL("../../main.ts", import.meta.url).pathname,
      "--role=api",
    ],
    env: benchServerEnv({ dataDir, prefix, url }, "bench/search/_search_bench_module.ts"),
  });
  passThrough = await spawnPassThrough({});
  bareHop = await spawnPassThrough({ BENCH_RECORDED: "1" });
  const origin = server.origin;
  const login = await fetch(`${origin}/api/auth_db`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "bench", password: "bench-password" }),
  });
  const auth = { Authorization: `Basic ${btoa(`${(await login.json()).token}:`)}` };

  const searchUrl = `${origin}/api/search?${new URLSearchParams({
    repo: benchStories.name,
    source: JSON.stringify(BODY),
  })}`;
  const ours = async () => {
    const response = await fetch(searchUrl, { headers: auth });
    if (response.status !== 200) throw new Error(`/api/search: ${response.status}`);
    await response.arrayBuffer();
  };
  const request = parseSearchRequest(new URL(searchUrl).searchParams, config);
  const inProcess = async () => {
    JSON.stringify(await federatedSearch(platform, SYSTEM_ACTOR, request));
  };
  const direct = async () => {
    await client.search({ index: alias, ...DIRECT_BODY });
  };
  const oursServer = server;
  const floorServer = passThrough;
  const floorUrl = `${floorServer.origin}/`;
  const floor = async () => {
    const response = await fetch(floorUrl);
    if (response.status !== 200) throw new Error(`pass-through: ${response.status}`);
    await response.arrayBuffer();
  };
  const missingUrl = `${origin}${MISSING_STORY_PATH}`;
  const pipeline = async () => {
    const response = await fetch(missingUrl, { headers: auth });
    if (response.status !== 404) throw new Error(`missing item: ${response.status}`);
    await response.arrayBuffer();
  };
  const hopUrl = `${bareHop.origin}/`;
  const hop = async () => {
    const response = await fetch(hopUrl);
    if (response.status !== 200) throw new Error(`bare hop: ${response.status}`);
    await response.arrayBuffer();
  };
  const [oursHits, directHits] = await Promise.all([
    fetch(searchUrl, { headers: auth }).then((r) => r.json()),
    client.search({ index: alias, ...DIRECT_BODY }),
  ]);
  printLine(
    `query matches ${oursHits._meta.total} (api) / ${
      (directHits.hits.total as { value: number }).value
    } (direct) documents`,
  );

  const search = {
    ours: [] as Figures[],
    inProcess: [] as Figures[],
    floor: [] as Figures[],
    direct: [] as Figures[],
  };
  const layers = {
    ours: [] as number[],
    inProcess: [] as number[],
    pipeline: [] as number[],
    hop: [] as number[],
  };
  const cpuPerRequest = { ours: [] as number[], floor: [] as number[] };
  const rebuild = { ours: [] as number[], bulk: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const cpuBefore = [await oursServer.cpuSeconds(), await floorServer.cpuSeconds()];
    const [o, i, f, d] = await measureSides([ours, inProcess, floor, direct], round);
    const perRound = (WARMUP + 2 * REQUESTS) / 1000;
    cpuPerRequest.ours.push((await oursServer.cpuSeconds() - cpuBefore[0]!) / perRound);
    cpuPerRequest.floor.push((await floorServer.cpuSeconds() - cpuBefore[1]!) / perRound);
    search.ours.push(o!);
    search.inProcess.push(i!);
    search.floor.push(f!);
    search.direct.push(d!);
    const [lo, li, lp, lh] = await latencies([ours, inProcess, pipeline, hop]);
    layers.ours.push(lo!.p50);
    layers.inProcess.push(li!.p50);
    layers.pipeline.push(lp!.p50);
    layers.hop.push(lh!.p50);
    const result = await rebuildIndex(platform, benchStories, { batchSize: BATCH });
    rebuild.ours.push(result.documents / (result.elapsedMs / 1000));
    rebuild.bulk.push(await plainBulk(stored));
  }
  const o = medianFigures(search.ours);
  const s = medianFigures(search.inProcess);
  const f = medianFigures(search.floor);
  const d = medianFigures(search.direct);
  const rb = median(rebuild.ours);
  const bulk = median(rebuild.bulk);
  printLine(`\n/api/search vs Elasticsearch client, same body (${DOCS} docs, median of ${ROUNDS})`);
  printLine(`                      p50 ms   p99 ms   req/s (x${CONCURRENCY})`);
  printLine(row("/api/search", o));
  printLine(row("search service", s));
  printLine(row("pass-through floor", f));
  printLine(row("ES client direct", d));
  printLine(
    `overhead: p50 ${(o.p50 / d.p50).toFixed(2)}x, p99 ${(o.p99 / d.p99).toFixed(2)}x, ` +
      `throughput ${(d.perSecond / o.perSecond).toFixed(2)}x (target <= 1.2x)`,
  );
  printLine(
    `server CPU per request: /api/search ${median(cpuPerRequest.ours).toFixed(2)} ms, ` +
      `pass-through ${median(cpuPerRequest.floor).toFixed(2)} ms`,
  );
  printLine(
    `service alone (no HTTP hop): p50 ${(s.p50 / d.p50).toFixed(2)}x, ` +
      `throughput ${(d.perSecond / s.perSecond).toFixed(2)}x`,
  );
  printLine(
    `pass-through floor (bare HTTP hop): p50 ${(f.p50 / d.p50).toFixed(2)}x, ` +
      `p99 ${(f.p99 / d.p99).toFixed(2)}x, throughput ${(d.perSecond / f.perSecond).toFixed(2)}x`,
  );
  printLine(
    `HTTP layers, p50 ms: /api/search ${median(layers.ours).toFixed(2)}, the search service ` +
      `in-process ${median(layers.inProcess).toFixed(2)}, our server's GET of a missing item ` +
      `${median(layers.pipeline).toFixed(2)}, a bare Deno.serve answering a recorded answer ` +
      `${median(layers.hop).toFixed(2)}`,
  );
  printLine(`\nindex:rebuild vs plain bulk load (${DOCS} docs, batches of ${BATCH})`);
  printLine(`index:rebuild    ${Math.round(rb)} docs/s`);
  printLine(`plain bulk load  ${Math.round(bulk)} docs/s`);
  printLine(`rebuild / bulk   ${(rb / bulk).toFixed(2)}`);
  if (corpus) {
    await corpusMix({
      corpus,
      elasticUrl: url,
      items: CORPUS_ITEMS,
      queries: CORPUS_QUERIES,
      rounds: ROUNDS,
    });
  } else {
    printLine("\ncorpus mix skipped: set NEWS_CORPUS (scripts/news_corpus fetch)");
  }
} finally {
  await client.indices.delete({ index: plainIndex }).catch(() => {});
  await dropBenchIndexes(platform);
  await client.close();
  await server?.stop();
  await passThrough?.stop();
  await bareHop?.stop();
  await platform.close();
  await Deno.remove(dataDir, { recursive: true });
}

/** `pass_through_server.ts` as a process of its own, with `env` besides its usual settings. */
function spawnPassThrough(env: Record<string, string>): Promise<ServerProcess> {
  return spawnServer({
    command: Deno.execPath(),
    args: ["run", "--allow-net", "--allow-env", `${HERE}pass_through_server.ts`],
    env: {
      ...baseEnv(),
      HOST: "127.0.0.1",
      ELASTICSEARCH_URL: url!,
      BENCH_ALIAS: alias,
      BENCH_BODY: JSON.stringify(DIRECT_BODY),
      ...env,
    },
  });
}

interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
}

/**
 * Latency of each side, measured request by request in turn (so a change in the machine's load
 * falls on every side alike), then each side's throughput with CONCURRENCY clients, the sides
 * taking turns in an order rotated by `round` (so Elasticsearch's background work after a load,
 * such as segment merges, does not always fall on the same side).
 */
async function measureSides(
  sides: Array<() => Promise<void>>,
  round: number,
): Promise<Figures[]> {
  const sequential = await latencies(sides);
  const perSecond: number[] = [];
  for (let turn = 0; turn < sides.length; turn++) {
    const k = (turn + round) % sides.length;
    const run = sides[k]!;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) await run();
    }));
    perSecond[k] = REQUESTS / ((performance.now() - started) / 1000);
  }
  return sequential.map((figures, k) => ({ ...figures, perSecond: perSecond[k]! }));
}

/** p50 and p99 of each side: WARMUP requests, then REQUESTS each, taken in turn. */
async function latencies(
  sides: Array<() => Promise<void>>,
): Promise<Array<Omit<Figures, "perSecond">>> {
  for (let i = 0; i < WARMUP; i++) for (const run of sides) await run();
  const taken = sides.map(() => [] as number[]);
  for (let i = 0; i < REQUESTS; i++) {
    for (const [k, run] of sides.entries()) {
      const started = performance.now();
      await run();
      taken[k]!.push(performance.now() - started);
    }
  }
  return taken.map((values) => {
    const sorted = values.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { p50: at(0.5), p99: at(0.99) };
  });
}

/** Docs/s of a bulk load of the same documents into a fresh index with the same mapping. */
async function plainBulk(docs: Record<string, unknown>[]): Promise<number> {
  await client.indices.delete({ index: plainIndex }).catch(() => {});
  const started = performance.now();
  await client.indices.create({
    index: plainIndex,
    settings: { number_of_shards: 1, number_of_replicas: 0 },
    mappings: {
      dynamic: false,
      properties: withMetaFields(resourceMapping(benchStories)).properties,
    },
  });
  for (let i = 0; i < docs.length; i += BATCH) {
    const operations = docs.slice(i, i + BATCH).flatMap((doc) => {
      const { _id, ...source } = toSearchDoc(benchStories, doc);
      return [{ index: { _index: plainIndex, _id } }, { ...source, _resource: benchStories.name }];
    });
    await client.bulk({ operations });
  }
  await client.indices.refresh({ index: plainIndex });
  return docs.length / ((performance.now() - started) / 1000);
}

function row(label: string, f: Figures) {
  return `${label.padEnd(20)} ${f.p50.toFixed(2).padStart(7)}  ${f.p99.toFixed(2).padStart(7)}  ${
    Math.round(f.perSecond).toString().padStart(8)
  }`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function medianFigures(all: Figures[]): Figures {
  return {
    p50: median(all.map((f) => f.p50)),
    p99: median(all.map((f) => f.p99)),
    perSecond: median(all.map((f) => f.perSecond)),
  };
}
