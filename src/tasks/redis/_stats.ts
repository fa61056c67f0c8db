/** Reads the queue figures of `stats()` from Redis: stream lengths, PEL sizes, sorted sets. */
import { QUEUES, type QueueStats } from "../task_queue.ts";
import type { RedisKeys } from "./_keys.ts";

type Send = <T>(args: string[]) => Promise<T>;

/**
 * Depths per queue (ready = stream length − pending, since acked entries are deleted) and the
 * age of the oldest ready entry: the first one after the group's last delivered id, whose stream
 * id is the time it was added (or promoted from the delayed set).
 */
export async function readRedisStats(send: Send, keys: RedisKeys, group: string) {
  const now = Date.now();
  const perQueue = await Promise.all(QUEUES.map(async (queue) => {
    const [length, summary, waiting, oldest] = await Promise.all([
      send<number>(["XLEN", keys.stream(queue)]),
      send<[number]>(["XPENDING", keys.stream(queue), group]),
      send<number>(["ZCARD", keys.delayed(queue)]),
      oldestReadyId(send, keys.stream(queue), group),
    ]);
    const pending = Number(summary[0] ?? 0);
    const age = oldest ? Math.max(0, now - Number(oldest.split("-")[0])) : 0;
    return [queue, { ready: length - pending, pending, delayed: waiting }, age] as const;
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
  return {
    queues: Object.fromEntries(perQueue.map(([q, depths]) => [q, depths])) as QueueStats["queues"],
    oldestReadyAgeMs: Object.fromEntries(
      perQueue.map(([q, , age]) => [q, age]),
    ) as QueueStats["oldestReadyAgeMs"],
    dead,
    tasks,
  };
}

/** The id of the first entry `group` has not delivered yet, if any. */
async function oldestReadyId(send: Send, stream: string, group: string) {
  let start = "-";
  try {
    const groups = await send<unknown[][]>(["XINFO", "GROUPS", stream]);
    const info = groups.map(pairs).find((g) => g.name === group);
    if (info?.["last-delivered-id"]) start = `(${info["last-delivered-id"]}`;
  } catch {
    // No stream yet: nothing is ready.
    return undefined;
  }
  const [first] = await send<[string, string[]][]>(["XRANGE", stream, start, "+", "COUNT", "1"]);
  return first?.[0];
}

/** A flat `[name, value, …]` reply as an object. */
function pairs(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}
