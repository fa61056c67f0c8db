/**
 * Timing of awaited calls in a bench process, for side-by-side micro-benchmarks: µs per call of
 * the calling thread's CPU, the process's CPU and wall time, and their medians over rounds.
 * Linux only (the thread's CPU comes from its scheduler statistics). Not a test.
 */
import { cpuUsage } from "node:process";
import { median } from "./api/load.ts";

/** µs per call: the calling thread's CPU, the process's CPU, wall. */
export type Timing = { thread: number; cpu: number; wall: number };

/** CPU time of the calling thread in µs (Linux scheduler statistics, nanoseconds). */
function threadCpuUs(): number {
  return Number(Deno.readTextFileSync("/proc/thread-self/schedstat").split(" ")[0]) / 1000;
}

/** Times `n` calls of `run`, one awaited after the other. */
export async function timed(n: number, run: (i: number) => Promise<unknown>): Promise<Timing> {
  const start = performance.now();
  const thread = threadCpuUs();
  const cpu = cpuUsage();
  for (let i = 0; i < n; i++) await run(i);
  const used = cpuUsage(cpu);
  return {
    thread: (threadCpuUs() - thread) / n,
    cpu: (used.user + used.system) / n,
    wall: (performance.now() - start) * 1000 / n,
  };
}

/** "thread / process / wall" medians of timings. */
export function timingCell(timings: Timing[]): string {
  return (["thread", "cpu", "wall"] as const).map((k) =>
    median(timings.map((t) => t[k])).toFixed(0)
  )
    .join(" / ");
}
