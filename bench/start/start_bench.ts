/**
 * `deno task bench:start`: how fast the embedded server starts and how much memory it holds idle.
 * Spawns `main.ts --role=all` (api, ws and the worker role with WORKERS threads, 2 by default) as
 * `deno task start` does (its flags, V8's included, read from deno.json) and measures, per start: the time from spawning to the first answered
 * `GET /api` (wall clock, and the CPU time the process had used by then, which a loaded machine
 * inflates less), the time until every worker thread reports ready (`/metrics`), and the resident
 * memory once idle (IDLE_SECONDS after that). Two cases: a first start on an empty DATA_DIR
 * (tables, indexes and the administrator created) and a restart on the same DATA_DIR. Next to
 * them, the floor: a bare `Deno.serve` process answering the same request. Cases alternate for
 * BENCH_ROUNDS rounds; medians are printed. In the last round each case also stays up for
 * BENCH_SETTLED_SECONDS after its workers are ready, and its settled RSS is the median of the
 * last 10 one-second samples: without the start flags' `--expose-gc` (`src/start_garbage.ts`), V8
 * returns the start-up's garbage to the system only after some idle seconds (measured: ~155 MB 3 s
 * after ready, ~140 MB from ~35 s on, level for minutes), so both figures are printed. Not a test.
 *
 * Env: BENCH_ROUNDS (5), BENCH_IDLE_SECONDS (3), BENCH_SETTLED_SECONDS (45), WORKERS (2).
 */
import { printLine } from "../../src/log.ts";
import { baseEnv, freePort, treeCpuSeconds } from "../api/_server_process.ts";
import { median } from "../api/load.ts";
import { startTaskFlags } from "../api/_start_flags.ts";

const ROUNDS = Number(Deno.env.get("BENCH_ROUNDS") ?? 5);
const IDLE_SECONDS = Number(Deno.env.get("BENCH_IDLE_SECONDS") ?? 3);
const SETTLED_SECONDS = Number(Deno.env.get("BENCH_SETTLED_SECONDS") ?? 45);
/** One-second samples the settled RSS is the median of. */
const SETTLED_SAMPLES = 10;
const WORKERS = Number(Deno.env.get("WORKERS") ?? 2);
const ROOT = new URL("../../", import.meta.url).pathname;
/** The flags of `deno task start` (permissions, V8 flags), read from deno.json. */
const START_FLAGS = startTaskFlags(ROOT);

/** What one start measured. */
interface StartFigures {
  /** Spawn to the first answered `GET /api`, ms. */
  firstAnswerMs: number;
  /** CPU time the process had used by its first answer, ms. */
  cpuMs: number;
  /** Spawn to every worker thread ready, ms (NaN for the floor). */
  workersReadyMs: number;
  /** Resident memory once idle, MB. */
  idleRssMb: number;
  /** Resident memory settled (see the module doc), MB; NaN when not measured. */
  settledRssMb: number;
}

type Case = "first start" | "restart" | "bare Deno.serve";

async function measure(kind: Case, dataDir: string, settle: boolean): Promise<StartFigures> {
  const port = freePort();
  const bare = kind === "bare Deno.serve";
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: bare
      ? ["run", "--allow-net", "--allow-env", `${ROOT}bench/start/bare_server.ts`]
      : ["run", ...START_FLAGS, `${ROOT}main.ts`, "--role=all"],
    env: {
      ...baseEnv(),
      DATA_DIR: dataDir,
      PORT: String(port),
      WS_PORT: String(freePort()),
      WORKERS: String(WORKERS),
      LOG_LEVEL: "warn",
      SUPERDESK_ADMIN_PASSWORD: "bench-start-admin",
    },
    clearEnv: true,
    cwd: ROOT,
    stdin: "null",
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    const origin = `http://127.0.0.1:${port}`;
    await until(async () => (await get(`${origin}/api`))?.status === 200);
    const firstAnswerMs = performance.now() - started;
    const cpuMs = (await treeCpuSeconds(child.pid)) * 1000;
    if (!bare) {
      await until(async () => {
        const text = (await get(`${origin}/metrics`))?.text ?? "";
        const ready = /^superdesk_task_workers_ready (\d+)/m.exec(text)?.[1];
        return Number(ready) === WORKERS;
      });
    }
    const workersReadyMs = bare ? NaN : performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idleRssMb = residentMb(child.pid);
    const settledRssMb = settle
      ? await settledResidentMb(child.pid, SETTLED_SECONDS - IDLE_SECONDS)
      : NaN;
    return { firstAnswerMs, cpuMs, workersReadyMs, idleRssMb, settledRssMb };
  } finally {
    child.kill("SIGTERM");
    await child.status;
  }
}

