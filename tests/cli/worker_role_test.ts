import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { createSqliteTaskQueue } from "../../src/tasks/sqlite/sqlite_task_queue.ts";
import { runBinary, startServer } from "../_server_process.ts";

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

Deno.test({
  name: "DISABLED_SCHEDULES keeps a schedule off the worker role; an unknown name stops the start",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "superdesk_worker_" });
    try {
      const server = await startServer(["--role=worker", "--workers=1"], {
        env: { DATA_DIR: dataDir, DISABLED_SCHEDULES: "content_expiry, ingest_expiry" },
        listening: [],
      });
      const started = await server.waitFor((r) => r.msg === "worker role started");
      assert.equal(await server.stop(), 0);
      const schedules = started.schedules as string[];
      assert.ok(
        schedules.includes("ingest_update") && schedules.includes("sessions:purge-expired"),
      );
      assert.ok(!schedules.includes("content_expiry") && !schedules.includes("ingest_expiry"));
      assert.deepEqual(started.disabledSchedules, ["content_expiry", "ingest_expiry"]);

      const refused = await runBinary(["--role=worker", "--workers=1"], {
        DATA_DIR: dataDir,
        DISABLED_SCHEDULES: "content_expiri",
      });
      assert.equal(refused.code, 2);
      assert.match(
        refused.stderr,
        /DISABLED_SCHEDULES: no schedule named content_expiri;.*content_expiry/,
      );
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
