/**
 * The periodic scheduler (Celery beat without its single-instance rule). Each schedule's next
 * run time lives in the queue's store; a tick is claimed by an atomic compare-and-set that also
 * enqueues the task with unique key `schedule:<name>:<tick>`, so any number of schedulers fire
 * each tick exactly once and a restart neither skips nor doubles one. After downtime the
 * missed tick fires once (its original time in the key) and the next run jumps to the first
 * tick after now: no burst of catch-up runs.
 */
import type { Logger } from "../log.ts";
import type { Schedule } from "./schedule.ts";
import type { TaskQueue } from "./task_queue.ts";

/** Options of `createScheduler`. */
export interface SchedulerOptions {
  queue: TaskQueue;
  schedules: readonly Schedule[];
  log: Logger;
  /** How often `start()` checks for due ticks (default 1000 ms). */
  pollMs?: number;
  now?: () => number;
}

/** A running (or manually ticked) scheduler. */
export interface Scheduler {
  /** Claims every due tick at `nowMs`; returns how many this instance fired. */
  tick(nowMs?: number): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** Creates a scheduler over `queue`; nothing runs until `start()` or `tick()`. */
export function createScheduler(
  { queue, schedules, log, pollMs = 1000, now = Date.now }: SchedulerOptions,
): Scheduler {
  const names = new Set<string>();
  for (const schedule of schedules) {
    if (names.has(schedule.name)) throw new Error(`Duplicate schedule "${schedule.name}"`);
    names.add(schedule.name);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;

  async function tickOne(schedule: Schedule, nowMs: number): Promise<boolean> {
    const expectedAt = await queue.initSchedule(schedule.name, schedule.nextAfter(nowMs));
    if (expectedAt > nowMs) return false;
    const claimed = await queue.claimTick({
      schedule: schedule.name,
      expectedAt,
      nextAt: schedule.nextAfter(nowMs),
      task: schedule.task,
      args: schedule.args,
      queue: schedule.queue,
    });
    if (claimed) log.debug("schedule fired", { schedule: schedule.name, tick: expectedAt });
    return claimed;
  }

  async function tick(nowMs = now()): Promise<number> {
    let fired = 0;
    for (const schedule of schedules) {
      try {
        if (await tickOne(schedule, nowMs)) fired += 1;
      } catch (error) {
        log.error("schedule tick failed", { schedule: schedule.name, error });
      }
    }
    return fired;
  }

  function loop() {
    if (stopped) return;
    running = tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, pollMs);
    });
  }

  return {
    tick,
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
