/**
 * The task-queue seam: what producers (any role) and consumers (Web Worker threads) need from a
 * durable queue. Implemented on Redis Streams (`redis/`) and SQLite (`sqlite/`); both pass
 * `tests/contracts/task_queue_contract.ts`. Delivery is at-least-once: handlers must be
 * idempotent or take a lock.
 */
import type { EngineStatus } from "../engines/engine_status.ts";
import type { LockService } from "./lock.ts";

/** Superdesk's queues; each is one stream (Redis) or one partition of the table (SQLite). */
export const QUEUES = ["default", "ingest", "publish", "expiry"] as const;
export type QueueName = typeof QUEUES[number];

/** Exponential backoff bounds: the delay cap for attempt n is min(maxMs, baseMs * 2^(n-1)). */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/** What enqueue needs to know about a task: its name and, optionally, its default queue. */
export type TaskRef = string | { name: string; queue?: QueueName };

/** Options of `enqueue`. `delay` and `at` are alternatives; `at` wins when both are given. */
export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds from now. */
  delay?: number;
  /** Run no earlier than this time. */
  at?: Date | number;
  /** While a task with this key is pending or running, enqueueing it again returns its id. */
  uniqueKey?: string;
  /** Overrides the task's queue. */
  queue?: QueueName;
  /** The W3C trace context of the producer, carried with the entry to its consumer. */
  traceparent?: string;
}

/** One delivery of a task to a consumer. */
export interface TaskEntry {
  /** The task id, stable across retries. */
  id: string;
  /** The id of this delivery's storage entry (stream entry id, row id). */
  entryId: string;
  queue: QueueName;
  task: string;
  /** Decoded arguments (see task_codec.ts). */
  args: unknown;
  /** 1 for the first run, 2 after one failure...; a delivery lost with its worker does not count. */
  attempt: number;
  /** How many times this storage entry was delivered (1, or more after lease reclaims). */
  deliveries: number;
  /** When the task was first enqueued (ms since epoch). */
  enqueuedAt: number;
  /** The earliest time it was allowed to start (ms since epoch). */
  dueAt: number;
  uniqueKey?: string;
  /** The producer's W3C trace context, when it had one. */
  traceparent?: string;
}

/** Options of `read`. */
export interface ReadOptions {
  /** At most this many entries (default 1: read only what you will start now). */
  count?: number;
  /** Wait up to this long for an entry when none is ready (default 0: do not wait). */
  blockMs?: number;
  /** Queues to read from (default: all). */
  queues?: readonly QueueName[];
}

/** Who reads the next entry in the same call as an ack. */
export interface NextRead {
  consumer: string;
  queues?: readonly QueueName[];
}

/** How `fail` decides between a retry and the dead-letter store. */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: Backoff;
}

/** What `fail` did with the entry. */
export type FailOutcome = { outcome: "retry"; dueAt: number } | { outcome: "dead" };

/** A claim of one periodic tick: advance the schedule and enqueue, or do nothing. */
export interface TickClaim {
  schedule: string;
  /** The stored next-run time this claimer saw; the claim fails if it changed. */
  expectedAt: number;
  /** The new next-run time. */
  nextAt: number;
  task: TaskRef;
  args: unknown;
  queue?: QueueName;
}

/** Queue depths and counters, for `tasks:status` and `/metrics`. */
export interface QueueStats {
  queues: Record<QueueName, { ready: number; pending: number; delayed: number }>;
  /** Per queue: how long the oldest ready task has waited to start, in ms (0 when none). */
  oldestReadyAgeMs: Record<QueueName, number>;
  dead: number;
  /** Per task name: completed, retried and dead-lettered runs since the store was created. */
  tasks: Record<string, { done: number; retried: number; dead: number }>;
}

/** The durable queue both implementations provide. */
export interface TaskQueue {
  /** The engine name: redis or sqlite. */
  readonly engine: string;
  /** A delivered entry not renewed for this long may be reclaimed by another consumer. */
  readonly leaseMs: number;
  /** Locks stored in the same engine. */
  readonly locks: LockService;
  /** Adds a task; returns its id (or the existing id for a pending `uniqueKey`). */
  enqueue(task: TaskRef, args: unknown, options?: EnqueueOptions): Promise<string>;
  /** Delivers up to `count` ready entries to `consumer` (unique per thread), leasing them. */
  read(consumer: string, options?: ReadOptions): Promise<TaskEntry[]>;
  /** Extends the lease of a held entry; false when another consumer took it over. */
  renew(consumer: string, entry: TaskEntry): Promise<boolean>;
  /**
   * Completes the entry: removes it from storage and frees its unique key. With `next`, also
   * delivers the next ready entry to that consumer in the same round trip (BullMQ's
   * fetch-next), so a busy worker needs one call per task.
   */
  ack(entry: TaskEntry, options?: { next?: NextRead }): Promise<TaskEntry[]>;
  /** Schedules a retry with backoff and full jitter, or dead-letters after the last attempt. */
  fail(entry: TaskEntry, error: unknown, policy: RetryPolicy): Promise<FailOutcome>;
  /** Takes over up to `count` entries whose lease expired. */
  reclaim(consumer: string, options?: { count?: number }): Promise<TaskEntry[]>;
  /** Moves delayed entries that are due into their queues; returns how many moved. */
  promoteDue(): Promise<number>;
  /** The stored next-run time of a schedule, storing `firstAt` if there is none. */
  initSchedule(schedule: string, firstAt: number): Promise<number>;
  /** Atomically: if the schedule's next run is `expectedAt`, set it to `nextAt` and enqueue. */
  claimTick(claim: TickClaim): Promise<boolean>;
  stats(): Promise<QueueStats>;
  /** Puts every dead entry back into its queue as a first attempt; returns how many. */
  retryDead(): Promise<number>;
  /** Deletes every dead entry; returns how many. */
  purgeDead(): Promise<number>;
  /**
   * Deletes every task no worker runs now: ready, delayed (retries included) and dead, freeing
   * their unique keys; running tasks finish. Returns how many went (prepopulate's erase).
   */
  purgeWaiting(): Promise<number>;
  ping(): Promise<EngineStatus>;
  close(): Promise<void>;
}

/** The task name of a TaskRef. */
export function taskName(task: TaskRef): string {
  return typeof task === "string" ? task : task.name;
}

/** The queue an enqueue goes to: the option, else the task's own, else `default`. */
export function targetQueue(task: TaskRef, queue?: QueueName): QueueName {
  const own = typeof task === "string" ? undefined : task.queue;
  const chosen = queue ?? own ?? "default";
  if (!QUEUES.includes(chosen)) throw new Error(`Cannot enqueue to "${chosen}": unknown queue`);
  return chosen;
}

/** The due time of an enqueue: `at`, else now + `delay`, else now. */
export function dueTime(options: EnqueueOptions, now: number): number {
  if (options.at !== undefined) return typeof options.at === "number" ? options.at : +options.at;
  return now + Math.max(0, options.delay ?? 0);
}

/** The key under which a schedule tick is enqueued, so a tick can never be queued twice. */
export function tickKey(schedule: string, tickAt: number): string {
  return `schedule:${schedule}:${tickAt}`;
}
