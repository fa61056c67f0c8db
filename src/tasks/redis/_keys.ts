/** The Redis key layout of one queue deployment, all under one prefix. */
import type { QueueName } from "../task_queue.ts";

/** Key names derived from `prefix`. */
export interface RedisKeys {
  /** The consumer group's stream of ready and pending entries of a queue. */
  stream(queue: QueueName): string;
  /** The sorted set of delayed entries and retries of a queue, scored by due time. */
  delayed(queue: QueueName): string;
  /** The queue of a stream key. */
  queueOf(stream: string): QueueName;
  /** The key holding the id of the task that owns a unique key ("" for none). */
  unique(uniqueKey?: string): string;
  /** What every unique-key key starts with. */
  uniquePrefix: string;
  dead: string;
  counts: string;
  schedules: string;
}

/** The layout for `prefix`. */
export function redisKeys(prefix: string): RedisKeys {
  return {
    stream: (queue) => `${prefix}:q:${queue}`,
    delayed: (queue) => `${prefix}:delayed:${queue}`,
    queueOf: (stream) => stream.slice(prefix.length + 3) as QueueName,
    unique: (uniqueKey) => uniqueKey ? `${prefix}:unique:${uniqueKey}` : "",
    uniquePrefix: `${prefix}:unique:`,
    dead: `${prefix}:dead`,
    counts: `${prefix}:counts`,
    schedules: `${prefix}:schedules`,
  };
}
