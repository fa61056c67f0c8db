import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { registerQueueMetrics } from "../../src/tasks/queue_metrics.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { tasksPurgeDead, tasksRetryDead, tasksStatus } from "../../src/tasks/task_commands.ts";

async function withQueue(
  fn: (queue: Awaited<ReturnType<typeof createSqliteTaskQueue>>) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "task_commands_" });
  const queue = await createSqliteTaskQueue({ path: `${dir}/tasks.db`, log: silentLogger });
  try {
    await fn(queue);
  } finally {
    await queue.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const noRetry = { maxAttempts: 1, backoff: { baseMs: 0, maxMs: 0 } };

Deno.test("tasks:status, retry-dead and purge-dead print the queue's figures", async () => {
  await withQueue(async (queue) => {
    await queue.enqueue({ name: "publish:transmit", queue: "publish" }, {});
    await queue.enqueue("broken", {});
    const [entry] = await queue.read("c1", { queues: ["default"] });
    await queue.fail(entry!, new Error("no"), noRetry);
    const lines: string[] = [];
    const print = (line: string) => void lines.push(line);
    await tasksStatus(queue, { print });
    assert.equal(lines[0], "engine: sqlite");
    assert.match(lines.find((l) => l.startsWith("publish"))!, /^publish\s+1\s+0\s+0$/);
    assert.ok(lines.includes("dead: 1"));
    assert.match(lines.find((l) => l.startsWith("broken"))!, /^broken\s+0\s+0\s+1$/);
    assert.equal(await tasksRetryDead(queue, { print }), 1);
    assert.equal(lines.at(-1), "requeued 1 dead task");
    const [again] = await queue.read("c1", { queues: ["default"] });
    await queue.fail(again!, new Error("no"), noRetry);
    assert.equal(await tasksPurgeDead(queue, { print }), 1);
    assert.equal(lines.at(-1), "purged 1 dead task");
  });
});

Deno.test("queue gauges appear in the metrics rendering", async () => {
  await withQueue(async (queue) => {
    const registry = new MetricsRegistry();
    registerQueueMetrics(registry, queue);
    await queue.enqueue({ name: "a", queue: "ingest" }, {}, { delay: 60_000 });
    const text = await registry.render();
    assert.match(text, /superdesk_tasks_queued\{queue="ingest",state="delayed"\} 1/);
    assert.match(text, /superdesk_tasks_queued\{queue="publish",state="ready"\} 0/);
    assert.match(text, /superdesk_tasks_dead 0/);
  });
});
