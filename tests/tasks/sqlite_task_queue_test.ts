/** Runs the task-queue contract on the SQLite implementation (a temporary database file). */
import { silentLogger } from "../../src/log.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import type { TaskQueue } from "../../src/tasks/task_queue.ts";
import { taskQueueContract } from "../contracts/task_queue_contract.ts";

taskQueueContract("sqlite task queue", async ({ leaseMs }) => {
  const dir = await Deno.makeTempDir({ prefix: "tasks_" });
  const opened: TaskQueue[] = [];
  return {
    async open() {
      const queue = await createSqliteTaskQueue({
        path: `${dir}/tasks.db`,
        log: silentLogger,
        leaseMs,
        pollMs: 20,
      });
      opened.push(queue);
      return queue;
    },
    async cleanup() {
      for (const queue of opened) await queue.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});
