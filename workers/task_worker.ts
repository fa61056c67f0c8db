/**
 * The task worker thread (a module Web Worker spawned by src/tasks/supervisor.ts). It sets
 * `onmessage` before anything else, heartbeats to its parent, builds its queue, tasks and
 * services from the injected tasks module, and runs one consumer loop until told to stop.
 */
import { createProcessLogger, type ProcessLogger } from "../src/logship/process_logger.ts";
import { releaseStartGarbage } from "../src/start_garbage.ts";
import { useUplink } from "../src/notify/memory/thread_link.ts";
import { createTaskRunner, type TaskRunner } from "../src/tasks/task_runner.ts";
import type {
  CreateTaskEnvironment,
  FromWorker,
  TaskEnvironment,
  ToWorker,
} from "../src/tasks/worker_protocol.ts";

/** The worker-side globals this module uses. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
  close(): void;
}

const scope = self as unknown as WorkerScope;
let heartbeat: ReturnType<typeof setInterval> | undefined;
let environment: TaskEnvironment | undefined;
let runner: TaskRunner | undefined;
let logging: ProcessLogger | undefined;
let stopping = false;

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") void start(message);
  else if (message.type === "stop") void stop();
};

async function start({ init, index, heartbeatMs, uplink }: Extract<ToWorker, { type: "init" }>) {
  if (uplink) useUplink(uplink);
  scope.postMessage({ type: "heartbeat" });
  heartbeat = setInterval(() => scope.postMessage({ type: "heartbeat" }), heartbeatMs);
  logging = createProcessLogger({
    level: init.logLevel ?? "info",
    fields: { role: "worker", index },
    logServer: init.logServer,
    statsBuffer: init.logStats,
  });
  const log = logging.log;
  try {
    const module = await import(init.tasksModule) as {
      createTaskEnvironment: CreateTaskEnvironment;
    };
    environment = await module.createTaskEnvironment(init.config, { log });
  } catch (error) {
    log.error("task worker could not start", { error });
    // An app that cannot load or register will not do better on a respawn: tell the supervisor.
    if (error instanceof Error && error.name === "AppLoadError") {
      scope.postMessage({ type: "fatal", message: error.message });
      return;
    }
    throw error;
  }
  if (stopping) return;
  const startGarbageMs = releaseStartGarbage();
  const consumer = `${hostname()}:${Deno.pid}:${index}:${crypto.randomUUID().slice(0, 8)}`;
  runner = createTaskRunner({
    ...environment,
    consumer,
    log,
    queues: init.queues,
    blockMs: init.blockMs,
    onTaskStart: (task) => scope.postMessage({ type: "task-start", ...task }),
    onTaskEnd: ({ taskId }) => scope.postMessage({ type: "task-end", taskId }),
  });
  scope.postMessage({ type: "ready", consumer });
  log.info("task worker ready", {
    consumer,
    ...(startGarbageMs !== undefined && { startGarbageMs: Math.round(startGarbageMs) }),
  });
  await runner.run();
}

async function stop() {
  stopping = true;
  await runner?.stop();
  await environment?.close();
  await logging?.shipper?.close({ deadlineMs: 1000 });
  clearInterval(heartbeat);
  scope.postMessage({ type: "stopped" });
  scope.close();
}

function hostname(): string {
  try {
    return Deno.hostname();
  } catch {
    return "localhost";
  }
}
