/** Runs the task-queue contract on Redis Streams, plus Redis-only checks (stream trimming). */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { checkRedisPersistence } from "../../src/tasks/redis/check_redis_persistence.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import type { TaskQueue } from "../../src/tasks/task_queue.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { taskQueueContract } from "../contracts/task_queue_contract.ts";
import { connectRedis, deleteKeys, type RedisClient } from "./_redis_fixture.ts";

const url = engineUrl("REDIS_URL");

taskQueueContract("redis task queue", ({ leaseMs }) => {
  const prefix = uniqueName("test_tasks");
  const opened: TaskQueue[] = [];
  return Promise.resolve({
    async open() {
      const queue = await createRedisTaskQueue({ url: url!, prefix, log: silentLogger, leaseMs });
      opened.push(queue);
      return queue;
    },
    async cleanup() {
      for (const queue of opened) await queue.close();
      await deleteKeys(url!, prefix);
    },
  });
}, { ignore: !url });

/** A queue under a fresh prefix and a raw client on the same server, both closed afterwards. */
async function withQueue(
  options: { consumerIdleMs?: number },
  fn: (queue: TaskQueue, client: RedisClient, prefix: string) => Promise<void>,
): Promise<void> {
  const prefix = uniqueName("test_tasks");
  const queue = await createRedisTaskQueue({ url: url!, prefix, log: silentLogger, ...options });
  const client = await connectRedis(url!);
  try {
    await fn(queue, client, prefix);
  } finally {
    await client.close();
    await queue.close();
    await deleteKeys(url!, prefix);
  }
}

Deno.test({
  name: "redis task queue: acked entries are deleted, so the stream does not grow",
  ignore: !url,
  fn: () =>
    withQueue({}, async (queue, client, prefix) => {
      for (let i = 0; i < 50; i++) await queue.enqueue("noop", { i });
      for (;;) {
        const entries = await queue.read("c1", { count: 10 });
        if (entries.length === 0) break;
        for (const entry of entries) await queue.ack(entry);
      }
      assert.equal(await client.sendCommand(["XLEN", `${prefix}:q:default`]), 0);
      assert.equal((await queue.stats()).tasks.noop?.done, 50);
    }),
});

Deno.test({
  name: "checkRedisPersistence names the unsafe settings of the server",
  ignore: !url,
  async fn() {
    const client = await connectRedis(url!);
    try {
      const aof = await client.sendCommand<string[]>(["CONFIG", "GET", "appendonly"]);
      const policy = await client.sendCommand<string[]>(["CONFIG", "GET", "maxmemory-policy"]);
      const warnings = await checkRedisPersistence(client);
      assert.equal(warnings.some((w) => w.includes("AOF")), aof[1] !== "yes");
      assert.equal(warnings.some((w) => w.includes("noeviction")), policy[1] !== "noeviction");
    } finally {
      await client.close();
    }
  },
});

Deno.test({
  name: "redis task queue: idle consumers with nothing pending are deleted, others kept",
  ignore: !url,
  fn: () =>
    withQueue({ consumerIdleMs: 100 }, async (queue, client, prefix) => {
      const consumers = async () =>
        (await client.sendCommand<string[][]>([
          "XINFO",
          "CONSUMERS",
          `${prefix}:q:default`,
          "workers",
        ]))
          .map((info) => info[1]).sort();
      await queue.enqueue("held", {});
      await queue.enqueue("done", {});
      await queue.read("holder");
      const [done] = await queue.read("gone");
      await queue.ack(done!);
      assert.deepEqual(await consumers(), ["gone", "holder"]);
      // Idleness is the behaviour under test: the consumer must be idle past consumerIdleMs.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await queue.reclaim("janitor");
      assert.deepEqual(await consumers(), ["holder"], "the consumer with a pending entry stays");
    }),
});

Deno.test({
  name: "redis task queue: a read recreates consumer groups lost with Redis's data",
  ignore: !url,
  fn: () =>
    withQueue({}, async (queue, client, prefix) => {
      await client.sendCommand(["DEL", `${prefix}:q:default`]);
      assert.deepEqual(await queue.read("c1"), []);
      await queue.enqueue("after-restart", {});
      const [entry] = await queue.read("c1");
      assert.equal(entry?.task, "after-restart");
    }),
});
