/**
 * Supervisor behaviour with real worker threads over a SQLite queue: crashed, silent and hung
 * workers are respawned and later tasks still run; a graceful stop waits for the task in flight.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { Notification } from "../../src/notify/notification.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { createSupervisor, type Supervisor } from "../../src/tasks/supervisor.ts";
import type { TaskQueue } from "../../src/tasks/task_queue.ts";
import { openResults, type TestTasksConfig } from "./_test_tasks_module.ts";
import { waitFor } from "./_wait_for.ts";

interface Harness {
  queue: TaskQueue;
  /** This thread's embedded bus on the channel the workers' `announce` task publishes on. */
  bus: NotificationBus;
  channelName: string;
  supervisor: Supervisor;
  keys(): string[];
  events(): string[];
}

function supervisorTest(name: string, fn: (harness: Harness) => Promise<void>) {
  Deno.test({
    name,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      const dir = await Deno.makeTempDir({ prefix: "supervisor_" });
      const config: TestTasksConfig = {
        queuePath: `${dir}/tasks.db`,
        resultsPath: `${dir}/results.db`,
        leaseMs: 500,
        channelName: `supervisor_${crypto.randomUUID().slice(0, 8)}`,
      };
      const bus = createMemoryNotificationBus({ channelName: config.channelName });
      const queue = await createSqliteTaskQueue({
        path: config.queuePath,
        log: silentLogger,
        leaseMs: config.leaseMs,
      });
      const results = openResults(config.resultsPath);
      const supervisor = createSupervisor({
        workers: 2,
        workerUrl: new URL("../../workers/task_worker.ts", import.meta.url),
        workerInit: {
          config: { ...config },
          tasksModule: new URL("./_test_tasks_module.ts", import.meta.url).href,
          logLevel: "error",
          blockMs: 200,
        },
        heartbeatMs: 100,
        taskGraceMs: 300,
        log: silentLogger,
      });
      const keys = () =>
        results.prepare("SELECT key FROM results ORDER BY rowid").all().map((row) =>
          String(row.key)
        );
      const events = () =>
        results.prepare("SELECT kind FROM events ORDER BY seq").all().map((row) =>
          String(row.kind)
        );
      try {
        supervisor.start();
        await fn({ queue, bus, channelName: config.channelName, supervisor, keys, events });
      } finally {
        await supervisor.stop({ deadlineMs: 2_000 });
        results.close();
        await queue.close();
        await bus.close();
        await Deno.remove(dir, { recursive: true });
      }
    },
  });
}

supervisorTest(
  "a worker killed by an uncaught error is respawned and later tasks run",
  async (h) => {
    await h.queue.enqueue("crash", {});
    await waitFor("a restart", () => h.supervisor.status().restarts >= 1);
    await h.queue.enqueue("record", { key: "after-crash" });
    await waitFor("the later task", () => h.keys().includes("after-crash"));
    await waitFor(
      "the poison task in the dead letters",
      async () => (await h.queue.stats()).dead === 1,
    );
  },
);

supervisorTest("a worker that closes itself is noticed by its silence and respawned", async (h) => {
  await h.queue.enqueue("vanish", {});
  await waitFor("a restart", () => h.supervisor.status().restarts >= 1);
  await h.queue.enqueue("record", { key: "after-vanish" });
  await waitFor("the later task", () => h.keys().includes("after-vanish"));
});

supervisorTest("a task past its timeout and grace gets its worker terminated", async (h) => {
  await h.queue.enqueue("hang", {});
  await waitFor("a restart", () => h.supervisor.status().restarts >= 1);
  await h.queue.enqueue("record", { key: "after-hang" });
  await waitFor("the later task", () => h.keys().includes("after-hang"));
});

supervisorTest("a graceful stop waits for the task in flight", async (h) => {
  await waitFor(
    "ready workers",
    () => h.supervisor.status().workers.every((w) => w.state === "ready"),
  );
  await h.queue.enqueue("record", { key: "slow", ms: 600 });
  await waitFor("the task to start", () => h.supervisor.status().workers.some((w) => w.task));
  await h.supervisor.stop({ deadlineMs: 5_000 });
  assert.deepEqual(h.keys(), ["slow"]);
  const stats = await h.queue.stats();
  assert.deepEqual(stats.queues.default, { ready: 0, pending: 0, delayed: 0 });
  assert.equal(stats.tasks.record?.done, 1);
  assert.equal(h.supervisor.status().restarts, 0);
  assert.ok(h.supervisor.status().workers.every((w) => w.state === "stopped"));
});

supervisorTest("two worker threads contending for a lock never hold it together", async (h) => {
  await waitFor(
    "ready workers",
    () => h.supervisor.status().workers.every((w) => w.state === "ready"),
  );
  for (let i = 0; i < 6; i++) await h.queue.enqueue("exclusive", { key: `x${i}` });
  await waitFor("every holder done", () => h.events().filter((e) => e === "end").length === 6);
  assert.deepEqual(h.events(), Array.from({ length: 6 }, () => ["start", "end"]).flat());
  // A task's ack follows the end it records: wait for the last one.
  await waitFor("every ack", async () => (await h.queue.stats()).tasks.exclusive?.done === 6);
  const stats = await h.queue.stats();
  assert.equal(stats.tasks.exclusive?.done, 6);
  assert.ok((stats.tasks.exclusive?.retried ?? 0) > 0, "the threads did contend");
});

Deno.test({
  name: "a worker whose tasks module cannot load is respawned and never counts as ready",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const supervisor = createSupervisor({
      workers: 1,
      workerUrl: new URL("../../workers/task_worker.ts", import.meta.url),
      workerInit: {
        config: {},
        tasksModule: new URL("./_no_such_module.ts", import.meta.url).href,
        logLevel: "error",
      },
      heartbeatMs: 100,
      log: silentLogger,
    });
    try {
      supervisor.start();
      await waitFor("two restarts", () => supervisor.status().restarts >= 2);
      assert.notEqual(supervisor.status().workers[0]?.state, "ready");
    } finally {
      await supervisor.stop({ deadlineMs: 1_000 });
    }
  },
});

supervisorTest(
  "a worker's notifications reach this thread's bus over its link, not the channel",
  async (h) => {
    const received: Notification[] = [];
    h.bus.subscribe((notification) => received.push(notification));
    const raw = new BroadcastChannel(h.channelName);
    const data: unknown[] = [];
    raw.onmessage = (message) => !String(message.data).startsWith("~") && data.push(message.data);
    try {
      for (const key of ["a", "b", "c"]) await h.queue.enqueue("announce", { key });
      await waitFor("three events", () => received.length >= 3);
      assert.deepEqual(received.map((n) => n.extra.key).sort(), ["a", "b", "c"]);
      assert.deepEqual((await h.bus.history("0-0")).events.length, 3);
      assert.deepEqual(data, []);
    } finally {
      raw.close();
    }
  },
);
