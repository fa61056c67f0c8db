/**
 * The TaskQueue on Redis Streams: one stream per queue (`<prefix>:q:<queue>`) read by one
 * consumer group; delayed entries and retries wait in a sorted set per queue and are promoted
 * by a Lua script; ack is XACK+XDEL so streams do not grow; the PEL idle time is the lease,
 * renewed with XCLAIM JUSTID and reclaimed with XAUTOCLAIM; dead letters go to
 * `<prefix>:dead`. Works on Redis ≥ 6.2 (no XACKDEL needed).
 */
import { createClient } from "redis";
import { measureStatus } from "../../engines/engine_status.ts";
import type { Logger } from "../../log.ts";
import { backoffDelay } from "../backoff.ts";
import { encodeArgs } from "../task_codec.ts";
import {
  dueTime,
  type QueueName,
  QUEUES,
  targetQueue,
  type TaskEntry,
  taskName,
  type TaskQueue,
  tickKey,
} from "../task_queue.ts";
import { fromFields, storedOf, type StoredTask, toFields, toMember } from "./_entries.ts";
import { redisKeys } from "./_keys.ts";
import { createReclaimer } from "./_reclaimer.ts";
import { createScriptRunner } from "./_script_runner.ts";
import { readRedisStats } from "./_stats.ts";
import * as lua from "./_scripts.ts";
import { createRedisLockService } from "./redis_lock_service.ts";

const GROUP = "workers";
type StreamReply = [string, [string, string[] | null][]][] | null;

/** Options of `createRedisTaskQueue`. */
export interface RedisTaskQueueOptions {
  url: string;
  /** Prefix of every key (tests pass a unique one). */
  prefix?: string;
  log: Logger;
  /** Lease of a delivered entry (default 30 s). */
  leaseMs?: number;
  /** Consumers (dead worker threads) idle this long with nothing pending are deleted (1 h). */
  consumerIdleMs?: number;
}

