/**
 * `bench:search-served-ab`'s per-request server CPU (`bench/search/_thread_times.ts`): the time
 * a process's threads ran between two readings of their schedstat, read from a made-up /proc.
 */
import assert from "node:assert/strict";
import { ranBetween, threadRunTimes } from "../../bench/search/_thread_times.ts";

async function withProc(fn: (proc: string) => Promise<void>) {
  const proc = await Deno.makeTempDir({ prefix: "thread_times_" });
  try {
    await fn(proc);
  } finally {
    await Deno.remove(proc, { recursive: true });
  }
}

async function thread(proc: string, tid: number, ns: number) {
  await Deno.mkdir(`${proc}/42/task/${tid}`, { recursive: true });
  await Deno.writeTextFile(`${proc}/42/task/${tid}/schedstat`, `${ns} 1000 7\n`);
}

Deno.test("the time run between two readings counts each thread against its own figure", () =>
  withProc(async (proc) => {
    await thread(proc, 42, 5_000_000);
    await thread(proc, 43, 2_000_000);
    await thread(proc, 44, 900_000_000);
    const before = threadRunTimes(42, proc);
    assert.deepEqual(
      before,
      new Map([["42", 5_000_000], ["43", 2_000_000], ["44", 900_000_000]]),
    );
    // Meanwhile the main thread runs 150 µs, a new thread 20 µs, and a long-idle thread
    // (a blocking-pool thread timing out) ends.
    await thread(proc, 42, 5_150_000);
    await thread(proc, 45, 20_000);
    await Deno.remove(`${proc}/42/task/44`, { recursive: true });
    const after = threadRunTimes(42, proc);
    assert.equal(ranBetween(before, after), 170_000);
  }));

Deno.test("a reading is unchanged when no thread ran", () =>
  withProc(async (proc) => {
    await thread(proc, 42, 1_000);
    assert.equal(ranBetween(threadRunTimes(42, proc), threadRunTimes(42, proc)), 0);
  }));
