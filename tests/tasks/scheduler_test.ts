import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { defineSchedule } from "../../src/tasks/schedule.ts";
import { createScheduler } from "../../src/tasks/scheduler.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { waitFor } from "./_wait_for.ts";

Deno.test("schedules: interval ticks align on the epoch; cron ticks follow the expression", () => {
  const every = defineSchedule({ name: "e", task: "t", everyMs: 60_000 });
  assert.equal(every.nextAfter(125_000), 180_000);
  assert.equal(every.nextAfter(120_000), 180_000);
  const cron = defineSchedule({ name: "c", task: "t", cron: "*/5 * * * *" });
  assert.equal(
    cron.nextAfter(Date.parse("2024-01-01T00:01:00Z")),
    Date.parse("2024-01-01T00:05:00Z"),
  );
  assert.throws(() => defineSchedule({ name: "x", task: "t" }), /exactly one of everyMs and cron/);
  assert.throws(() => defineSchedule({ name: "x", task: "t", everyMs: 0 }), /everyMs/);
});

Deno.test("a started scheduler enqueues due ticks until stopped", async () => {
  const dir = await Deno.makeTempDir({ prefix: "scheduler_" });
  const queue = await createSqliteTaskQueue({ path: `${dir}/tasks.db`, log: silentLogger });
  const scheduler = createScheduler({
    queue,
    schedules: [defineSchedule({ name: "fast", task: "beat", everyMs: 50, args: { n: 1 } })],
    log: silentLogger,
    pollMs: 20,
  });
  try {
    scheduler.start();
    await waitFor("two ticks", async () => (await queue.stats()).queues.default.ready >= 2);
    await scheduler.stop();
    const entries = await queue.read("c1", { count: 100 });
    assert.ok(entries.every((e) => e.task === "beat" && e.dueAt % 50 === 0));
    assert.deepEqual(entries[0]?.args, { n: 1 });
    assert.equal(new Set(entries.map((e) => e.dueAt)).size, entries.length);
  } finally {
    await queue.close();
    await Deno.remove(dir, { recursive: true });
  }
});