/** Connects to Redis and creates the consumer groups; close() disconnects. */
export async function createRedisTaskQueue(
  options: RedisTaskQueueOptions,
): Promise<TaskQueue> {
  const { url, prefix = "superdesk:tasks", log, leaseMs = 30_000 } = options;
  const { consumerIdleMs = Math.max(3_600_000, 10 * leaseMs) } = options;
  const client = createClient({ url });
  client.on("error", (error) => log.error("redis queue client error", { error }));
  await client.connect();
  const blocking = client.duplicate();
  blocking.on("error", (error) => log.error("redis queue client error", { error }));
  let blockingReady: Promise<unknown> | undefined;
  const send = <T>(args: string[]) => client.sendCommand<T>(args);
  const run = createScriptRunner(client);
  const keys = redisKeys(prefix);
  const { stream, delayed, dead, counts, schedules, unique: uniqueKeyOf } = keys;

  async function createGroups() {
    for (const queue of QUEUES) {
      try {
        await send(["XGROUP", "CREATE", stream(queue), GROUP, "0", "MKSTREAM"]);
      } catch (error) {
        if (!String((error as Error).message).startsWith("BUSYGROUP")) throw error;
      }
    }
  }
  await createGroups();
  const reclaimExpired = createReclaimer({
    send,
    run,
    keys,
    group: GROUP,
    leaseMs,
    consumerIdleMs,
  });

  function stored(
    task: string,
    args: unknown,
    { dueAt, uniqueKey, traceparent }: { dueAt: number; uniqueKey?: string; traceparent?: string },
  ): StoredTask {
    const id = crypto.randomUUID();
    return {
      id,
      task,
      args: encodeArgs(args),
      attempt: 1,
      enqueuedAt: Date.now(),
      dueAt,
      uniqueKey,
      traceparent,
    };
  }

  function toEntries(reply: StreamReply, deliveries: number): TaskEntry[] {
    const entries: TaskEntry[] = [];
    for (const [key, rows] of reply ?? []) {
      const queue = keys.queueOf(key);
      for (const [entryId, flat] of rows) {
        if (flat) entries.push(fromFields(queue, entryId, flat, deliveries));
      }
    }
    return entries;
  }

  async function readGroup(
    consumer: string,
    count: number,
    blockMs: number,
    queues: readonly QueueName[],
  ) {
    const args = ["XREADGROUP", "GROUP", GROUP, consumer, "COUNT", String(count)];
    if (blockMs > 0) args.push("BLOCK", String(blockMs));
    args.push("STREAMS", ...queues.map(stream), ...queues.map(() => ">"));
    if (blockMs <= 0) return await send<StreamReply>(args);
    blockingReady ??= blocking.connect();
    await blockingReady;
    return await blocking.sendCommand<StreamReply>(args);
  }

  return {
    engine: "redis",
    leaseMs,
    locks: createRedisLockService({ client, run, prefix }),

    async enqueue(task, args, options = {}) {
      const queue = targetQueue(task, options.queue);
      const now = Date.now();
      const entry = stored(taskName(task), args, {
        dueAt: dueTime(options, now),
        uniqueKey: options.uniqueKey,
        traceparent: options.traceparent,
      });
      if (!options.uniqueKey && entry.dueAt <= now) {
        await send(["XADD", stream(queue), "*", ...toFields(entry)]);
        return entry.id;
      }
      return await run<string>(lua.ENQUEUE, [stream(queue), delayed(queue)], [
        uniqueKeyOf(options.uniqueKey),
        entry.id,
        entry.dueAt,
        now,
        ...toFields(entry),
      ]);
    },

    async read(consumer, { count = 1, blockMs = 0, queues = QUEUES } = {}) {
      try {
        return toEntries(await readGroup(consumer, count, blockMs, queues), 1);
      } catch (error) {
        if (!String((error as Error).message).startsWith("NOGROUP")) throw error;
        log.warn("redis queue groups are missing (Redis restarted without persistence?)");
        await createGroups();
        return [];
      }
    },

    async renew(consumer, entry) {
      return await run<number>(lua.RENEW, [stream(entry.queue)], [
        GROUP,
        consumer,
        entry.entryId,
      ]) === 1;
    },

    async ack(entry, { next } = {}) {
      const key = uniqueKeyOf(entry.uniqueKey) || stream(entry.queue);
      const reads = next ? (next.queues ?? QUEUES).map(stream) : [];
      const reply = await run<StreamReply>(lua.ACK, [stream(entry.queue), counts, key, ...reads], [
        GROUP,
        entry.entryId,
        entry.id,
        entry.task,
        next?.consumer ?? "",
      ]);
      return toEntries(reply, 1);
    },

    async fail(entry, error, { maxAttempts, backoff }) {
      const message = error instanceof Error ? error.message : String(error);
      if (entry.attempt < maxAttempts) {
        const dueAt = Date.now() + backoffDelay(backoff, entry.attempt);
        const member = toMember(storedOf(entry, entry.attempt + 1, dueAt));
        await run(lua.RETRY, [stream(entry.queue), counts, delayed(entry.queue)], [
          GROUP,
          entry.entryId,
          entry.task,
          dueAt,
          member,
        ]);
        return { outcome: "retry", dueAt };
      }
      const fields = [
        ...toFields(storedOf(entry, entry.attempt, entry.dueAt)),
        "queue",
        entry.queue,
        "error",
        message,
        "failed_at",
        String(Date.now()),
      ];
      const key = uniqueKeyOf(entry.uniqueKey) || stream(entry.queue);
      await run(lua.BURY, [stream(entry.queue), counts, dead, key], [
        GROUP,
        entry.entryId,
        entry.task,
        entry.id,
        ...fields,
      ]);
      return { outcome: "dead" };
    },

    reclaim(consumer, { count = 1 } = {}) {
      return reclaimExpired(consumer, count);
    },

    async promoteDue() {
      const keys = QUEUES.flatMap((queue) => [delayed(queue), stream(queue)]);
      return await run<number>(lua.PROMOTE, keys, [Date.now(), 100]);
    },

    async initSchedule(schedule, firstAt) {
      await send(["HSETNX", schedules, schedule, String(firstAt)]);
      return Number(await send<string>(["HGET", schedules, schedule]));
    },

    async claimTick({ schedule, expectedAt, nextAt, task, args, queue }) {
      const target = targetQueue(task, queue);
      const key = tickKey(schedule, expectedAt);
      const entry = stored(taskName(task), args, { dueAt: expectedAt, uniqueKey: key });
      const claimed = await run<number>(lua.CLAIM_TICK, [
        schedules,
        stream(target),
        delayed(target),
      ], [
        schedule,
        String(expectedAt),
        String(nextAt),
        uniqueKeyOf(key),
        entry.id,
        0,
        1,
        ...toFields(entry),
      ]);
      return claimed === 1;
    },

    stats() {
      return readRedisStats(send, keys, GROUP);
    },

    async retryDead() {
      let total = 0, moved = 0;
      do {
        moved = await run<number>(lua.RETRY_DEAD, [dead], [prefix, Date.now(), 500]);
        total += moved;
      } while (moved > 0);
      return total;
    },

    async purgeDead() {
      return await run<number>(lua.PURGE_DEAD, [dead], []);
    },

    async purgeWaiting() {
      const queues = QUEUES.flatMap((queue) => [stream(queue), delayed(queue)]);
      return await run<number>(lua.PURGE_WAITING, [...queues, dead], [GROUP, keys.uniquePrefix]);
    },

    ping() {
      return measureStatus("queue", "redis", async () => {
        const info = await send<string>(["INFO", "server"]);
        return /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
      });
    },

    async close() {
      if (blockingReady) blocking.destroy();
      await client.close();
    },
  };
}
