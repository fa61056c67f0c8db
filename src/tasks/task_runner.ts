/**
 * The consumer loop of one worker thread: promote due delayed entries, reclaim expired leases,
 * read one entry, run its handler with a timeout signal while renewing its lease, then ack or
 * fail it (retry with backoff, or dead letter). A delivery lost with its worker (`kill -9`, a
 * crash, a deploy) is the worker's failure, not the task's: it does not use up an attempt, so a
 * task with `maxAttempts: 1` still runs after a crash. Only an entry whose workers were lost
 * more than its `maxLostDeliveries` times (a task that kills its worker) and unknown tasks go
 * straight to the dead letters.
 */
import type { Logger } from "../log.ts";
import { failSpan, runInSpan, SpanKind, startSpan } from "../trace/spans.ts";
import { parseTraceparent } from "../trace/trace_context.ts";
import type { TaskRegistry } from "./task_definition.ts";
import type { QueueName, TaskEntry, TaskQueue } from "./task_queue.ts";

/** What the runner tells its supervisor about the task in flight. */
export interface RunningTask {
  taskId: string;
  task: string;
  timeoutMs: number;
}

/** Options of `createTaskRunner`. */
export interface TaskRunnerOptions<S> {
  queue: TaskQueue;
  tasks: TaskRegistry<S>;
  services: S;
  /** Unique per thread, e.g. `host:pid:index:random`. */
  consumer: string;
  log: Logger;
  /** Queues to consume (default: all). */
  queues?: readonly QueueName[];
  /** Longest wait of one read, which bounds how long `stop()` takes when idle (default 1 s). */
  blockMs?: number;
  /** How often delayed entries are promoted (default 250 ms). */
  promoteEveryMs?: number;
  onTaskStart?(task: RunningTask): void;
  onTaskEnd?(task: RunningTask): void;
}

/** A consumer loop; `run()` resolves after `stop()` once the task in flight has finished. */
export interface TaskRunner {
  run(): Promise<void>;
  stop(): Promise<void>;
}

/** The reason a task's signal is aborted when it outlives its `timeoutMs`. */
export class TaskTimeoutError extends Error {
  override name = "TaskTimeoutError";
}

/** Creates a runner; nothing is read until `run()`. */
export function createTaskRunner<S>(options: TaskRunnerOptions<S>): TaskRunner {
  const { queue, tasks, services, consumer, log, queues, blockMs = 1_000 } = options;
  const { promoteEveryMs = 250 } = options;
  const reclaimEveryMs = Math.max(50, queue.leaseMs / 2);
  const held = new Map<string, { entry: TaskEntry; lost: AbortController }>();
  let stopping = false;
  let running: Promise<void> | undefined;
  let nextPromote = 0, nextReclaim = 0;

  async function renewAll() {
    for (const { entry, lost } of held.values()) {
      if (!await queue.renew(consumer, entry)) {
        log.warn("task lease lost to another consumer", { taskId: entry.id, task: entry.task });
        lost.abort(new Error(`Task ${entry.id} lost its lease`));
      }
    }
  }

  async function next(): Promise<TaskEntry[]> {
    const now = Date.now();
    if (now >= nextPromote) {
      nextPromote = now + promoteEveryMs;
      await queue.promoteDue();
    }
    if (now >= nextReclaim) {
      nextReclaim = now + reclaimEveryMs;
      const reclaimed = await queue.reclaim(consumer);
      if (reclaimed.length > 0) return reclaimed;
    }
    const wait = Math.max(1, Math.min(blockMs, nextPromote - Date.now()));
    return await queue.read(consumer, { count: 1, blockMs: wait, queues });
  }

  /** Runs one entry; returns the next entry when the ack fetched one. */
  async function execute(entry: TaskEntry, lost: AbortController): Promise<TaskEntry[]> {
    const definition = tasks.get(entry.task);
    const fields = { taskId: entry.id, task: entry.task, attempt: entry.attempt };
    if (!definition) {
      log.error("unknown task dead-lettered", fields);
      await queue.fail(entry, new Error(`Unknown task "${entry.task}"`), {
        maxAttempts: 1,
        backoff: { baseMs: 0, maxMs: 0 },
      });
      return [];
    }
    if (entry.deliveries - 1 > definition.maxLostDeliveries) {
      log.error("task dead-lettered: its workers were lost on every delivery", fields);
      const error = new Error(`Gave up after ${entry.deliveries} deliveries: worker lost`);
      await queue.fail(entry, error, { ...definition, maxAttempts: 1 });
      return [];
    }
    const info = { taskId: entry.id, task: entry.task, timeoutMs: definition.timeoutMs };
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new TaskTimeoutError(`Task timed out after ${definition.timeoutMs} ms`)),
      definition.timeoutMs,
    );
    const signal = AbortSignal.any([timeout.signal, lost.signal]);
    // The task continues the trace of whoever enqueued it (a scheduled tick starts its own).
    const started = startSpan(`task ${entry.task}`, {
      kind: SpanKind.CONSUMER,
      parent: parseTraceparent(entry.traceparent) ?? null,
      attributes: {
        "messaging.system": queue.engine,
        "messaging.operation.type": "process",
        "messaging.destination.name": entry.queue,
        "messaging.message.id": entry.id,
        "superdesk.task.attempt": entry.attempt,
      },
    });
    const { span } = started;
    const taskLog = log.child({ ...fields, trace_id: started.context.traceId });
    options.onTaskStart?.(info);
    let failure: { error: unknown } | undefined;
    const startedAt = performance.now();
    try {
      await runInSpan(started, () =>
        definition.handler(entry.args as never, {
          services,
          signal,
          log: taskLog,
          attempt: entry.attempt,
          taskId: entry.id,
        }));
    } catch (error) {
      failure = { error };
      failSpan(span, error);
    } finally {
      span.end();
      clearTimeout(timer);
      options.onTaskEnd?.(info);
    }
    if (!failure) {
      taskLog.debug("task done", { ms: Math.round(performance.now() - startedAt) });
      const maintenanceDue = Date.now() >= Math.min(nextPromote, nextReclaim);
      const fetchNext = !stopping && !maintenanceDue && held.size === 1;
      return await queue.ack(entry, fetchNext ? { next: { consumer, queues } } : {});
    }
    const outcome = await queue.fail(entry, failure.error, definition);
    const message = outcome.outcome === "retry" ? "task failed, will retry" : "task dead-lettered";
    taskLog.warn(message, { error: failure.error, ...outcome });
    return [];
  }

  async function loop() {
    const renewer = setInterval(() => {
      renewAll().catch((error) => log.error("lease renewal failed", { error }));
    }, Math.max(20, queue.leaseMs / 3));
    try {
      let entries: TaskEntry[] = [];
      while (!stopping) {
        if (entries.length === 0) {
          try {
            entries = await next();
          } catch (error) {
            if (stopping) break;
            log.error("task queue read failed", { error });
            await new Promise((resolve) => setTimeout(resolve, 1_000));
            continue;
          }
        }
        for (const entry of entries) {
          held.set(entry.entryId, { entry, lost: new AbortController() });
        }
        const batch = entries;
        entries = [];
        for (const entry of batch) {
          if (stopping) break;
          try {
            entries = await execute(entry, held.get(entry.entryId)!.lost);
          } catch (error) {
            log.error("task bookkeeping failed", { error, taskId: entry.id });
          } finally {
            held.delete(entry.entryId);
          }
        }
      }
    } finally {
      clearInterval(renewer);
      held.clear();
    }
  }

  return {
    run() {
      running ??= loop();
      return running;
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}
