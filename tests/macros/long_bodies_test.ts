/**
 * The built-in text macros on long bodies built to make a backtracking pattern blow up
 * (tests/macros/_long_bodies.ts): their CPU time grows linearly with the body now that their
 * patterns are linear; it grew with its cube in the digits and its square in the rest while they
 * were not (3,000 digits took 22-86 s per macro, the server's thread answering no one). Measured
 * as a growth ratio from n to 16n in the thread's CPU time (tests/_linear_growth.ts). The check
 * runs in a worker the test ends at `DEADLINE_MS`: a pattern that backtracks without end
 * (exponential) fails then instead of hanging. The deadline is wall time (no thread can read
 * another's CPU time without `--allow-all`), 300 times a check's ~1 s of CPU, so load cannot
 * reach it.
 */
import assert from "node:assert/strict";
import { BODIES } from "./_long_bodies.ts";

/** Wall time past which one body's check has certainly not grown linearly (linear: ~1 s CPU). */
const DEADLINE_MS = 300_000;

type Report = { stage?: string; done?: true; problem?: string };

/** Why the macros are not linear on the body of `kind`, or undefined when they are. */
async function superlinearInWorker(kind: string): Promise<string | undefined> {
  const worker = new Worker(new URL("./_long_body_worker.ts", import.meta.url), {
    type: "module",
  });
  let stage = "(starting)";
  let deadline: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      deadline = setTimeout(
        () => resolve(`on a long body of ${kind}: ${stage} still running after ${DEADLINE_MS} ms`),
        DEADLINE_MS,
      );
      worker.onmessage = ({ data }: MessageEvent<Report>) => {
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
    clearTimeout(deadline);
    worker.terminate();
  }
}

for (const kind of Object.keys(BODIES)) {
  Deno.test(`every text macro gets through a long body of ${kind} in linear time`, async () => {
    const problem = await superlinearInWorker(kind);
    if (problem) assert.fail(problem);
  });
}
