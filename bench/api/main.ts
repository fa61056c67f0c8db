/**
 * `deno task bench:api`: req/s, p50/p99 latency and server CPU per request of GET item, GET list
 * (25), POST and PATCH (with If-Match) at a fixed concurrency, on our API over the embedded store
 * (SQLite) and over each MongoDB-wire server given, next to the raw ceilings (a bare Deno.serve
 * handler on the raw driver, and the raw driver called in-process) and next to Eve 2.3 behind
 * gunicorn on the same server. Targets run interleaved for ROUNDS rounds and the medians are
 * printed with the ratios. Without a MongoDB URI only the SQLite part runs. Not a test: figures
 * depend on the machine, and the load generator shares its cores with the servers.
 *
 * Flags (or env): --mongo (BENCH_MONGO: `label=uri,label=uri`, several MongoDB-wire servers
 * side by side; default `FerretDB=$MONGO_URI`), --seconds (BENCH_SECONDS, 2) per run, --rounds
 * (BENCH_ROUNDS, 3),
 * --concurrency (BENCH_CONCURRENCY, 16), --seed (BENCH_SEED, 500) documents per target,
 * --eve-workers (EVE_WORKERS, 5), --eve-worker-class (EVE_WORKER_CLASS, sync);
 * BENCH_EVE_VENV (`.cache/eve-venv`), BENCH_LOG_LEVEL (our server's LOG_LEVEL, warn; gunicorn's
 * access log is off by default too), BENCH_CPU_PROF=<dir> (V8 CPU profiles of our servers and of the raw HTTP servers),
 * COUNT_CACHE_SECONDS (passed to our servers: 0 makes every list count, as Eve does).
 */
import { MongoClient } from "mongodb";
import { parseArgs } from "node:util";
import { printLine } from "../../src/log.ts";
import { ensureEve } from "./_eve_install.ts";
import { printReport, type Row } from "./_report.ts";
import { OPERATIONS } from "./_steps.ts";
import {
  dropStorage,
  openRawDriver,
  startEve,
  startOurs,
  startRawHttp,
  type Storage,
  type Target,
} from "./_targets.ts";
import { median, runLoad } from "./load.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    seconds: { type: "string", default: Deno.env.get("BENCH_SECONDS") ?? "2" },
    rounds: { type: "string", default: Deno.env.get("BENCH_ROUNDS") ?? "3" },
    concurrency: { type: "string", default: Deno.env.get("BENCH_CONCURRENCY") ?? "16" },
    seed: { type: "string", default: Deno.env.get("BENCH_SEED") ?? "500" },
    "eve-workers": { type: "string", default: Deno.env.get("EVE_WORKERS") ?? "5" },
    "eve-worker-class": { type: "string", default: Deno.env.get("EVE_WORKER_CLASS") ?? "sync" },
    mongo: { type: "string", default: Deno.env.get("BENCH_MONGO") },
  },
});
const [seconds, rounds, concurrency, seed] = [
  flags.seconds,
  flags.rounds,
  flags.concurrency,
  flags.seed,
].map(Number) as [number, number, number, number];
if (![seconds, rounds, concurrency, seed].every((value) => value > 0)) {
  printLine("bench:api: --seconds, --rounds, --concurrency and --seed must be positive numbers");
  Deno.exit(2);
}
const mongoServers = parseMongoServers(flags.mongo, Deno.env.get("MONGO_URI"));
if (!mongoServers) {
  printLine("bench:api: --mongo must be a comma list of label=mongodb://... entries");
  Deno.exit(2);
}
const runId = `bench_api_${Date.now().toString(36)}`;
const venv = Deno.env.get("BENCH_EVE_VENV") ??
  new URL("../../.cache/eve-venv", import.meta.url).pathname;

printLine(
  `bench:api: ${concurrency} in flight, ${seconds} s per run, ${rounds} rounds (medians), ` +
    `${seed} seeded documents per target; load generator in this process.`,
);
if (mongoServers.length === 0) {
  printLine("MONGO_URI is not set: running the embedded (SQLite) part only.");
}

