/**
 * The built-in text macros on long bodies built to make a backtracking pattern blow up
 * (tests/macros/_long_bodies.ts): their CPU time grows linearly with the body now that their
 * patterns are linear; it grew with its cube in the digits and its square in the rest while they
 * were not (3,000 digits took 22-86 s per macro, the server's thread answering no one). Measured
 * as a growth ratio from n to 16n in the thread's CPU time (tests/_linear_growth.ts). The check
 * runs in a worker whose CPU time the test watches: a pattern that backtracks without end
 * (exponential) fails at `CPU_LIMIT_NS` instead of hanging, and a busy machine, which delays
 * the worker without adding to its CPU time, cannot trip that limit.
 */
import assert from "node:assert/strict";
import { cpuNanosecondsOfThread } from "../_thread_cpu.ts";
import { BODIES } from "./_long_bodies.ts";

/** CPU time of one body's check past which it has certainly not grown linearly (linear: ~1 s). */
const CPU_LIMIT_NS = 60e9;

/** How often the worker's CPU time is read. */
const WATCH_MS = 250;

type Report = { thread?: number; stage?: string; done?: true; problem?: string };

/** Why the macros are not linear on the body of `kind`, or undefined when they are. */
async function superlinearInWorker(kind: string): Promise<string | undefined> {
  const worker = new Worker(new URL("./_long_body_worker.ts", import.meta.url), {
    type: "module",
  });
  let thread: number | undefined;
  let stage = "(starting)";
  let watch: ReturnType<typeof setInterval> | undefined;
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      watch = setInterval(() => {
        if (thread === undefined) return;
        try {
          const used = cpuNanosecondsOfThread(thread);
          if (used > CPU_LIMIT_NS) {
            resolve(
              `on a long body of ${kind}: ${stage} still running after ${used / 1e9} s of CPU`,
            );
          }
        } catch (error) {
          reject(error);
        }
      }, WATCH_MS);
      worker.onmessage = ({ data }: MessageEvent<Report>) => {
        if (data.thread !== undefined) thread = data.thread;
        if (data.stage !== undefined) stage = data.stage;
        if (data.done) resolve(data.problem);
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message));
      };
      worker.postMessage(kind);
    });
  } finally {
    clearInterval(watch);
    worker.terminate();
  }
}

for (const kind of Object.keys(BODIES)) {
  Deno.test(`every text macro gets through a long body of ${kind} in linear time`, async () => {
    const problem = await superlinearInWorker(kind);
    if (problem) assert.fail(problem);
  });
}
