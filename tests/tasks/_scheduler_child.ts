/**
 * A process running only the periodic scheduler for the multi-process schedule test: one
 * 100 ms interval schedule, polled every 10 ms for SCHEDULER_RUN_MS, on the queue named by
 * SCHEDULER_QUEUE (JSON: `{ url, prefix }` for Redis or `{ path }` for SQLite).
 */
import { silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { defineSchedule } from "../../src/tasks/schedule.ts";
import { createScheduler } from "../../src/tasks/scheduler.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";

const target = JSON.parse(Deno.env.get("SCHEDULER_QUEUE") ?? "{}");
const queue = target.url
  ? await createRedisTaskQueue({ url: target.url, prefix: target.prefix, log: silentLogger })
  : await createSqliteTaskQueue({ path: target.path, log: silentLogger });
const scheduler = createScheduler({
  queue,
  schedules: [defineSchedule({ name: "beat", task: "beat", everyMs: 100 })],
  log: silentLogger,
  pollMs: 10,
});
scheduler.start();
await new Promise((resolve) => setTimeout(resolve, Number(Deno.env.get("SCHEDULER_RUN_MS"))));
await scheduler.stop();
await queue.close();