const clients = mongoServers.map(({ label, uri }) => ({
  label,
  uri,
  client: new MongoClient(uri),
}));
const targets: Target[] = [];
let serial = 0;

/** Starts one target on fresh storage; the storage is dropped again when the start fails. */
async function launch(
  server: typeof clients[number] | undefined,
  start: (options: { storage: Storage; seed: number }) => Promise<Target>,
): Promise<void> {
  const name = `${runId}_${serial++}`;
  const dir = Deno.makeTempDirSync({ prefix: `${name}_` });
  const storage: Storage = server
    ? { dir, mongo: { client: server.client, uri: server.uri, dbName: name, label: server.label } }
    : { dir };
  try {
    targets.push(await start({ storage, seed }));
  } catch (error) {
    await dropStorage(storage);
    throw error;
  }
}

try {
  for (const start of [startOurs, startRawHttp, openRawDriver]) await launch(undefined, start);
  const eve = clients.length > 0 ? await ensureEve(venv).catch((error: Error) => error) : undefined;
  if (eve instanceof Error) printLine(`Eve skipped: ${eve.message}`);
  const workers = Number(flags["eve-workers"]);
  const workerClass = flags["eve-worker-class"];
  if (eve && !(eve instanceof Error)) {
    printLine(`Eve: ${eve.versions}; gunicorn with ${workers} ${workerClass} workers.`);
  }
  for (const server of clients) {
    for (const start of [startOurs, startRawHttp, openRawDriver]) await launch(server, start);
    if (eve && !(eve instanceof Error)) {
      await launch(
        server,
        (options) => startEve({ ...options, gunicorn: eve.gunicorn, workerClass, workers }),
      );
    }
  }

  const runs = new Map<string, Row[]>();
  const runOnce = async (target: Target, operation: typeof OPERATIONS[number], time: number) => {
    const cpuBefore = await target.cpuSeconds?.();
    const result = await runLoad(target.steps(operation), { concurrency, seconds: time });
    const cpuAfter = await target.cpuSeconds?.();
    if (operation === "POST") await target.deletePosted();
    const cpuMs = cpuBefore === undefined || cpuAfter === undefined
      ? NaN
      : (cpuAfter - cpuBefore) * 1000 / result.count;
    return { ...result, cpuMs };
  };
  for (const target of targets) {
    for (const operation of OPERATIONS) await runOnce(target, operation, Math.min(seconds, 1));
  }
  for (let round = 1; round <= rounds; round++) {
    printLine(`round ${round}/${rounds}...`);
    for (const operation of OPERATIONS) {
      for (const target of targets) {
        const result = await runOnce(target, operation, seconds);
        const key = `${operation}|${target.store}|${target.system}`;
        runs.set(key, [...(runs.get(key) ?? []), {
          operation,
          store: target.store,
          system: target.system,
          ...result,
        }]);
      }
    }
  }
  printReport([...runs.values()].map((list) => ({
    ...list[0]!,
    perSecond: median(list.map((row) => row.perSecond)),
    p50: median(list.map((row) => row.p50)),
    p99: median(list.map((row) => row.p99)),
    cpuMs: median(list.map((row) => row.cpuMs)),
    errors: list.reduce((sum, row) => sum + row.errors, 0),
  })));
} finally {
  for (const target of targets) await target.stop().catch((error) => printLine(`stop: ${error}`));
  for (const { client } of clients) await client.close();
}

/** The `label=uri` entries of `--mongo`, else MONGO_URI as "FerretDB"; null when malformed. */
function parseMongoServers(list: string | undefined, fallback: string | undefined) {
  if (!list) return fallback ? [{ label: "FerretDB", uri: fallback }] : [];
  const servers = list.split(",").map((entry) => {
    const at = entry.indexOf("=");
    return { label: entry.slice(0, at).trim(), uri: entry.slice(at + 1).trim() };
  });
  const valid = servers.every(({ label, uri }) => label && /^mongodb(\+srv)?:\/\//.test(uri));
  return valid ? servers : null;
}
