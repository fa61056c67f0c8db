/**
 * Two processes running the scheduler on one store, racing for the same 100 ms ticks: every
 * tick from the first to the last is enqueued exactly once. Each process drives the scheduler
 * with the test's clock, so the result does not depend on how fast a busy machine runs them.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import type { TaskQueue } from "../../src/tasks/task_queue.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { deleteKeys } from "./_redis_fixture.ts";

const url = engineUrl("REDIS_URL");

const TICKS = 150;

async function runSchedulers(target: Record<string, string>) {
  // Tick times in the past, so that every enqueued tick is due when the test reads the queue.
  const from = Math.floor(Date.now() / 100) * 100 - (TICKS + 10) * 100;
  const children = [0, 1].map(() =>
    new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", new URL("./_scheduler_child.ts", import.meta.url).pathname],
      env: {
        SCHEDULER_QUEUE: JSON.stringify(target),
        SCHEDULER_FROM_MS: String(from),
        SCHEDULER_TICKS: String(TICKS),
      },
      stdout: "null",
      stderr: "inherit",
    }).spawn()
  );
  for (const child of children) assert.equal((await child.status).code, 0);
}

async function assertEachTickOnce(queue: TaskQueue) {
  const entries = await queue.read("check", { count: 1_000 });
  const ticks = entries.map((e) => e.dueAt).sort((a, b) => a - b);
  // The first call only sets the schedule's first tick (one interval later): TICKS - 1 fire.
  assert.equal(ticks.length, TICKS - 1, "every tick fired once");
  assert.equal(new Set(ticks).size, ticks.length, "no tick fired twice");
  assert.equal(ticks.at(-1)! - ticks[0]!, (ticks.length - 1) * 100, "no tick was skipped");
}

Deno.test({
  name: "two scheduler processes on Redis fire each tick exactly once",
  ignore: !url,
  async fn() {
    const prefix = uniqueName("test_sched");
    await runSchedulers({ url: url!, prefix });
    const queue = await createRedisTaskQueue({ url: url!, prefix, log: silentLogger });
    try {
      await assertEachTickOnce(queue);
    } finally {
      await queue.close();
      await deleteKeys(url!, prefix);
    }
  },
});

Deno.test("two scheduler processes on SQLite fire each tick exactly once", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sched_" });
  await runSchedulers({ path: `${dir}/tasks.db` });
  const queue = await createSqliteTaskQueue({ path: `${dir}/tasks.db`, log: silentLogger });
  try {
    await assertEachTickOnce(queue);
  } finally {
    await queue.close();
    await Deno.remove(dir, { recursive: true });
  }
});
