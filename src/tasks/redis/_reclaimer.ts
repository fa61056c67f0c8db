/**
 * Lease expiry on Redis: XAUTOCLAIM takes over entries idle longer than the lease (their worker
 * died or hung), reading each one's delivery count; now and then it also deletes consumers of
 * dead threads that have nothing pending (never one with pending entries: they would be lost).
 */
import { QUEUES, type TaskEntry } from "../task_queue.ts";
import { fromFields } from "./_entries.ts";
import type { RedisKeys } from "./_keys.ts";
import type { ScriptRunner } from "./_script_runner.ts";
import { PRUNE_CONSUMERS } from "./_scripts.ts";

type Send = <T>(args: string[]) => Promise<T>;
type ClaimReply = [string, [string, string[] | null][]];

/** Options of `createReclaimer`. */
export interface ReclaimerOptions {
  send: Send;
  run: ScriptRunner;
  keys: RedisKeys;
  group: string;
  leaseMs: number;
  consumerIdleMs: number;
}

/** A function taking over up to `count` expired entries for `consumer`. */
export function createReclaimer(
  { send, run, keys, group, leaseMs, consumerIdleMs }: ReclaimerOptions,
): (consumer: string, count: number) => Promise<TaskEntry[]> {
  let nextPrune = 0;
  return async function reclaim(consumer, count) {
    if (Date.now() >= nextPrune) {
      nextPrune = Date.now() + consumerIdleMs / 2;
      for (const queue of QUEUES) {
        await run(PRUNE_CONSUMERS, [keys.stream(queue)], [group, consumerIdleMs]);
      }
    }
    const claimed: TaskEntry[] = [];
    for (const queue of QUEUES) {
      const stream = keys.stream(queue);
      let cursor = "0-0";
      do {
        const [next, rows] = await send<ClaimReply>([
          "XAUTOCLAIM",
          stream,
          group,
          consumer,
          String(leaseMs),
          cursor,
          "COUNT",
          String(count - claimed.length),
        ]);
        cursor = next;
        for (const [entryId, flat] of rows) {
          if (!flat) continue;
          const [[, , , deliveries] = []] = await send<[string, string, number, number][]>(
            ["XPENDING", stream, group, entryId, entryId, "1"],
          );
          claimed.push(fromFields(queue, entryId, flat, deliveries ?? 2));
        }
      } while (cursor !== "0-0" && claimed.length < count);
      if (claimed.length >= count) break;
    }
    return claimed;
  };
}
