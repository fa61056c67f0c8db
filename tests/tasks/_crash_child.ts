/**
 * A worker-role process for the crash test: a supervisor with 2 task workers consuming the
 * Redis queue described by the CRASH_CONFIG environment variable (JSON). SIGTERM stops it
 * gracefully; the test also kills it with SIGKILL.
 */
import { createLogger } from "../../src/log.ts";
import { createSupervisor } from "../../src/tasks/supervisor.ts";

const config = JSON.parse(Deno.env.get("CRASH_CONFIG") ?? "{}");
const supervisor = createSupervisor({
  workers: 2,
  workerUrl: new URL("../../workers/task_worker.ts", import.meta.url),
  workerInit: {
    config,
    tasksModule: new URL("./_crash_tasks_module.ts", import.meta.url).href,
    logLevel: "warn",
    blockMs: 200,
  },
  heartbeatMs: 200,
  log: createLogger({ level: "warn" }),
});
supervisor.start();
Deno.addSignalListener("SIGTERM", async () => {
  await supervisor.stop({ deadlineMs: 3_000 });
  Deno.exit(0);
});
