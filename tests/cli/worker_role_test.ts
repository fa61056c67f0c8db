import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { startServer } from "../_server_process.ts";

Deno.test({
  name: "the worker role runs a task enqueued by another process with the app's services",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "superdesk_worker_" });
    const server = await startServer(["--role=worker", "--workers=1"], {
      env: { DATA_DIR: dataDir, LOG_LEVEL: "debug" },
      listening: [],
    });
    const queue = await createSqliteTaskQueue({ path: `${dataDir}/queue.db`, log: silentLogger });
    try {
      await server.waitFor((r) => r.msg === "task worker ready");
      const id = await queue.enqueue({ name: "sessions:purge-expired", queue: "expiry" }, {});
      const done = await server.waitFor((r) => r.msg === "task done" && r.taskId === id);
      assert.equal(done.task, "sessions:purge-expired");
      assert.equal(done.role, "worker");
    } finally {
      await queue.close();
      assert.equal(await server.stop(), 0);
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
