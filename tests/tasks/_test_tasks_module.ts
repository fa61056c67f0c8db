/**
 * The tasks module the supervisor tests inject into workers: a SQLite queue plus tasks that
 * record a key, take a shared lock, crash the worker, close it silently, run slowly, hang past their timeout or
 * publish a notification on the embedded bus.
 * Results go to a separate SQLite file the test reads.
 */
import { DatabaseSync } from "node:sqlite";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { silentLogger } from "../../src/log.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { type LockService, withLock } from "../../src/tasks/lock.ts";
import { createTaskRegistry, defineTask } from "../../src/tasks/task_definition.ts";
import type { TaskEnvironment } from "../../src/tasks/worker_protocol.ts";

/** The configuration the tests pass through `WorkerInit.config`. */
export interface TestTasksConfig {
  queuePath: string;
  resultsPath: string;
  leaseMs: number;
  /** The embedded bus's channel the `announce` task publishes on. */
  channelName: string;
}

/** Opens the results table (tests read it; workers write it). */
export function openResults(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("CREATE TABLE IF NOT EXISTS results (key TEXT NOT NULL, attempt INTEGER NOT NULL)");
  db.exec("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, key TEXT, kind TEXT)");
  return db;
}

interface Services {
  results: DatabaseSync;
  locks: LockService;
  bus: NotificationBus;
}

const never = new Promise<never>(() => {});

const tasks = createTaskRegistry<Services>([
  defineTask<{ key: string; ms?: number }, Services>({
    name: "record",
    async handler({ key, ms = 0 }, { services, attempt }) {
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      services.results.prepare("INSERT INTO results (key, attempt) VALUES (?, ?)").run(
        key,
        attempt,
      );
    },
  }),
  defineTask<{ key: string }, Services>({
    name: "exclusive",
    maxAttempts: 100,
    backoff: { baseMs: 5, maxMs: 20 },
    async handler({ key }, { services: { results, locks } }) {
      const event = results.prepare("INSERT INTO events (key, kind) VALUES (?, ?)");
      const outcome = await withLock(locks, "exclusive", 5_000, async () => {
        event.run(key, "start");
        await new Promise((resolve) => setTimeout(resolve, 30));
        event.run(key, "end");
      });
      if (!outcome.acquired) throw new Error("the lock is busy; retry later");
    },
  }),
  defineTask<{ key: string }, Services>({
    name: "announce",
    async handler({ key }, { services }) {
      await services.bus.publish("announced", { key });
    },
  }),
  defineTask({
    name: "crash",
    maxAttempts: 1,
    maxLostDeliveries: 1,
    async handler() {
      setTimeout(() => {
        throw new Error("uncaught error in a worker");
      });
      await never;
    },
  }),
  defineTask({
    name: "vanish",
    maxAttempts: 1,
    maxLostDeliveries: 1,
    async handler() {
      (self as unknown as { close(): void }).close();
      await never;
    },
  }),
  defineTask({
    name: "hang",
    maxAttempts: 1,
    maxLostDeliveries: 1,
    timeoutMs: 200,
    async handler() {
      await never;
    },
  }),
]);

/** Builds the environment of one worker thread. */
export async function createTaskEnvironment(
  { queuePath, resultsPath, leaseMs, channelName }: TestTasksConfig,
): Promise<TaskEnvironment<Services>> {
  const queue = await createSqliteTaskQueue({
    path: queuePath,
    log: silentLogger,
    leaseMs,
    pollMs: 20,
  });
  const results = openResults(resultsPath);
  const bus = createMemoryNotificationBus({ channelName, replay: false });
  return {
    queue,
    tasks,
    services: { results, locks: queue.locks, bus },
    async close() {
      await bus.close();
      await queue.close();
      results.close();
    },
  };
}
