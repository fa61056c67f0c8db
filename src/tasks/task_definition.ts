/**
 * Task definitions: a name, a queue, retry and timeout options and a handler that receives the
 * same services as the API. A TaskRegistry maps names to definitions for the worker threads.
 */
import type { Logger } from "../log.ts";
import type { Backoff, QueueName } from "./task_queue.ts";

/** What a handler receives besides its arguments. */
export interface TaskContext<S> {
  /** The application's services container (the lead's), the same the API uses. */
  services: S;
  /** Aborted when the task exceeds `timeoutMs`, loses its lease, or the worker stops hard. */
  signal: AbortSignal;
  log: Logger;
  /** 1 for the first run. */
  attempt: number;
  taskId: string;
}

/** A task as declared in code. */
export interface TaskDefinition<A = unknown, S = unknown> {
  name: string;
  queue: QueueName;
  /** Runs that may fail (throw or time out) before the task is dead-lettered. */
  maxAttempts: number;
  /**
   * Deliveries lost with their worker (killed, crashed, terminated) before the entry is
   * dead-lettered as poison; they never use up `maxAttempts`.
   */
  maxLostDeliveries: number;
  backoff: Backoff;
  /** After this the signal is aborted; after a further grace the worker is terminated. */
  timeoutMs: number;
  handler(args: A, ctx: TaskContext<S>): Promise<void> | void;
}

/** Declaration options; everything but name and handler has a default. */
export interface TaskOptions<A, S> {
  name: string;
  queue?: QueueName;
  maxAttempts?: number;
  maxLostDeliveries?: number;
  backoff?: Partial<Backoff>;
  timeoutMs?: number;
  handler(args: A, ctx: TaskContext<S>): Promise<void> | void;
}

/**
 * Defaults: Celery's 3 retries (4 attempts), 10 lost deliveries, 1 s to 10 min backoff, 5 min
 * timeout.
 */
export const TASK_DEFAULTS = {
  queue: "default",
  maxAttempts: 4,
  maxLostDeliveries: 10,
  backoff: { baseMs: 1_000, maxMs: 600_000 },
  timeoutMs: 300_000,
} as const;

/** Declares a task, filling defaults. */
export function defineTask<A = unknown, S = unknown>(
  options: TaskOptions<A, S>,
): TaskDefinition<A, S> {
  if (!options.name) throw new Error("Cannot define a task without a name");
  return Object.freeze({
    name: options.name,
    queue: options.queue ?? TASK_DEFAULTS.queue,
    maxAttempts: Math.max(1, options.maxAttempts ?? TASK_DEFAULTS.maxAttempts),
    maxLostDeliveries: Math.max(1, options.maxLostDeliveries ?? TASK_DEFAULTS.maxLostDeliveries),
    backoff: { ...TASK_DEFAULTS.backoff, ...options.backoff },
    timeoutMs: options.timeoutMs ?? TASK_DEFAULTS.timeoutMs,
    handler: options.handler,
  });
}

/** Task definitions by name. */
export type TaskRegistry<S = unknown> = ReadonlyMap<string, TaskDefinition<never, S>>;

/** Builds a registry; two tasks with one name are an error. */
export function createTaskRegistry<S>(
  definitions: readonly TaskDefinition<never, S>[],
): TaskRegistry<S> {
  const registry = new Map<string, TaskDefinition<never, S>>();
  for (const definition of definitions) {
    if (registry.has(definition.name)) {
      throw new Error(`Cannot register task "${definition.name}": the name is already taken`);
    }
    registry.set(definition.name, definition);
  }
  return registry;
}
