/**
 * `deno task bench:search-stages`: `/api/search`'s stages measured in one process, wall and CPU
 * µs per request (CPU is the process's, the steadier figure on a shared machine): the route
 * through the whole application (`app.fetch`: middleware, auth, Hono, the search, the answer),
 * the search service alone and the index's search call on the real Elasticsearch; the same
 * route and service replaying one recorded Elasticsearch answer (our code alone, no socket);
 * and the parts alone on that recording (parsing the answer, encoding the route's answer,
 * parsing the request) and the request pipeline on cheap routes (`/api/search` answering fixed
 * text, the route's answer or `{}`, without searching; a missing item). Seeds
 * BENCH_DOCS (2000) `bench_stories` documents under a unique index prefix (deleted at the end);
 * BENCH_REQUESTS (2000) calls per stage after 200 warm-up calls; BENCH_ONLY=<text> runs only
 * the stages whose name contains it. With BENCH_SWEEP_MB set, that many MB are written before
 * each measured call (as `bench:search-route-ab` does), so every stage runs with the core's
 * caches cold, as a served search does; only the call's own CPU and wall time are counted.
 * Needs ELASTICSEARCH_URL. Not a test.
 */
import process from "node:process";
import { type Context, Hono } from "hono";
import { apiAppFor } from "../../src/cli/api_app.ts";
import type { ApiApp } from "../../src/http/api_routes.ts";
import { requestTraceOf, scopeFree } from "../../src/http/request_trace.ts";
import { searchRoutes } from "../../src/http/search_routes.ts";
import { wireJsonText } from "../../src/http/wire_json.ts";
import { federatedSearch } from "../../src/indexing/federated_search.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { withOriginals } from "../../src/indexing/search_doc.ts";
import { printLine, silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  benchAuthorization,
  dropBenchIndexes,
  openBenchPlatform,
  seedBenchStories,
} from "./_bench_platform.ts";
import { cacheSweep } from "./_cache_sweep.ts";
import { replayedSearch } from "./_replayed_search.ts";
import { BENCH_QUERY, benchStories, MISSING_STORY_PATH } from "./_search_bench_module.ts";

const DOCS = Number(Deno.env.get("BENCH_DOCS") ?? 2000);
const N = Number(Deno.env.get("BENCH_REQUESTS") ?? 2000);
const only = Deno.env.get("BENCH_ONLY");
/** BENCH_SWEEP_MB: MB written before each measured call to evict the caches (0: none). */
const SWEEP_MB = Number(Deno.env.get("BENCH_SWEEP_MB") ?? 0);
const sweep = cacheSweep(SWEEP_MB);
const url = Deno.env.get("ELASTICSEARCH_URL");
if (!url) {
  printLine("bench:search-stages needs ELASTICSEARCH_URL", { stream: "stderr" });
  Deno.exit(2);
}
const BODY = BENCH_QUERY;
const { dataDir, prefix, config, platform } = await openBenchPlatform(url, "search_stages");
const alias = `${prefix}_${benchStories.name}`;
const metrics = new MetricsRegistry();
const rows: string[] = [];

/** Runs `run` N times after a warm-up; records wall and CPU µs per call. */
async function stage(name: string, run: () => unknown) {
  if (only && !name.includes(only)) return;
  for (let i = 0; i < 200; i++) await run();
  let wall: number, perCall: number;
  if (SWEEP_MB > 0) {
    let wallMs = 0, cpuUs = 0;
    for (let i = 0; i < N; i++) {
      sweep();
      const start = performance.now();
      const cpu = process.cpuUsage();
      await run();
      const used = process.cpuUsage(cpu);
      wallMs += performance.now() - start;
      cpuUs += used.user + used.system;
    }
    wall = wallMs * 1000 / N;
    perCall = cpuUs / N;
  } else {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < N; i++) await run();
    const used = process.cpuUsage(cpu);
    wall = (performance.now() - start) * 1000 / N;
    perCall = (used.user + used.system) / N;
  }
  rows.push(`${wall.toFixed(1).padStart(9)} ${perCall.toFixed(1).padStart(9)}  ${name}`);
}

