/**
 * `kill -9` of a worker process with tasks in flight: a second process reclaims the entries
 * whose lease expired, every task completes (though each allows one attempt only: a lost
 * delivery is the worker's failure, not the task's), and each unique key's effect happens once.
 * The first process runs `DONE_BEFORE_CRASH` tasks, then its two workers each hang in one, so
 * the kill always finds two runs in flight: nothing depends on timing.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { createRedisTaskQueue } from "../../src/tasks/redis/redis_task_queue.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import type { CrashConfig } from "./_crash_tasks_module.ts";
import { connectRedis, deleteKeys } from "./_redis_fixture.ts";
import { waitFor } from "./_wait_for.ts";

const url = engineUrl("REDIS_URL");
const TASKS = 40;
const DONE_BEFORE_CRASH = 6;
const WORKERS = 2;

function startWorkerProcess(config: CrashConfig): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", new URL("./_crash_child.ts", import.meta.url).pathname],
    env: { CRASH_CONFIG: JSON.stringify(config) },
    stdout: "null",
    stderr: "null",
  }).spawn();
}

Deno.test({
  name: "after kill -9 of a worker process every task completes and each effect happens once",
  ignore: !url,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const config: CrashConfig = { url: url!, prefix: uniqueName("test_crash"), leaseMs: 1_000 };
    const queue = await createRedisTaskQueue({ ...config, log: silentLogger });
    const redis = await connectRedis(url!);
    const count = async (key: string) =>
      Number(
        await redis.sendCommand([
          key === "effect-set" ? "SCARD" : "GET",
          `${config.prefix}:${key}`,
        ]) ?? 0,
      );
    let second: Deno.ChildProcess | undefined;
    try {
      for (let i = 0; i < TASKS; i++) {
        const args = { key: `k${i}`, ms: 50, index: i };
        await queue.enqueue("effect", args, { uniqueKey: `effect:k${i}` });
      }
      const first = startWorkerProcess({ ...config, hangFrom: DONE_BEFORE_CRASH });
      await waitFor(
        "the first effects, then every worker in a task",
        async () =>
          await count("effect-set") === DONE_BEFORE_CRASH &&
          await count("runs") === DONE_BEFORE_CRASH + WORKERS,
        { timeoutMs: 60_000 },
      );
      first.kill("SIGKILL");
      const status = await first.status;
      assert.equal(status.signal, "SIGKILL");
      const pendingAfterKill = (await queue.stats()).queues.default.pending;
      assert.equal(pendingAfterKill, WORKERS, "tasks were in flight when the process died");

      second = startWorkerProcess(config);
      await waitFor("every task acked", async () => {
        const stats = await queue.stats();
        const { ready, pending, delayed } = stats.queues.default;
        return ready + pending + delayed === 0 && stats.tasks.effect?.done === TASKS;
      }, { timeoutMs: 60_000 });
      second.kill("SIGTERM");
      assert.equal((await second.status).code, 0, "graceful stop on SIGTERM");
      second = undefined;

      assert.equal(await count("effect-set"), TASKS);
      assert.equal(await count("effects"), TASKS, "each effect applied once");
      assert.equal(await count("runs"), TASKS + WORKERS, "the runs in flight ran again");
      assert.equal((await queue.stats()).dead, 0);
    } finally {
      if (second) {
        second.kill("SIGKILL");
        await second.status;
      }
      await redis.close();
      await queue.close();
      await deleteKeys(url!, config.prefix);
    }
  },
});
