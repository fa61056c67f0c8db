/** Reads the queue figures of `stats()` from Redis: stream lengths, PEL sizes, sorted sets. */
import { QUEUES, type QueueStats } from "../task_queue.ts";
import type { RedisKeys } from "./_keys.ts";

type Send = <T>(args: string[]) => Promise<T>;

/** Depths per queue (ready = stream length − pending, since acked entries are deleted). */
export async function readRedisStats(send: Send, keys: RedisKeys, group: string) {
  const perQueue = await Promise.all(QUEUES.map(async (queue) => {
    const [length, summary, waiting] = await Promise.all([
      send<number>(["XLEN", keys.stream(queue)]),
      send<[number]>(["XPENDING", keys.stream(queue), group]),
      send<number>(["ZCARD", keys.delayed(queue)]),
    ]);
    const pending = Number(summary[0] ?? 0);
    return [queue, { ready: length - pending, pending, delayed: waiting }] as const;
  }));
  const tasks: QueueStats["tasks"] = {};
  const flat = await send<string[]>(["HGETALL", keys.counts]);
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = flat[i]!, cut = field.lastIndexOf(":");
    const name = field.slice(0, cut), kind = field.slice(cut + 1) as "done";
    tasks[name] ??= { done: 0, retried: 0, dead: 0 };
    tasks[name][kind] = Number(flat[i + 1]);
  }
  const dead = await send<number>(["XLEN", keys.dead]);
  return { queues: Object.fromEntries(perQueue) as QueueStats["queues"], dead, tasks };
}
