/**
 * The tasks module of the crash test: a Redis queue and one task, `effect`, that takes a while
 * and then applies its key's effect idempotently (SET NX guard, then INCR and SADD), counting
 * every run so the test can see that some runs were repeated after the crash.
 */
import { createClient } from "redis";
import { silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { createTaskRegistry, defineTask } from "../../src/tasks/task_definition.ts";
import type { TaskEnvironment } from "../../src/tasks/worker_protocol.ts";

/** The configuration the crash test passes through `WorkerInit.config`. */
export interface CrashConfig {
  url: string;
  prefix: string;
  leaseMs: number;
}

interface Services {
  redis: ReturnType<typeof createClient>;
  prefix: string;
}

const tasks = createTaskRegistry<Services>([
  defineTask<{ key: string; ms: number }, Services>({
    name: "effect",
    backoff: { baseMs: 50, maxMs: 200 },
    async handler({ key, ms }, { services: { redis, prefix } }) {
      await redis.sendCommand(["INCR", `${prefix}:runs`]);
      await new Promise((resolve) => setTimeout(resolve, ms));
      const first = await redis.sendCommand<string | null>([
        "SET",
        `${prefix}:done:${key}`,
        "1",
        "NX",
      ]);
      if (first !== "OK") return;
      await redis.sendCommand(["INCR", `${prefix}:effects`]);
      await redis.sendCommand(["SADD", `${prefix}:effect-set`, key]);
    },
  }),
]);

/** Builds one worker's environment. */
export async function createTaskEnvironment(
  { url, prefix, leaseMs }: CrashConfig,
): Promise<TaskEnvironment<Services>> {
  const queue = await createRedisTaskQueue({ url, prefix, log: silentLogger, leaseMs });
  const redis = createClient({ url });
  await redis.connect();
  return {
    queue,
    tasks,
    services: { redis, prefix },
    async close() {
      await queue.close();
      await redis.close();
    },
  };
}
