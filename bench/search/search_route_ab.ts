/**
 * `/api/search` through the whole application (`app.fetch`: pipeline, auth, Hono, the route,
 * the answer) of each checkout given, side by side in one process, on one recorded Elasticsearch
 * answer replayed (our code alone: no socket, no engine time): CPU µs per request
 * (`process.cpuUsage`), rounds alternating between the checkouts (order reversed every other
 * round), medians. Finds differences of a few µs that a served A/B cannot see on a busy machine.
 * Each checkout opens its own platform (its own data directory and index prefix, 100 seeded
 * documents). With BENCH_SWEEP_MB set, that many MB are written before each measured request
 * (a byte per cache line), so the request runs with the core's caches cold, as a served search
 * does on a machine whose other processes run while it waits (README, Search, session 21); only
 * the request's own CPU is counted. With BENCH_PAIRED=1 the checkouts take turns request by
 * request instead (ROUNDS × REQUESTS requests each, the order alternating), so the machine's
 * load falls on both alike, and the first two are compared by the median of their per-request
 * differences with a bootstrap 95% interval: on a loaded machine this resolves a few µs where
 * rounds' medians move by tens.
 * Usage: `deno run --config deno.dev.json --allow-all bench/search/search_route_ab.ts
 * [checkout ...]` (e.g. `/work/main .`); ROUNDS (30), REQUESTS (1000 per checkout and round),
 * BENCH_REPOS (below).
 * Needs ELASTICSEARCH_URL. Not a test.
 */
import process from "node:process";
import { printLine } from "../../src/log.ts";
import { benchAuthorization } from "./_bench_platform.ts";
import { cacheSweep } from "./_cache_sweep.ts";
import { pairedDifference, quantile } from "./_paired.ts";
import { replayedSearch } from "./_replayed_search.ts";

const ROUNDS = Number(Deno.env.get("ROUNDS") ?? 30);
const REQUESTS = Number(Deno.env.get("REQUESTS") ?? 1000);
const WARMUP = 300;
/** BENCH_SWEEP_MB: MB written before each measured request to evict the caches (0: none). */
const SWEEP_MB = Number(Deno.env.get("BENCH_SWEEP_MB") ?? 0);
/** BENCH_PAIRED=1: requests alternate between the checkouts one by one (above). */
const PAIRED = Deno.env.get("BENCH_PAIRED") === "1";
/**
 * BENCH_REPOS: more repositories searched beside `bench_stories` (e.g. `archive,published,archived`,
 * empty: their visibility filters are built, the user's desks and hidden stages read).
 */
const REPOS = (Deno.env.get("BENCH_REPOS") ?? "").split(",").filter(Boolean);
const checkouts = Deno.args.length ? Deno.args : ["."];
const url = Deno.env.get("ELASTICSEARCH_URL");
if (!url) throw new Error("search_route_ab needs ELASTICSEARCH_URL");

interface Side {
  name: string;
  run: () => Promise<void>;
  close: () => Promise<void>;
}

/** The first checkout's answer to the bench query, replayed by every side. */
let recorded: Uint8Array | undefined;

/** `checkout`'s application with its search index replaying `recorded`. */
async function sideOf(checkout: string): Promise<Side> {
  const root = await Deno.realPath(checkout);
  const load = (path: string) => import(`file://${root}/${path}`);
  const { openBenchPlatform, seedBenchStories, dropBenchIndexes } = await load(
    "bench/search/_bench_platform.ts",
  );
  const { BENCH_QUERY, benchStories } = await load("bench/search/_search_bench_module.ts");
  const { apiAppFor } = await load("src/cli/api_app.ts");
  const { searchRoutes } = await load("src/http/search_routes.ts");
  const { silentLogger } = await load("src/log.ts");
  const { MetricsRegistry } = await load("src/metrics/registry.ts");
  const { parseSearchRequest } = await load("src/indexing/search_request.ts");
  const { dataDir, prefix, config, platform } = await openBenchPlatform(url!, "search_route_ab");
  await seedBenchStories(platform, 100, 100);
  const alias = `${prefix}_${benchStories.name}`;
  await (await fetch(`${url}/${alias}/_refresh`, { method: "POST" })).body?.cancel();
  const searchUrl = `http://bench/api/search?${new URLSearchParams({
    repo: [benchStories.name, ...REPOS].join(","),
    source: JSON.stringify(BENCH_QUERY),
  })}`;
  const { body } = parseSearchRequest(new URL(searchUrl).searchParams, config);
  recorded ??= new Uint8Array(
    await (await fetch(`${url}/${alias}/_search?rest_total_hits_as_int=true`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ...body, query: { match_all: {} } }),
    })).arrayBuffer(),
  );
  const answer = recorded;
  const replayed = replayedSearch(platform.search, answer, benchStories.name);
  const routes = searchRoutes({ registry: platform.registry, search: replayed, limits: config });
  const app = apiAppFor({ ...platform, apiRoutes: [routes, ...platform.apiRoutes] }, {
    log: silentLogger,
    metrics: new MetricsRegistry(),
  });
  const auth = await benchAuthorization(app);
  const request = new Request(searchUrl, { headers: auth });
  return {
    name: checkout,
    async run() {
      const response = await app.fetch(request);
      if (response.status !== 200) throw new Error(`${checkout}: ${response.status}`);
      await response.arrayBuffer();
    },
    async close() {
      await dropBenchIndexes(platform);
      await platform.close();
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}

/** CPU µs per request of REQUESTS requests in a row. */
async function hotCpu(side: Side): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) await side.run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / REQUESTS;
}