try {
  await seedBenchStories(platform, DOCS, 500);
  await (await fetch(`${url}/${alias}/_refresh`, { method: "POST" })).body?.cancel();
  const app = apiAppFor(platform, { log: silentLogger, metrics });
  const auth = await benchAuthorization(app);
  const searchUrl = `http://bench/api/search?${new URLSearchParams({
    repo: benchStories.name,
    source: JSON.stringify(BODY),
  })}`;
  const request = parseSearchRequest(new URL(searchUrl).searchParams, config);
  const routeAnswer = await federatedSearch(platform, SYSTEM_ACTOR, request);
  printLine(`answer ${JSON.stringify(routeAnswer).length} characters`);

  const fetchRoute = (target: typeof app) => async () => {
    const response = await target.fetch(new Request(searchUrl, { headers: auth }));
    if (response.status !== 200) throw new Error(`${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  await stage("app.fetch /api/search, real ES", fetchRoute(app));
  await stage(
    "federatedSearch + JSON.stringify, real ES",
    async () => JSON.stringify(await federatedSearch(platform, SYSTEM_ACTOR, request)),
  );
  await stage(
    "index.search (socket exchange, JSON.parse, hit copies), real ES",
    () => platform.search.search([benchStories.name], withOriginals(request.body)),
  );

  // Elasticsearch's answer recorded once and replayed, parsed each time: our code alone.
  const answer = new Uint8Array(
    await (await fetch(
      `${url}/${alias}/_search?ignore_unavailable=true&allow_no_indices=true&rest_total_hits_as_int=true`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ track_total_hits: true, ...request.body }),
      },
    )).arrayBuffer(),
  );
  const replayed = replayedSearch(platform.search, answer, benchStories.name);
  const replayApp = apiAppFor({
    ...platform,
    apiRoutes: [
      searchRoutes({ registry: platform.registry, search: replayed, limits: config }),
      ...platform.apiRoutes,
    ],
  }, { log: silentLogger, metrics });
  const replay = { registry: platform.registry, search: replayed };
  /** The application with `GET /api/search` answering `text` as the route answers. */
  const fixedAnswerApp = (text: string) => {
    const fixed: ApiApp = new Hono({ strict: false });
    fixed.get("/search", scopeFree((c: Context) => wireJsonText(text, 200, {}, requestTraceOf(c))));
    return apiAppFor({ ...platform, apiRoutes: [fixed, ...platform.apiRoutes] }, {
      log: silentLogger,
      metrics,
    });
  };
  await stage("app.fetch /api/search, replayed answer", fetchRoute(replayApp));
  await stage(
    "federatedSearch + JSON.stringify, replayed",
    async () => JSON.stringify(await federatedSearch(replay, SYSTEM_ACTOR, request)),
  );
  await stage("federatedSearch, replayed", () => federatedSearch(replay, SYSTEM_ACTOR, request));
  const decoder = new TextDecoder();
  await stage("decode + JSON.parse of the answer", () => JSON.parse(decoder.decode(answer)));
  await stage("JSON.stringify of the route's answer", () => JSON.stringify(routeAnswer));
  await stage(
    "parseSearchRequest",
    () => parseSearchRequest(new URL(searchUrl).searchParams, config),
  );
  // `/api/search` answered with fixed text, no search: the pipeline and the Response alone.
  const answerText = JSON.stringify(routeAnswer);
  await stage(
    "app.fetch of a route answering the route's answer as text (pipeline, Response)",
    fetchRoute(fixedAnswerApp(answerText)),
  );
  await stage(
    "app.fetch of a route answering {} (pipeline, a small Response)",
    fetchRoute(fixedAnswerApp("{}")),
  );
  await stage("app.fetch of a missing item (pipeline, auth, a store read)", async () => {
    const response = await app.fetch(
      new Request(`http://bench${MISSING_STORY_PATH}`, { headers: auth }),
    );
    await response.arrayBuffer();
  });
  printLine("  wall µs    CPU µs");
  for (const row of rows) printLine(row);
} finally {
  await dropBenchIndexes(platform);
  await platform.close();
  await Deno.remove(dataDir, { recursive: true });
}
