/**
 * The contract every TaskQueue implementation passes (Redis Streams and SQLite): delivery and
 * ack, retries then dead letters, delays, unique keys, lease expiry, locks, schedule ticks and
 * stats. Each test opens fresh queues from the fixture and cleans up after itself.
 */
import assert from "node:assert/strict";
import { withLock } from "../../src/tasks/lock.ts";
import { defineSchedule } from "../../src/tasks/schedule.ts";
import { createScheduler } from "../../src/tasks/scheduler.ts";
import { silentLogger } from "../../src/log.ts";
import type { TaskEntry, TaskQueue } from "../../src/tasks/task_queue.ts";

/** Opens queues over one shared store; `cleanup` deletes the store. */
export interface QueueFixture {
  open(): Promise<TaskQueue>;
  cleanup(): Promise<void>;
}

/**
 * Lease used by every contract test: short, so expiry tests stay quick. The lease test's steps are
 * 0.4 of it apart from the bound they test; a round a stall spread wider is run again.
 */
export const CONTRACT_LEASE_MS = 1_000;

const policy = { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 40 } };

/** Registers the contract tests for one implementation; `ignore` skips them (no engine). */
export function taskQueueContract(
  name: string,
  makeFixture: (options: { leaseMs: number }) => Promise<QueueFixture>,
  { ignore = false }: { ignore?: boolean } = {},
) {
  function test(title: string, fn: (fixture: QueueFixture) => Promise<void>) {
    Deno.test({
      name: `${name}: ${title}`,
      ignore,
      sanitizeResources: false,
      sanitizeOps: false,
      async fn() {
        const fixture = await makeFixture({ leaseMs: CONTRACT_LEASE_MS });
        try {
          await fn(fixture);
        } finally {
          await fixture.cleanup();
        }
      },
    });
  }

  test("an acked task is delivered once with its arguments and then removed", async (f) => {
    const queue = await f.open();
    const at = new Date("2024-05-06T07:08:09.010Z");
    const id = await queue.enqueue({ name: "echo", queue: "publish" }, { at, n: [1, 2] });
    assert.equal((await queue.stats()).queues.publish.ready, 1);
    const [entry, ...more] = await queue.read("c1", { blockMs: 500 });
    assert.equal(more.length, 0);
    assert.equal(entry?.id, id);
    assert.equal(entry.queue, "publish");
    assert.equal(entry.attempt, 1);
    assert.deepEqual(entry.args, { at, n: [1, 2] });
    assert.ok(entry.args && (entry.args as { at: unknown }).at instanceof Date);
    assert.equal((await queue.stats()).queues.publish.pending, 1);
    await queue.ack(entry);
    const stats = await queue.stats();
    assert.deepEqual(stats.queues.publish, { ready: 0, pending: 0, delayed: 0 });
    assert.equal(stats.tasks.echo?.done, 1);
    assert.deepEqual(await queue.read("c1", { blockMs: 50 }), []);
  });

  test("an ack can deliver the next ready entry in the same call", async (f) => {
    const queue = await f.open();
    await queue.enqueue({ name: "first", queue: "ingest" }, {});
    await queue.enqueue({ name: "second", queue: "ingest" }, {});
    await queue.enqueue("elsewhere", {});
    const [first] = await queue.read("c1", { queues: ["ingest"] });
    const next = await queue.ack(first!, { next: { consumer: "c1", queues: ["ingest"] } });
    assert.deepEqual(next.map((e) => e.task), ["second"]);
    assert.equal((await queue.stats()).queues.ingest.pending, 1);
    const none = await queue.ack(next[0]!, { next: { consumer: "c1", queues: ["ingest"] } });
    assert.deepEqual(none, []);
    assert.deepEqual(await queue.ack(first!), [], "a second ack is a no-op");
    assert.equal((await queue.stats()).tasks.first?.done, 1);
  });

  test("a blocked read wakes up for a task enqueued meanwhile", async (f) => {
    const [producer, consumer] = [await f.open(), await f.open()];
    // A block far longer than any wake-up on a loaded machine: returning well before it ends
    // shows the read woke for the task instead of sleeping through its block.
    const reading = consumer.read("c1", { blockMs: 60_000 });
    await producer.enqueue("wake", {});
    const started = Date.now();
    const [entry] = await reading;
    assert.equal(entry?.task, "wake");
    assert.ok(Date.now() - started < 30_000, "the read returned before its block timeout");
  });

  test("a failing task is retried with backoff, then dead-lettered, retried, purged", async (f) => {
    const queue = await f.open();
    await queue.enqueue("flaky", { x: 1 }, { uniqueKey: "flaky-1" });
    const attempts: number[] = [];
    for (let i = 0; i < policy.maxAttempts; i++) {
      const entry = await readUntil(queue, "c1");
      attempts.push(entry.attempt);
      const before = Date.now();
      const outcome = await queue.fail(entry, new Error("boom"), policy);
      if (i < policy.maxAttempts - 1) {
        assert.equal(outcome.outcome, "retry");
        const cap = Math.min(policy.backoff.maxMs, policy.backoff.baseMs * 2 ** i);
        if (outcome.outcome === "retry") {
          assert.ok(outcome.dueAt >= before && outcome.dueAt <= Date.now() + cap);
        }
      } else assert.equal(outcome.outcome, "dead");
    }
    assert.deepEqual(attempts, [1, 2, 3]);
    let stats = await queue.stats();
    assert.equal(stats.dead, 1);
    assert.deepEqual(stats.tasks.flaky, { done: 0, retried: 2, dead: 1 });
    assert.notEqual(await queue.enqueue("flaky", {}, { uniqueKey: "flaky-1" }), "", "key freed");
    assert.equal(await queue.retryDead(), 1);
    stats = await queue.stats();
    assert.equal(stats.dead, 0);
    assert.equal(stats.queues.default.ready, 2);
    const revived = (await queue.read("c1", { count: 2 })).find((e) =>
      (e.args as { x?: number }).x === 1
    );
    assert.deepEqual(revived?.args, { x: 1 });
    assert.equal(revived?.attempt, 1);
    assert.equal(revived?.uniqueKey, undefined, "a revived task gives up its unique key");
    await queue.fail(revived!, new Error("again"), { ...policy, maxAttempts: 1 });
    assert.equal(await queue.purgeDead(), 1);
    assert.equal((await queue.stats()).dead, 0);
  });

  test("purgeWaiting deletes ready, delayed and dead tasks and frees their keys", async (f) => {
    const queue = await f.open();
    await queue.enqueue("running", {});
    const running = await readUntil(queue, "c1");
    await queue.enqueue("doomed", {});
    const doomed = await readUntil(queue, "c2");
    await queue.fail(doomed, new Error("boom"), { ...policy, maxAttempts: 1 });
    const waiting = await queue.enqueue("waiting", {}, { uniqueKey: "w-1" });
    const later = await queue.enqueue("later", {}, { uniqueKey: "l-1", delay: 600_000 });
    assert.equal(await queue.purgeWaiting(), 3);
    const stats = await queue.stats();
    assert.equal(stats.queues.default.ready, 0);
    assert.equal(stats.dead, 0);
    assert.notEqual(await queue.enqueue("waiting", {}, { uniqueKey: "w-1" }), waiting);
    assert.notEqual(await queue.enqueue("later", {}, { uniqueKey: "l-1" }), later);
    await queue.ack(running);
    const next = await readUntil(queue, "c1");
    assert.ok(["waiting", "later"].includes(next.task), next.task);
  });

  test("an entry carries its producer's traceparent through retries and delays", async (f) => {
    const queue = await f.open();
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    await queue.enqueue("traced", {}, { traceparent });
    await queue.enqueue("untraced", {}, { delay: 1 });
    const first = await readUntil(queue, "c1");
    assert.equal(first.task, "traced");
    assert.equal(first.traceparent, traceparent);
    await queue.fail(first, new Error("again"), policy);
    const entries = [await readUntil(queue, "c1"), await readUntil(queue, "c1")];
    const byTask = new Map(entries.map((entry) => [entry.task, entry]));
    assert.equal(byTask.get("traced")?.traceparent, traceparent, "kept by the retry");
    assert.equal(byTask.get("traced")?.attempt, 2);
    assert.equal(byTask.get("untraced")?.traceparent, undefined);
  });

  test("stats tell how long the oldest ready task of each queue has waited", async (f) => {
    const queue = await f.open();
    const empty = await queue.stats();
    assert.equal(empty.oldestReadyAgeMs.publish, 0);
    const before = Date.now();
    await queue.enqueue({ name: "old", queue: "publish" }, {});
    await queue.enqueue({ name: "new", queue: "publish" }, {});
    await queue.enqueue({ name: "later", queue: "publish" }, {}, { delay: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const waited = (await queue.stats()).oldestReadyAgeMs.publish;
    assert.ok(waited >= 20 && waited <= Date.now() - before + 5, `waited ${waited} ms`);
    const [first] = await queue.read("c1", { queues: ["publish"] });
    assert.equal(first?.task, "old");
    await queue.ack(first!);
    const [second] = await queue.read("c1", { queues: ["publish"] });
    assert.equal(second?.task, "new");
    assert.equal((await queue.stats()).oldestReadyAgeMs.publish, 0, "delivered or delayed only");
    assert.equal((await queue.stats()).oldestReadyAgeMs.default, 0);
  });

  test("a delayed task is not delivered before its time", async (f) => {
    const queue = await f.open();
    const requested = Date.now() + 400;
    await queue.enqueue("later", {}, { at: requested });
    await queue.enqueue("soon", {}, { delay: 150 });
    assert.equal((await queue.stats()).queues.default.delayed, 2);
    const first = await readUntil(queue, "c1");
    const firstAt = Date.now();
    const second = await readUntil(queue, "c1");
    const secondAt = Date.now();
    assert.deepEqual([first.task, second.task], ["soon", "later"]);
    assert.ok(firstAt >= first.dueAt, "soon started no earlier than asked");
    assert.equal(second.dueAt, requested);
    assert.ok(secondAt >= requested, "later started no earlier than asked");
  });

  test("enqueueing a pending unique key returns the existing task", async (f) => {
    const queue = await f.open();
    const id = await queue.enqueue("ingest", { p: 1 }, { uniqueKey: "provider:1" });
    assert.equal(await queue.enqueue("ingest", { p: 2 }, { uniqueKey: "provider:1" }), id);
    const entries = await queue.read("c1", { count: 10 });
    assert.equal(entries.length, 1);
    assert.equal(await queue.enqueue("ingest", {}, { uniqueKey: "provider:1" }), id, "running");
    await queue.ack(entries[0]!);
    assert.notEqual(await queue.enqueue("ingest", {}, { uniqueKey: "provider:1" }), id);
  });

  test("an entry whose lease expired is reclaimed by another consumer", async (f) => {
    const [a, b] = [await f.open(), await f.open()];
    const held = await heldByRenewal(a, b);
    await delay(CONTRACT_LEASE_MS * 1.2);
    const [taken] = await b.reclaim("worker-b");
    assert.equal(taken?.id, held.id);
    assert.equal(taken.deliveries, 2);
    assert.equal(taken.attempt, 1, "a delivery lost with its worker is not a failed attempt");
    assert.equal(await a.renew("worker-a", held), false, "the old owner lost its lease");
    await b.ack(taken);
    assert.equal((await b.stats()).queues.default.pending, 0);
  });

  test("only one holder of a lock runs at a time", async (f) => {
    const [a, b] = [await f.open(), await f.open()];
    let active = 0, runs = 0, maxActive = 0;
    async function attempt(queue: TaskQueue) {
      const outcome = await withLock(queue.locks, "ingest:provider-1", 1_000, async () => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        runs += 1;
        await delay(30);
        active -= 1;
      });
      return outcome.acquired;
    }
    for (let round = 0; round < 5; round++) {
      const outcomes = await Promise.all([attempt(a), attempt(b), attempt(a), attempt(b)]);
      assert.equal(outcomes.filter(Boolean).length, 1);
    }
    assert.equal(maxActive, 1);
    assert.equal(runs, 5);
  });

  test("an expired lock taken over is not released by its old owner", async (f) => {
    const [a, b] = [await f.open(), await f.open()];
    const old = await a.locks.acquire("expiry", 1_000);
    assert.ok(old);
    assert.equal(await b.locks.acquire("expiry", 1_000), null);
    // Taken over once it has expired: polled, so no stall of this loop can fail the test (the
    // deadline only ends a broken run).
    const deadline = Date.now() + 60_000;
    let fresh: string | null;
    while (!(fresh = await b.locks.acquire("expiry", 5_000))) {
      assert.ok(Date.now() < deadline, "the expired lock is taken over");
      await delay(25);
    }
    assert.equal(await a.locks.renew("expiry", old, 5_000), false);
    assert.equal(await a.locks.release("expiry", old), false);
    assert.equal(await a.locks.acquire("expiry", 5_000), null, "still held by the new owner");
    assert.equal(await b.locks.release("expiry", fresh), true);
  });

  test("two schedulers fire each tick exactly once; downtime fires one missed tick", async (f) => {
    const [a, b] = [await f.open(), await f.open()];
    const schedules = [defineSchedule({ name: "beat", task: "tick", everyMs: 1_000 })];
    const s1 = createScheduler({ queue: a, schedules, log: silentLogger });
    const s2 = createScheduler({ queue: b, schedules, log: silentLogger });
    const t0 = 1_700_000_000_000;
    assert.deepEqual(await Promise.all([s1.tick(t0), s2.tick(t0)]), [0, 0], "first run arms");
    let fired = 0;
    for (let t = t0 + 1_000; t <= t0 + 5_000; t += 500) {
      const counts = await Promise.all([s1.tick(t), s2.tick(t), s1.tick(t)]);
      fired += counts.reduce((x, y) => x + y, 0);
    }
    assert.equal(fired, 5);
    const restarted = createScheduler({ queue: b, schedules, log: silentLogger });
    assert.equal(await restarted.tick(t0 + 5_500), 0, "a restart does not double a tick");
    assert.equal(await restarted.tick(t0 + 60_500), 1, "one missed tick after downtime");
    assert.equal(await s1.tick(t0 + 60_900), 0);
    const entries = await a.read("c1", { count: 20 });
    assert.equal(entries.length, 6);
    assert.deepEqual(
      entries.map((e) => e.dueAt).sort(),
      [1, 2, 3, 4, 5, 6].map((k) => t0 + k * 1_000),
    );
    assert.ok(entries.every((e) => e.uniqueKey === `schedule:beat:${e.dueAt}`));
  });

  test("stats count depths per queue and outcomes per task", async (f) => {
    const queue = await f.open();
    await queue.enqueue({ name: "a", queue: "ingest" }, {});
    await queue.enqueue({ name: "a", queue: "ingest" }, {});
    await queue.enqueue("b", {}, { queue: "expiry", delay: 60_000 });
    const [entry] = await queue.read("c1", { queues: ["ingest"] });
    let stats = await queue.stats();
    assert.deepEqual(stats.queues.ingest, { ready: 1, pending: 1, delayed: 0 });
    assert.deepEqual(stats.queues.expiry, { ready: 0, pending: 0, delayed: 1 });
    assert.deepEqual(stats.queues.default, { ready: 0, pending: 0, delayed: 0 });
    await queue.ack(entry!);
    stats = await queue.stats();
    assert.deepEqual(stats.tasks.a, { done: 1, retried: 0, dead: 0 });
    assert.equal((await queue.ping()).ok, true);
  });
}

/**
 * An entry worker-a read and renewed after 0.6 of its lease, which a reclaim by worker-b 0.6 of a
 * lease after the renewal (past the first lease, within the renewed one) did not take. A round
 * that a stalled loop spread so that the reclaim ended a whole lease or more after the renewal
 * began proves nothing either way: its entry is acked and the round runs again.
 */
async function heldByRenewal(a: TaskQueue, b: TaskQueue): Promise<TaskEntry> {
  for (;;) {
    await a.enqueue("long", {});
    const [held] = await a.read("worker-a");
    assert.ok(held);
    await delay(CONTRACT_LEASE_MS * 0.6);
    const renewing = performance.now();
    assert.equal(await a.renew("worker-a", held), true);
    await delay(CONTRACT_LEASE_MS * 0.6);
    const reclaimed = await b.reclaim("worker-b");
    if (performance.now() - renewing < CONTRACT_LEASE_MS) {
      assert.deepEqual(reclaimed, [], "a renewed lease is not reclaimed");
      return held;
    }
    await (reclaimed[0] ? b.ack(reclaimed[0]) : a.ack(held));
  }
}

/**
 * Reads (promoting due entries) until one entry arrives; fails after `timeoutMs`, a bound only for
 * a broken run (a loaded machine can take seconds).
 */
export async function readUntil(
  queue: TaskQueue,
  consumer: string,
  { timeoutMs = 30_000 } = {},
): Promise<TaskEntry> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await queue.promoteDue();
    const [entry] = await queue.read(consumer, { blockMs: 25 });
    if (entry) return entry;
  }
  throw new Error(`no entry for ${consumer} within ${timeoutMs} ms`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
