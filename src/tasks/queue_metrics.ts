/**
 * Queue figures for `GET /metrics`: depths per queue and state, the age of the oldest ready task
 * per queue, the dead-letter count and per-task outcome counts, read from `stats()` once per
 * scrape.
 */
import type { MetricsRegistry } from "../metrics/registry.ts";
import { QUEUES, type QueueStats, type TaskQueue } from "./task_queue.ts";

/** Registers the task-queue gauges on `registry`. */
export function registerQueueMetrics(
  registry: MetricsRegistry,
  queue: TaskQueue,
  { maxAgeMs = 1_000, tasks = [] }: {
    maxAgeMs?: number;
    /** Task names whose outcome series exist (at 0) before they first run. */
    tasks?: readonly string[];
  } = {},
): void {
  let cached: { at: number; stats: Promise<QueueStats> } | undefined;
  const stats = () => {
    if (!cached || Date.now() - cached.at > maxAgeMs) {
      cached = { at: Date.now(), stats: queue.stats() };
      cached.stats.catch(() => cached = undefined);
    }
    return cached.stats;
  };
  registry.gauge("superdesk_tasks_queued", "Tasks per queue and state", async (gauge) => {
    const { queues } = await stats();
    for (const name of QUEUES) {
      for (const [state, value] of Object.entries(queues[name])) {
        gauge.set(value, { queue: name, state });
      }
    }
  });
  registry.gauge(
    "superdesk_tasks_oldest_age_seconds",
    "How long the oldest ready task of each queue has waited to start (0 when none)",
    async (gauge) => {
      const { oldestReadyAgeMs } = await stats();
      for (const name of QUEUES) gauge.set(oldestReadyAgeMs[name] / 1000, { queue: name });
    },
  );
  registry.gauge("superdesk_tasks_dead", "Dead-lettered tasks", async (gauge) => {
    gauge.set((await stats()).dead);
  });
  registry.gauge(
    "superdesk_tasks_outcomes",
    "Task runs per task and outcome since the store was created",
    async (gauge) => {
      const never = tasks.map((task) => [task, { done: 0, retried: 0, dead: 0 }] as const);
      const all: QueueStats["tasks"] = { ...Object.fromEntries(never), ...(await stats()).tasks };
      for (const [task, counts] of Object.entries(all)) {
        for (const [outcome, value] of Object.entries(counts)) {
          gauge.set(value, { task, outcome });
        }
      }
    },
  );
}
