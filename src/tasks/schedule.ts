/**
 * Periodic schedules declared in code (Celery beat's entries): every N ms, aligned on the epoch
 * so every process computes the same tick times, or a 5-field UTC cron expression.
 */
import { type CronExpression, nextCronTime, parseCron } from "./cron.ts";
import type { QueueName, TaskRef } from "./task_queue.ts";

/** A schedule: fires `task` with `args` at each tick. */
export interface Schedule {
  name: string;
  task: TaskRef;
  args: unknown;
  queue?: QueueName;
  /** The first tick strictly after `afterMs`. */
  nextAfter(afterMs: number): number;
}

/** Declaration options: exactly one of `everyMs` and `cron`. */
export interface ScheduleOptions {
  name: string;
  task: TaskRef;
  args?: unknown;
  queue?: QueueName;
  everyMs?: number;
  cron?: string;
}

/** Declares a schedule; a bad interval or cron expression fails here, at start. */
export function defineSchedule(options: ScheduleOptions): Schedule {
  const { name, task, args = {}, queue, everyMs, cron } = options;
  if ((everyMs === undefined) === (cron === undefined)) {
    throw new Error(`Cannot define schedule "${name}": give exactly one of everyMs and cron`);
  }
  let nextAfter: (afterMs: number) => number;
  if (everyMs !== undefined) {
    if (!(everyMs >= 1)) throw new Error(`Cannot define schedule "${name}": everyMs must be ≥ 1`);
    nextAfter = (afterMs) => Math.floor(afterMs / everyMs) * everyMs + everyMs;
  } else {
    const expression: CronExpression = parseCron(cron!);
    nextAfter = (afterMs) => nextCronTime(expression, afterMs);
  }
  return Object.freeze({ name, task, args, queue, nextAfter });
}