const sweep = cacheSweep(SWEEP_MB);

/** CPU µs per request of REQUESTS requests, each after the sweep (not counted). */
async function coldCpu(side: Side): Promise<number> {
  let total = 0;
  for (let i = 0; i < REQUESTS; i++) {
    sweep();
    const before = process.cpuUsage();
    await side.run();
    const used = process.cpuUsage(before);
    total += used.user + used.system;
  }
  return total / REQUESTS;
}

/** CPU µs of one request of `side` (after the sweep, when set). */
async function oneCpu(side: Side): Promise<number> {
  sweep();
  const before = process.cpuUsage();
  await side.run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

/** BENCH_PAIRED: every side's per-request CPU, requests taken in turn; the first two compared. */
async function paired(sides: Side[]): Promise<void> {
  for (const side of sides) for (let i = 0; i < WARMUP; i++) await side.run();
  const cpu = sides.map(() => [] as number[]);
  const count = ROUNDS * REQUESTS;
  for (let i = 0; i < count; i++) {
    const order = [...sides.keys()];
    if (i % 2) order.reverse();
    for (const k of order) cpu[k]!.push(await oneCpu(sides[k]!));
  }
  const caches = SWEEP_MB > 0 ? `, caches swept (${SWEEP_MB} MB) before each` : "";
  printLine(`CPU µs per /api/search (replayed answer${caches}), ${count} requests each in turn:`);
  for (const [k, side] of sides.entries()) {
    const mean = cpu[k]!.reduce((a, b) => a + b, 0) / count;
    printLine(
      `${side.name}: median ${quantile(cpu[k]!, 0.5).toFixed(1)} (quartiles ${
        quantile(cpu[k]!, 0.25).toFixed(1)
      }–${quantile(cpu[k]!, 0.75).toFixed(1)}), mean ${mean.toFixed(1)}`,
    );
  }
  if (sides.length < 2) return;
  printLine(`${sides[0]!.name} − ${sides[1]!.name}: ${pairedDifference(cpu[0]!, cpu[1]!)}`);
}

/** Rounds alternating between the sides: each side's median CPU per request over rounds. */
async function rounds(sides: Side[]): Promise<void> {
  const cpu = sides.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    const order = [...sides.keys()];
    if (round % 2) order.reverse();
    for (const k of order) {
      const side = sides[k]!;
      for (let i = 0; i < WARMUP; i++) await side.run();
      cpu[k]!.push(SWEEP_MB > 0 ? await coldCpu(side) : await hotCpu(side));
    }
  }
  const caches = SWEEP_MB > 0 ? `, caches swept (${SWEEP_MB} MB) before each request` : "";
  printLine(`CPU µs per /api/search (replayed answer${caches}), medians of ${ROUNDS} rounds:`);
  for (const [k, side] of sides.entries()) {
    printLine(
      `${side.name}: ${quantile(cpu[k]!, 0.5).toFixed(1)} (quartiles ${
        quantile(cpu[k]!, 0.25).toFixed(1)
      }–${quantile(cpu[k]!, 0.75).toFixed(1)})`,
    );
  }
}

const sides: Side[] = [];
try {
  for (const checkout of checkouts) sides.push(await sideOf(checkout));
  await (PAIRED ? paired(sides) : rounds(sides));
} finally {
  for (const side of sides) await side.close();
}
