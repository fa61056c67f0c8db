/**
 * `/api/search` served by several server processes side by side, one per side given: the
 * same data directory and indexes, requests sent sequentially in turn (side order rotated each
 * request), so a change in the machine's load falls on every side alike. Per side: p50 and p99
 * of each round, the process's CPU per request (user + system from /proc), medians over rounds.
 * A side is `checkout` or `checkout=V8FLAGS` (V8FLAGS as `--v8-flags=` takes them, e.g.
 * `.=--min-semi-space-size=16`); every side's server runs `main.ts --role=api` of its checkout
 * with the flags of `deno task start` (read from that checkout's deno.json) plus its own V8
 * flags. Where `bench:search-route-ab` finds a few µs of our code in one process, this shows
 * what a change makes of a served search: latency and the whole process's CPU (GC, the HTTP
 * server, the exchange with Elasticsearch included).
 * Usage: `deno task bench:search-served-ab /work/main .`
 * BENCH_DOCS (5000), ROUNDS (5), REQUESTS (300 per side and round), BENCH_REPOS (below). Needs
 * ELASTICSEARCH_URL. With BENCH_PAIRED=1 each request's own server CPU is read too (the
 * nanoseconds the process's threads ran, each thread's /proc/<pid>/task/<tid>/schedstat read
 * before and after it; Linux only), and the first two sides are compared by the median of their
 * per-request differences with a bootstrap 95% interval: the 10 ms ticks of the per-round
 * figures cannot show a few µs, this can.
 * Not a test.
 */
import { printLine } from "../../src/log.ts";
import { type ServerProcess, spawnServer } from "../api/_server_process.ts";
import { startTaskFlags } from "../api/_start_flags.ts";
import {
  benchServerEnv,
  dropBenchIndexes,
  openBenchPlatform,
  seedBenchStories,
} from "./_bench_platform.ts";
import { pairedDifference, quantile } from "./_paired.ts";
import { ranBetween, threadRunTimes } from "./_thread_times.ts";
import { BENCH_QUERY, benchStories } from "./_search_bench_module.ts";

const DOCS = Number(Deno.env.get("BENCH_DOCS") ?? 5000);
const ROUNDS = Number(Deno.env.get("ROUNDS") ?? 5);
const REQUESTS = Number(Deno.env.get("REQUESTS") ?? 300);
const WARMUP = 50;
/**
 * BENCH_REPOS: more repositories searched beside `bench_stories` (e.g. `archive,published,archived`,
 * empty: their visibility filters are built, the user's desks and hidden stages read).
 */
const REPOS = (Deno.env.get("BENCH_REPOS") ?? "").split(",").filter(Boolean);
const url = Deno.env.get("ELASTICSEARCH_URL");
if (!url) throw new Error("search_served_ab needs ELASTICSEARCH_URL");
const specs = Deno.args.length ? Deno.args : ["."];
/** BENCH_PAIRED=1: per-request server CPU, sides compared request by request (above). */
const PAIRED = Deno.env.get("BENCH_PAIRED") === "1";

/** `flags` with `extra` V8 flags joined into its `--v8-flags=` (added when it has none). */
function withV8Flags(flags: string[], extra: string[]): string[] {
  if (!extra.length) return flags;
  const at = flags.findIndex((flag) => flag.startsWith("--v8-flags="));
  if (at < 0) return [...flags, `--v8-flags=${extra.join(",")}`];
  return flags.map((flag, i) => i === at ? [flag, ...extra].join(",") : flag);
}