/** The status and body of `GET url`; undefined while nothing answers. */
async function get(url: string): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  }
}

/** Polls `test` every 5 ms for up to 60 s. */
async function until(test: () => Promise<boolean>): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!(await test())) {
    if (performance.now() > deadline) throw new Error("the server did not get there within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The median of the last `SETTLED_SAMPLES` one-second RSS samples of the next `seconds`. */
async function settledResidentMb(pid: number, seconds: number): Promise<number> {
  const samples: number[] = [];
  for (let second = 0; second < Math.max(seconds, SETTLED_SAMPLES); second++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(residentMb(pid));
  }
  return median(samples.slice(-SETTLED_SAMPLES));
}

/** VmRSS of `pid` (threads included: Web Workers are threads), in MB. */
function residentMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

const results = new Map<Case, StartFigures[]>();
for (let round = 1; round <= ROUNDS; round++) {
  const dataDir = Deno.makeTempDirSync({ prefix: "bench_start_" });
  try {
    for (const kind of ["bare Deno.serve", "first start", "restart"] as const) {
      const figures = await measure(kind, dataDir, round === ROUNDS);
      results.set(kind, [...(results.get(kind) ?? []), figures]);
    }
  } finally {
    Deno.removeSync(dataDir, { recursive: true });
  }
  printLine(`round ${round}/${ROUNDS} done`);
}

printLine(
  `\nbench:start: main.ts --role=all with ${WORKERS} worker threads, embedded storage; ` +
    `medians of ${ROUNDS}`,
);
printLine(
  `  ${"case".padEnd(17)}${"first answer ms".padStart(17)}${"CPU ms".padStart(9)}` +
    `${"workers ready ms".padStart(18)}${"idle RSS MB".padStart(13)}` +
    `${"settled RSS MB".padStart(16)}`,
);
for (const [kind, list] of results) {
  const m = (pick: (figures: StartFigures) => number) => median(list.map(pick));
  printLine(
    `  ${kind.padEnd(17)}${m((f) => f.firstAnswerMs).toFixed(0).padStart(17)}` +
      `${m((f) => f.cpuMs).toFixed(0).padStart(9)}` +
      `${fixed(m((f) => f.workersReadyMs)).padStart(18)}` +
      `${m((f) => f.idleRssMb).toFixed(0).padStart(13)}` +
      `${fixed(list.at(-1)!.settledRssMb).padStart(16)}`,
  );
}
const restart = median(results.get("restart")!.map((f) => f.firstAnswerMs));
const floor = median(results.get("bare Deno.serve")!.map((f) => f.firstAnswerMs));
const rss = median(results.get("restart")!.map((f) => f.idleRssMb));
const settled = results.get("restart")!.at(-1)!.settledRssMb;
printLine(
  `  restart / bare: ${(restart / floor).toFixed(2)}; targets: first answer < 500 ms ` +
    `(${restart < 500 ? "met" : "NOT met"} on restart), idle RSS < 150 MB ` +
    `(${IDLE_SECONDS} s after ready: ${rss < 150 ? "met" : "NOT met"}; ` +
    `settled after ${SETTLED_SECONDS} s: ${settled < 150 ? "met" : "NOT met"})`,
);

/** `value` rounded for the table, or `-` when the run did not measure it. */
function fixed(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : "-";
}
