/**
 * The tasks module of the crash test: a Redis queue and one task, `effect` (one attempt only),
 * that takes a while and then applies its key's effect idempotently (SET NX guard, then INCR
 * and SADD), counting every run so the test can see that runs were repeated after the crash.
 * With `hangFrom`, tasks from that index on never finish (until their process is killed): the
 * crash then always finds exactly the tasks in flight it expects, however loaded the machine.
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
  /** Tasks with `index >= hangFrom` hang in this process. */
  hangFrom?: number;
}

interface Services {
  redis: ReturnType<typeof createClient>;
  prefix: string;
  hangFrom?: number;
}

const tasks = createTaskRegistry<Services>([
  defineTask<{ key: string; ms: number; index: number }, Services>({
    name: "effect",
    maxAttempts: 1,
    backoff: { baseMs: 50, maxMs: 200 },
    async handler({ key, ms, index }, { services: { redis, prefix, hangFrom }, signal }) {
      await redis.sendCommand(["INCR", `${prefix}:runs`]);
      if (hangFrom !== undefined && index >= hangFrom) {
        await new Promise((_, reject) => signal.addEventListener("abort", reject));
      }
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
  { url, prefix, leaseMs, hangFrom }: CrashConfig,
): Promise<TaskEnvironment<Services>> {
  const queue = await createRedisTaskQueue({ url, prefix, log: silentLogger, leaseMs });
  const redis = createClient({ url });
  await redis.connect();
  return {
    queue,
    tasks,
    services: { redis, prefix, hangFrom },
    async close() {
      await queue.close();
      await redis.close();
    },
  };
}
