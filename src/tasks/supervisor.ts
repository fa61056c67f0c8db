/**
 * The worker role's supervisor: spawns N module Web Workers running workers/task_worker.ts and
 * keeps them alive. A worker that errors (its `onerror` is prevented, so the process lives),
 * goes silent (`self.close()` and `Deno.exit()` in a worker raise no event) or hangs (no
 * heartbeat for 3 periods) is terminated and respawned; so is one whose task outlives its
 * timeout plus a grace period after its signal was aborted. Its entry stays pending and is
 * reclaimed when the lease expires. `stop()` lets each worker finish its task, up to a deadline.
 */
import { within } from "../deadline.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { FromWorker, ToWorker, WorkerInit } from "./worker_protocol.ts";
import { openDownlink } from "../notify/memory/thread_link.ts";

/** Options of `createSupervisor`. */
export interface SupervisorOptions {
  workers: number;
  /** The worker entry, e.g. `new URL("../../workers/task_worker.ts", import.meta.url)`. */
  workerUrl: URL;
  workerInit: WorkerInit;
  heartbeatMs: number;
  log: Logger;
  metrics?: MetricsRegistry;
  /** Heartbeats missed before a worker counts as hung (default 3). */
  missedHeartbeats?: number;
  /** Time after a task's timeout before its worker is terminated (default 5 s). */
  taskGraceMs?: number;
  /**
   * Time a new worker may take to load and connect, until it reports ready (default 30 s):
   * loading its modules can hold its thread longer than the heartbeat allowance on a busy
   * machine, which used to get every new worker killed as "silent" over and over.
   */
  startupTimeoutMs?: number;
  /**
   * Called when a worker reports it can never start (an app fails to load in it); that worker
   * is not respawned. The worker role stops the process.
   */
  onFatal?(message: string): void;
}

/** One worker slot as `status()` reports it. */
export interface WorkerStatus {
  index: number;
  state: "starting" | "ready" | "stopping" | "stopped";
  restarts: number;
  consumer?: string;
  task?: { taskId: string; task: string; startedAt: number };
  lastHeartbeatAt?: number;
}

/** A pool of task worker threads. */
export interface Supervisor {
  start(): void;
  /** Asks every worker to finish its task and stop; terminates the rest at the deadline. */
  stop(options?: { deadlineMs?: number }): Promise<void>;
  status(): { workers: WorkerStatus[]; restarts: number };
}

interface Slot extends WorkerStatus {
  worker?: Worker;
  spawnedAt: number;
  timeoutMs?: number;
  failedFast: number;
  respawn?: ReturnType<typeof setTimeout>;
  stopped?: PromiseWithResolvers<void>;
  releaseLink?: () => void;
}

