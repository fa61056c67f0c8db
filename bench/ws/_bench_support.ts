/** The benchmark's server processes (spawned `deno run`, JSON lines over stdio) and statistics. */
import { linesOf } from "../../tests/_lines.ts";
import type { System } from "./_client_pool.ts";
import { treeCpuSeconds } from "../api/_server_process.ts";
import { placeCommand } from "./_placement.ts";

/** A running benchmark server. */
export interface BenchServer {
  port: number;
  rss(): Promise<number>;
  /** The process's peak resident memory so far, bytes (Linux `VmHWM`; 0 elsewhere). */
  peakRss(): Promise<number>;
  /** CPU seconds (user + system) the server process has used so far (Linux; 0 elsewhere). */
  cpuSeconds(): Promise<number>;
  /** The server's main (JavaScript) thread so far: ms it ran and ms it waited, runnable, on
   * the kernel's run queue (Linux `schedstat`; zeros elsewhere). */
  mainThread(): Promise<{ runMs: number; waitMs: number }>;
  /** The server's longest event-loop delay since the previous call, ms. */
  lag(): Promise<number>;
  /** Publishes `count` events numbered from `k`; resolves once the server has sent them off. */
  broadcast(k: number, count: number): Promise<void>;
  stop(): Promise<void>;
}

const ENTRIES: Record<System, string> = {
  ours: "_ours_server.ts",
  socketio: "_socketio_server.ts",
  floor: "_floor_server.ts",
};

/** The configuration with the benchmark-only packages (Socket.IO) in its import map. */
const DEV_CONFIG = new URL("../../deno.dev.json", import.meta.url).pathname;

const CPU_PROF = Deno.env.get("BENCH_CPU_PROF");

/** Starts the server of `system` in a child process, on `cpus` (`taskset -c` list) if given, in
 * a session of its own if `session`. */
export async function spawnServer(
  system: System,
  { redisUrl, cpus, session }: { redisUrl?: string; cpus?: string; session?: boolean },
): Promise<BenchServer> {
  const prefix = `bench:${system}:${crypto.randomUUID().slice(0, 8)}`;
  const line = placeCommand(Deno.execPath(), [
    "run",
    "-A",
    "--config",
    DEV_CONFIG,
    // BENCH_CPU_PROF=<dir>: the server's V8 CPU profile (bench/cpu_profile_summary.ts).
    ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}/${system}`] : []),
    new URL(ENTRIES[system], import.meta.url).pathname,
  ], { cpus, session });
  const child = new Deno.Command(line.command, {
    args: line.args,
    env: { NOTIFY_PREFIX: prefix, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = child.stdin.getWriter();
  const reader = linesOf(child.stdout).getReader();
  const next = async (): Promise<Record<string, number>> => {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the ${system} server exited`);
    return JSON.parse(value);
  };
  const send = (command: unknown) =>
    writer.write(new TextEncoder().encode(JSON.stringify(command) + "\n"));
  const { port } = await next();
  return {
    port: port!,
    rss: async () => (await send({ rss: true }), (await next()).rss!),
    cpuSeconds: () => treeCpuSeconds(child.pid),
    peakRss: () => peakRssOf(child.pid),
    mainThread: () => schedStatOf(child.pid),
    lag: async () => (await send({ lag: true }), (await next()).lag!),
    broadcast: async (k, count) => {
      await send({ broadcast: k, count });
      await next();
    },
    async stop() {
      await writer.close().catch(() => {});
      await reader.cancel().catch(() => {});
      await child.status;
    },
  };
}

/** The value at quantile `q` of an ascending list. */
export function percentile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** `VmHWM` of process `pid` in bytes, from /proc (0 where unavailable). */
async function peakRssOf(pid: number): Promise<number> {
  const status = await Deno.readTextFile(`/proc/${pid}/status`).catch(() => "");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/** Run and run-queue wait time of the main thread of process `pid`, ms, from /proc (zeros where
 * unavailable). */
async function schedStatOf(pid: number): Promise<{ runMs: number; waitMs: number }> {
  const text = await Deno.readTextFile(`/proc/${pid}/task/${pid}/schedstat`).catch(() => "0 0");
  const [run, wait] = text.trim().split(" ").map(Number);
  return { runMs: (run ?? 0) / 1e6, waitMs: (wait ?? 0) / 1e6 };
}
