/**
 * A process running the periodic scheduler for the multi-process schedule test: one 100 ms
 * interval schedule on the queue named by SCHEDULER_QUEUE (JSON: `{ url, prefix }` for Redis or
 * `{ path }` for SQLite), ticked at each of SCHEDULER_TICKS consecutive tick times from
 * SCHEDULER_FROM_MS. The clock is the test's, not the machine's: both processes race for the same
 * ticks through the real store however slowly the machine runs them.
 */
import { silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { defineSchedule } from "../../src/tasks/schedule.ts";
import { createScheduler } from "../../src/tasks/scheduler.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";

const target = JSON.parse(Deno.env.get("SCHEDULER_QUEUE") ?? "{}");
const from = Number(Deno.env.get("SCHEDULER_FROM_MS"));
const ticks = Number(Deno.env.get("SCHEDULER_TICKS"));
const queue = target.url
  ? await createRedisTaskQueue({ url: target.url, prefix: target.prefix, log: silentLogger })
  : await createSqliteTaskQueue({ path: target.path, log: silentLogger });
const scheduler = createScheduler({
  queue,
  schedules: [defineSchedule({ name: "beat", task: "beat", everyMs: 100 })],
  log: silentLogger,
});
for (let i = 0; i < ticks; i++) await scheduler.tick(from + i * 100);
await queue.close();