/** Creates the pool; nothing is spawned until `start()`. */
export function createSupervisor(options: SupervisorOptions): Supervisor {
  const { workers, workerUrl, workerInit, heartbeatMs, log, metrics } = options;
  const { missedHeartbeats = 3, taskGraceMs = 5_000, startupTimeoutMs = 30_000 } = options;
  const slots: Slot[] = Array.from({ length: workers }, (_, index) => ({
    index,
    state: "stopped",
    restarts: 0,
    spawnedAt: 0,
    failedFast: 0,
  }));
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let stopping = false;
  const restartCounter = metrics?.counter(
    "superdesk_task_worker_restarts_total",
    "Task worker threads respawned after a crash, a silence or a timeout",
  );
  restartCounter?.inc(undefined, 0);
  metrics?.gauge("superdesk_task_workers_ready", "Task worker threads ready", (gauge) => {
    gauge.set(slots.filter((slot) => slot.state === "ready").length);
  });

  function spawn(slot: Slot) {
    const worker = new Worker(workerUrl.href, { type: "module" });
    Object.assign(slot, {
      worker,
      state: "starting",
      spawnedAt: Date.now(),
      lastHeartbeatAt: undefined,
      task: undefined,
      consumer: undefined,
    });
    worker.onerror = (event) => {
      event.preventDefault();
      if (slot.worker !== worker) return;
      log.error("task worker crashed", { index: slot.index, error: event.message });
      replace(slot, "crashed");
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (slot.worker === worker) receive(slot, event.data);
    };
    const link = openDownlink();
    slot.releaseLink = link.release;
    const init: ToWorker = {
      type: "init",
      init: workerInit,
      index: slot.index,
      heartbeatMs,
      uplink: link.port,
    };
    worker.postMessage(init, [link.port]);
  }

  function receive(slot: Slot, message: FromWorker) {
    slot.lastHeartbeatAt = Date.now();
    switch (message.type) {
      case "ready":
        slot.state = stopping ? slot.state : "ready";
        slot.consumer = message.consumer;
        slot.failedFast = 0;
        break;
      case "task-start":
        slot.task = { taskId: message.taskId, task: message.task, startedAt: Date.now() };
        slot.timeoutMs = message.timeoutMs;
        break;
      case "task-end":
        slot.task = undefined;
        break;
      case "stopped":
        finish(slot);
        break;
      case "fatal":
        log.error("task worker cannot start", { index: slot.index, error: message.message });
        finish(slot);
        options.onFatal?.(message.message);
        break;
    }
  }

  function finish(slot: Slot) {
    slot.worker?.terminate();
    slot.releaseLink?.();
    slot.worker = undefined;
    slot.state = "stopped";
    slot.task = undefined;
    slot.stopped?.resolve();
  }

  function replace(slot: Slot, reason: string) {
    const wasReady = slot.state === "ready";
    finish(slot);
    if (stopping) return;
    slot.restarts += 1;
    restartCounter?.inc({ reason });
    slot.failedFast = wasReady ? 0 : slot.failedFast + 1;
    const delay = slot.failedFast === 0 ? 0 : Math.min(30_000, 100 * 2 ** slot.failedFast);
    log.warn("respawning task worker", { index: slot.index, reason, delayMs: delay });
    slot.respawn = setTimeout(() => {
      slot.respawn = undefined;
      if (!stopping) spawn(slot);
    }, delay);
  }

  function inspect() {
    const now = Date.now();
    for (const slot of slots) {
      if (!slot.worker || slot.state === "stopping") continue;
      const silentFor = now - (slot.lastHeartbeatAt ?? slot.spawnedAt);
      const limit = slot.state === "ready" ? heartbeatMs * missedHeartbeats : startupTimeoutMs;
      if (silentFor > limit) {
        log.error("task worker went silent", { index: slot.index, silentMs: silentFor });
        replace(slot, "silent");
      } else if (slot.task && now - slot.task.startedAt > (slot.timeoutMs ?? 0) + taskGraceMs) {
        log.error("task outlived its timeout; terminating its worker", {
          index: slot.index,
          ...slot.task,
        });
        replace(slot, "timeout");
      }
    }
  }

  return {
    start() {
      if (watchdog) return;
      stopping = false;
      slots.forEach(spawn);
      watchdog = setInterval(inspect, heartbeatMs);
    },

    async stop({ deadlineMs = 30_000 } = {}) {
      stopping = true;
      const waits: Promise<void>[] = [];
      for (const slot of slots) {
        clearTimeout(slot.respawn);
        if (!slot.worker) continue;
        slot.state = "stopping";
        slot.stopped = Promise.withResolvers<void>();
        waits.push(slot.stopped.promise);
        slot.worker.postMessage({ type: "stop" } satisfies ToWorker);
      }
      await within(Promise.all(waits), deadlineMs);
      clearInterval(watchdog);
      watchdog = undefined;
      for (const slot of slots) {
        if (slot.worker) log.warn("terminating task worker at the deadline", { index: slot.index });
        finish(slot);
      }
    },

    status() {
      const list = slots.map(({ index, state, restarts, consumer, task, lastHeartbeatAt }) => ({
        index,
        state,
        restarts,
        consumer,
        task: task && { ...task },
        lastHeartbeatAt,
      }));
      return { workers: list, restarts: list.reduce((sum, slot) => sum + slot.restarts, 0) };
    },
  };
}
