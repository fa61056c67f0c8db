/**
 * The tasks module the queue benchmark injects into its workers: a Redis queue and a no-op
 * task that reports its enqueue-to-start latency to the benchmark over a BroadcastChannel
 * (batched every 5 ms or 100 tasks, so reporting costs the measured thread little).
 */
import { silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { createTaskRegistry, defineTask } from "../../src/tasks/task_definition.ts";
import type { TaskEnvironment } from "../../src/tasks/worker_protocol.ts";

/** The name of the channel latencies are reported on. */
export const LATENCY_CHANNEL = "superdesk-queue-bench";

/** Milliseconds since the epoch with sub-millisecond precision, comparable across threads. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Builds one benchmark worker's environment. */
export async function createTaskEnvironment(
  { url, prefix }: { url: string; prefix: string },
): Promise<TaskEnvironment<number[]>> {
  const queue = await createRedisTaskQueue({ url, prefix, log: silentLogger });
  const channel = new BroadcastChannel(LATENCY_CHANNEL);
  let batch: number[] = [];
  const flush = () => {
    if (batch.length > 0) channel.postMessage(batch);
    batch = [];
  };
  const timer = setInterval(flush, 5);
  const tasks = createTaskRegistry<number[]>([
    defineTask<{ sentAt: number }, number[]>({
      name: "noop",
      handler({ sentAt }) {
        batch.push(preciseNow() - sentAt);
        if (batch.length >= 100) flush();
      },
    }),
  ]);
  return {
    queue,
    tasks,
    services: batch,
    async close() {
      clearInterval(timer);
      flush();
      channel.close();
      await queue.close();
    },
  };
}
