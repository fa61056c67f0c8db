/**
 * Runs the server roles in this process: `api` (Hono on Deno.serve), `ws` (WebSocket upgrades on
 * WS_PORT) and `worker` (the Web Worker supervisor). Refuses to start (exit 1) when a live search
 * index has another mapping than this version expects, naming `index:rebuild`. Logs which
 * engine each seam uses, then
 * waits for SIGINT/SIGTERM and shuts down gracefully: stop accepting and drain requests, stop
 * workers after their current task, close connections.
 */
import type { Config } from "../config/config.ts";
import { drainable } from "../http/drain.ts";
import { registerProcessMetrics } from "../http/ops_routes.ts";
import { mappingMismatches, mismatchMessage } from "../indexing/mapping_check.ts";
import { printLine } from "../log.ts";
import { registerLogMetrics } from "../logship/log_metrics.ts";
import type { ProcessLogger } from "../logship/process_logger.ts";
import type { App } from "../apps/app.ts";
import { MetricsRegistry } from "../metrics/registry.ts";
import { ensureFirstAdmin } from "../auth/ensure_first_admin.ts";
import { registerQueueMetrics } from "../tasks/queue_metrics.ts";
import { enabledSchedules } from "../tasks/enabled_schedules.ts";
import type { Schedule } from "../tasks/schedule.ts";
import { registerIndexingMetrics } from "../indexing/indexing_backlog.ts";
import { releaseStartGarbage } from "../start_garbage.ts";
import { apiAppFor } from "./api_app.ts";
import { buildPlatform } from "./build_platform.ts";
import { startWorkerRole } from "./worker_role.ts";
import { startWsRole } from "./ws_role.ts";
import { onShutdownSignal, runSteps, type ShutdownStep } from "./shutdown.ts";
import { containStrayErrors } from "./stray_errors.ts";

/** Extra apps to register in every role (tests, benchmarks). */
export interface ServeOptions {
  /** Apps registered after the core ones and INSTALLED_APPS by this process. */
  apps?: readonly App[];
  /** The module worker threads build their platform with; it must register the same apps. */
  tasksModule?: URL;
}

/**
 * Serves the configured roles until a shutdown signal (exit code 0), or until a worker thread
 * reports that an app cannot load in it (shut down, exit code 1).
 */
export async function serve(
  config: Readonly<Config>,
  { log, shipper, stats }: ProcessLogger,
  { apps = [], tasksModule }: ServeOptions = {},
): Promise<number> {
  const releaseStrayErrors = containStrayErrors(log);
  const metrics = new MetricsRegistry();
  registerProcessMetrics(metrics);
  registerLogMetrics(metrics, stats);
  const platform = await buildPlatform(config, { log, metrics, apps });
  const statuses = await platform.readiness();
  log.info("storage", {
    engines: config.engines,
    status: statuses.map(({ seam, engine, ok, version, error }) => ({
      seam,
      engine,
      ok,
      version,
      error,
    })),
  });
  for (const status of statuses.filter((s) => !s.ok)) {
    log.warn("engine unreachable at start; /ready reports it", {
      seam: status.seam,
      error: status.error,
    });
  }
  const mismatches = await mappingMismatches(platform.registry, platform.search, { log });
  if (mismatches.length) {
    for (const mismatch of mismatches) {
      log.error("search index mapping is out of date", { resource: mismatch.resource });
      printLine(`superdesk: ${mismatchMessage(mismatch)}`, { stream: "stderr" });
    }
    await platform.close();
    await shipper?.close();
    return 1;
  }
  let schedules: Schedule[];
  try {
    schedules = enabledSchedules(platform.schedules, config.disabledSchedules);
  } catch (error) {
    await platform.close();
    await shipper?.close();
    throw error;
  }
  if (config.redisUrl) {
    const { warnAboutRedisPersistence } = await import("./redis_persistence_warning.ts");
    await warnAboutRedisPersistence(config.redisUrl, log);
  }
  if (config.engines.documents === "sqlite" && config.roles.includes("api") && !config.ldap) {
    // A newcomer's first start: make sure someone can log in (with LDAP, directory users sign
    // in and `users:copyfromad --admin` makes the first administrator).
    await ensureFirstAdmin(platform.registry, { adminPassword: config.adminPassword, log });
  }
  const steps: ShutdownStep[] = [];

  const app = config.roles.includes("api")
    ? apiAppFor(platform, { log: log.child({ role: "api" }), metrics })
    : undefined;
  // Before anything listens, so the collection delays no one's request.
  const garbageMs = releaseStartGarbage();
  if (garbageMs !== undefined) {
    log.debug("start-up garbage released", { ms: Math.round(garbageMs) });
  }

  if (app) {
    const handler = drainable(app.fetch);
    const server = Deno.serve({
      hostname: config.host,
      port: config.port,
      onListen: ({ hostname, port }) => log.info("listening", { role: "api", hostname, port }),
    }, handler.fetch);
    steps.push({
      name: "api",
      run: async (remainingMs) => {
        await handler.drain(remainingMs);
        await server.shutdown();
      },
    });
  }

  if (config.roles.includes("ws")) {
    steps.push(startWsRole(config, platform, { log: log.child({ role: "ws" }), metrics }));
  }

  const fatal = Promise.withResolvers<string>();
  if (config.roles.includes("worker")) {
    steps.push(
      ...startWorkerRole(config, platform, {
        schedules,
        log: log.child({ role: "worker" }),
        metrics,
        logStats: stats.buffer,
        tasksModule,
        onFatal: fatal.resolve,
      }),
    );
  }
  registerQueueMetrics(metrics, platform.queue, { tasks: [...platform.tasks.keys()] });
  registerIndexingMetrics(metrics, platform.documents);

  steps.push({ name: "connections", run: () => platform.close() });
  const deadlineMs = config.shutdownTimeoutMs;
  const code = await Promise.race([
    onShutdownSignal(steps, { log, deadlineMs }).then(() => 0),
    fatal.promise.then(async (message) => {
      log.error("stopping: an app cannot start in the worker threads", { error: message });
      await runSteps(steps, { log, deadlineMs });
      return 1;
    }),
  ]);
  releaseStrayErrors();
  log.info("stopped");
  await shipper?.close();
  return code;
}
