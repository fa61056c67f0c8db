/**
 * The `worker` role: the supervisor of N task worker threads (workers/task_worker.ts, each
 * building its own platform through workers/app_task_environment.ts) and the periodic scheduler,
 * which enqueues each tick exactly once across all worker processes.
 */
import type { Config } from "../config/config.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { Platform } from "../platform.ts";
import type { Schedule } from "../tasks/schedule.ts";
import { createScheduler } from "../tasks/scheduler.ts";
import { createSupervisor } from "../tasks/supervisor.ts";
import type { ShutdownStep } from "./shutdown.ts";

const WORKER_URL = new URL("../../workers/task_worker.ts", import.meta.url);
const TASKS_MODULE = new URL("../../workers/app_task_environment.ts", import.meta.url);

/**
 * Starts the supervisor and the scheduler; returns their shutdown steps. `onFatal` hears of a
 * worker thread that can never start (an app that fails to load there).
 */
export function startWorkerRole(
  config: Readonly<Config>,
  platform: Platform,
  { schedules, log, metrics, logStats, tasksModule = TASKS_MODULE, onFatal }: {
    /** The schedules to fire: the platform's less `DISABLED_SCHEDULES` (`enabledSchedules`). */
    schedules: readonly Schedule[];
    log: Logger;
    metrics: MetricsRegistry;
    onFatal?: (message: string) => void;
    /** Builds each worker thread's platform (workers/app_task_environment.ts by default). */
    tasksModule?: URL;
    /** The process's log-shipping figures, shared with the worker threads. */
    logStats?: SharedArrayBuffer;
  },
): ShutdownStep[] {
  const supervisor = createSupervisor({
    workers: config.workers,
    workerUrl: WORKER_URL,
    workerInit: {
      // Structured clone keeps the values, not the freezing.
      config: { ...config },
      tasksModule: tasksModule.href,
      logLevel: config.logLevel,
      logServer: config.logServer,
      logStats,
    },
    heartbeatMs: config.workerHeartbeatMs,
    log,
    metrics,
    onFatal,
  });
  const scheduler = createScheduler({ queue: platform.queue, schedules, log });
  supervisor.start();
  scheduler.start();
  log.info("worker role started", {
    workers: config.workers,
    tasks: [...platform.tasks.keys()],
    schedules: schedules.map((schedule) => schedule.name),
    disabledSchedules: config.disabledSchedules,
  });
  return [
    { name: "scheduler", run: () => Promise.resolve(scheduler.stop()) },
    { name: "workers", run: (remainingMs) => supervisor.stop({ deadlineMs: remainingMs }) },
  ];
}
