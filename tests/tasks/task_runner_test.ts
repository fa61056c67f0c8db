/** The consumer loop in this thread over a SQLite queue: ack, timeout, dead letters, leases. */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { createTaskRegistry, defineTask } from "../../src/tasks/task_definition.ts";
import type { TaskQueue } from "../../src/tasks/task_queue.ts";
import { createTaskRunner, TaskTimeoutError } from "../../src/tasks/task_runner.ts";
import { waitFor } from "./_wait_for.ts";

interface Seen {
  runs: { task: string; attempt: number; taskId: string; services: string }[];
  aborts: unknown[];
}

const tasks = createTaskRegistry<Seen>([
  defineTask<{ ms: number }, Seen>({
    name: "work",
    async handler({ ms }, { services, attempt, taskId, signal }) {
      services.runs.push({ task: "work", attempt, taskId, services: typeof services });
      await new Promise((resolve) => setTimeout(resolve, ms));
      signal.throwIfAborted();
    },
  }),
  defineTask<unknown, Seen>({
    name: "slow",
    maxAttempts: 2,
    timeoutMs: 50,
    backoff: { baseMs: 1, maxMs: 1 },
    handler(_args, { services, signal }) {
      return new Promise((_, reject) => {
        signal.addEventListener("abort", () => {
          services.aborts.push(signal.reason);
          reject(signal.reason);
        });
      });
    },
  }),
  defineTask<unknown, Seen>({ name: "once", maxAttempts: 1, handler() {} }),
  defineTask<unknown, Seen>({ name: "fragile", maxLostDeliveries: 1, handler() {} }),
]);

async function withRunner(
  fn: (queue: TaskQueue, seen: Seen) => Promise<void>,
  { prepare, leaseMs = 150 }: {
    prepare?: (queue: TaskQueue) => Promise<void>;
    /** Short by default, so that crashed deliveries are reclaimed quickly. */
    leaseMs?: number;
  } = {},
) {
  const dir = await Deno.makeTempDir({ prefix: "runner_" });
  const open = () =>
    createSqliteTaskQueue({ path: `${dir}/t.db`, log: silentLogger, leaseMs, pollMs: 20 });
  const queue = await open();
  await prepare?.(queue);
  const seen: Seen = { runs: [], aborts: [] };
  const runner = createTaskRunner({
    queue: await open(),
    tasks,
    services: seen,
    consumer: "runner-1",
    log: silentLogger,
    blockMs: 50,
  });
  const running = runner.run();
  try {
    await fn(queue, seen);
  } finally {
    await runner.stop();
    await running;
    await queue.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("the runner runs a task with its context and acks it", async () => {
  await withRunner(async (queue, seen) => {
    const id = await queue.enqueue("work", { ms: 1 });
    await waitFor("the ack", async () => (await queue.stats()).tasks.work?.done === 1);
    assert.deepEqual(seen.runs, [{ task: "work", attempt: 1, taskId: id, services: "object" }]);
  });
});

Deno.test("a task past its timeout sees its signal aborted, is retried, then dead", async () => {
  await withRunner(async (queue, seen) => {
    await queue.enqueue("slow", {});
    await waitFor("the dead letter", async () => (await queue.stats()).dead === 1);
    assert.equal(seen.aborts.length, 2);
    assert.ok(seen.aborts.every((reason) => reason instanceof TaskTimeoutError));
    assert.deepEqual((await queue.stats()).tasks.slow, { done: 0, retried: 1, dead: 1 });
  });
});

/** Takes the one entry of `queue` as `consumer` and "dies": read, or reclaim once expired. */
async function loseDelivery(queue: TaskQueue, consumer: string, { first }: { first: boolean }) {
  let taken: unknown[] = [];
  await waitFor(`a delivery to ${consumer}`, async () => {
    taken = first ? await queue.read(consumer) : await queue.reclaim(consumer);
    return taken.length === 1;
  });
}

Deno.test("unknown tasks are dead-lettered", async () => {
  await withRunner(async (queue) => {
    await queue.enqueue("no-such-task", {});
    await waitFor("the unknown task dead", async () => (await queue.stats()).dead === 1);
  });
});

Deno.test("a delivery lost with its worker does not use up an attempt", async () => {
  await withRunner(async (queue) => {
    await waitFor(
      "the reclaimed task done",
      async () => (await queue.stats()).tasks.once?.done === 1,
    );
    assert.equal((await queue.stats()).dead, 0);
  }, {
    async prepare(queue) {
      await queue.enqueue("once", {});
      await loseDelivery(queue, "crashed-worker", { first: true });
    },
  });
});

Deno.test("an entry whose workers were lost more than maxLostDeliveries times is dead-lettered", async () => {
  await withRunner(async (queue) => {
    await waitFor("the poison task dead", async () => (await queue.stats()).dead === 1);
    assert.equal((await queue.stats()).tasks.fragile?.done ?? 0, 0, "never ran a third time");
  }, {
    async prepare(queue) {
      await queue.enqueue("fragile", {});
      await loseDelivery(queue, "crashed-1", { first: true });
      await loseDelivery(queue, "crashed-2", { first: false });
    },
  });
});

Deno.test("a task running longer than the lease keeps it by renewal", async () => {
  while (!await keptByRenewal()) {
    // This thread stalled: that run proves nothing, run again.
  }
});

/**
 * A 2 s task under a 600 ms lease the runner renews every 200 ms (from this thread), and a thief
 * reclaiming every 300 ms that must find nothing. A thread that never stalled 250 ms (a chain of
 * 10 ms timers, one of which fires late, sees it) renews each lease well within it; a stall
 * longer than that proves nothing either way, and the run is given up (false) after it.
 */
async function keptByRenewal(): Promise<boolean> {
  let last = performance.now();
  let stalled = false;
  const beat = () => {
    const now = performance.now();
    if (now - last > 250) stalled = true;
    last = now;
  };
  const heart = setInterval(beat, 10);
  try {
    let valid = true;
    await withRunner(async (queue, seen) => {
      await queue.enqueue("work", { ms: 2_000 });
      await waitFor("the start", () => seen.runs.length === 1);
      for (let i = 0; i < 4 && valid; i++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const taken = await queue.reclaim("thief");
        beat();
        valid = !stalled;
        if (valid) assert.deepEqual(taken, []);
      }
      if (!valid) return;
      await waitFor("the ack", async () => (await queue.stats()).tasks.work?.done === 1);
      assert.equal(seen.runs.length, 1);
    }, { leaseMs: 600 });
    return valid;
  } finally {
    clearInterval(heart);
  }
}