const { dataDir, prefix, platform } = await openBenchPlatform(url, "search_served_ab");
const servers: ServerProcess[] = [];
try {
  printLine(`seeding ${DOCS} documents…`, { stream: "stderr" });
  await seedBenchStories(platform, DOCS, 500);
  await (await fetch(`${url}/${prefix}_${benchStories.name}/_refresh`, { method: "POST" })).body
    ?.cancel();
  const sides = [];
  for (const spec of specs) {
    const [checkout, extra] = spec.split(/=(.*)/s) as [string, string | undefined];
    const root = await Deno.realPath(checkout);
    const flags = withV8Flags(startTaskFlags(root), extra ? extra.split(",") : []);
    const server = await spawnServer({
      command: Deno.execPath(),
      args: ["run", ...flags, `${root}/main.ts`, "--role=api"],
      env: benchServerEnv(
        { dataDir, prefix, url },
        `${root}/bench/search/_search_bench_module.ts`,
      ),
    });
    servers.push(server);
    const login = await fetch(`${server.origin}/api/auth_db`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "bench-password" }),
    });
    const headers = { Authorization: `Basic ${btoa(`${(await login.json()).token}:`)}` };
    const searchUrl = `${server.origin}/api/search?${new URLSearchParams({
      repo: [benchStories.name, ...REPOS].join(","),
      source: JSON.stringify(BENCH_QUERY),
    })}`;
    sides.push({
      name: `${checkout} ${flags.filter((flag) => flag.startsWith("--v8-flags=")).join(" ")}`,
      server,
      async run() {
        const response = await fetch(searchUrl, { headers });
        if (response.status !== 200) throw new Error(`${spec}: ${response.status}`);
        await response.arrayBuffer();
      },
      p50: [] as number[],
      p99: [] as number[],
      cpu: [] as number[],
      /** BENCH_PAIRED: the server's CPU µs of each request. */
      used: [] as number[],
    });
  }
  for (let i = 0; i < WARMUP; i++) for (const side of sides) await side.run();
  for (let round = 0; round < ROUNDS; round++) {
    const taken = sides.map(() => [] as number[]);
    const cpuBefore = await Promise.all(sides.map((side) => side.server.cpuSeconds()));
    for (let i = 0; i < REQUESTS; i++) {
      for (let j = 0; j < sides.length; j++) {
        const k = (i + j) % sides.length;
        const side = sides[k]!;
        const ran = PAIRED ? threadRunTimes(side.server.pid) : undefined;
        const started = performance.now();
        await side.run();
        taken[k]!.push(performance.now() - started);
        if (ran) side.used.push(ranBetween(ran, threadRunTimes(side.server.pid)) / 1000);
      }
    }
    const cpuAfter = await Promise.all(sides.map((side) => side.server.cpuSeconds()));
    for (const [k, side] of sides.entries()) {
      const sorted = taken[k]!.sort((a, b) => a - b);
      side.p50.push(sorted[Math.floor(sorted.length / 2)]!);
      side.p99.push(sorted[Math.floor(sorted.length * 0.99)]!);
      side.cpu.push((cpuAfter[k]! - cpuBefore[k]!) * 1000 / REQUESTS);
    }
    const load = (await Deno.readTextFile("/proc/loadavg")).split(" ")[0];
    printLine(
      `round ${round + 1} (load ${load}): ` +
        sides.map((s) => `${s.p50.at(-1)!.toFixed(3)} ms ${s.cpu.at(-1)!.toFixed(3)} cpu`).join(
          " | ",
        ),
    );
  }
  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  printLine(`\n/api/search served, ${DOCS} docs, medians of ${ROUNDS} rounds of ${REQUESTS}`);
  for (const side of sides) {
    printLine(
      `${side.name}: p50 ${median(side.p50).toFixed(3)} ms, p99 ${
        median(side.p99).toFixed(3)
      } ms, CPU ${median(side.cpu).toFixed(3)} ms/req`,
    );
  }
  if (PAIRED) {
    printLine(`\nserver CPU µs per request, ${sides[0]!.used.length} requests each in turn:`);
    for (const side of sides) {
      printLine(
        `${side.name}: median ${quantile(side.used, 0.5).toFixed(1)} (quartiles ${
          quantile(side.used, 0.25).toFixed(1)
        }–${quantile(side.used, 0.75).toFixed(1)})`,
      );
    }
    if (sides.length >= 2) {
      const [a, b] = sides as [typeof sides[0], typeof sides[0]];
      printLine(`${a.name} − ${b.name}: ${pairedDifference(a.used, b.used)}`);
    }
  }
} finally {
  await dropBenchIndexes(platform);
  for (const server of servers) await server.stop();
  await platform.close();
  await Deno.remove(dataDir, { recursive: true });
}
