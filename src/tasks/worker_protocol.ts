/**
 * Messages between the supervisor (parent thread) and a task worker thread, and the injectable
 * module that builds a worker's queue, tasks and services. Everything here crosses a thread
 * boundary, so it must survive structured clone: plain objects, no class instances.
 */
import type { Logger, LogLevel } from "../log.ts";
import type { LogServerOptions } from "../logship/log_shipper.ts";
import type { TaskRegistry } from "./task_definition.ts";
import type { QueueName, TaskQueue } from "./task_queue.ts";

/** What every worker receives at start. */
export interface WorkerInit {
  /** The configuration handed to `createTaskEnvironment`; must survive structured clone. */
  config: unknown;
  /** URL of a module exporting `createTaskEnvironment` (see `CreateTaskEnvironment`). */
  tasksModule: string;
  logLevel?: LogLevel;
  /** Where the thread also ships its log lines (see src/logship/). */
  logServer?: LogServerOptions;
  /** The parent's shipping figures (a LogStats buffer), so /metrics counts every thread. */
  logStats?: SharedArrayBuffer;
  /** Queues this pool consumes (default: all). */
  queues?: QueueName[];
  /** Longest blocking read, bounding an idle worker's stop time (default 1 s). */
  blockMs?: number;
}

/** What a worker needs to run tasks; `close()` releases its connections. */
export interface TaskEnvironment<S = unknown> {
  queue: TaskQueue;
  tasks: TaskRegistry<S>;
  services: S;
  close(): Promise<void>;
}

/**
 * The export a tasks module must provide, e.g.
 * `export async function createTaskEnvironment(config: Config, {log}): Promise<TaskEnvironment<S>>`;
 * `log` is the thread's logger.
 */
export type CreateTaskEnvironment<C = unknown> = (
  config: C,
  options: { log: Logger },
) => Promise<TaskEnvironment<unknown>>;

/** Parent → worker. */
export type ToWorker =
  | {
    type: "init";
    init: WorkerInit;
    index: number;
    heartbeatMs: number;
    /** The worker's end of its link to this thread's notification buses (thread_link.ts). */
    uplink?: MessagePort;
  }
  | { type: "stop" };

/** Worker → parent. */
export type FromWorker =
  | { type: "heartbeat" }
  | { type: "ready"; consumer: string }
  | { type: "task-start"; taskId: string; task: string; timeoutMs: number }
  | { type: "task-end"; taskId: string }
  /** The worker cannot start and never will with this configuration (an app fails to load). */
  | { type: "fatal"; message: string }
  | { type: "stopped" };
