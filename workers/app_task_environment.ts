/**
 * The tasks module of the real application, loaded by each task worker thread
 * (workers/task_worker.ts): it builds the same platform the API uses (document store, search,
 * queue, bus, every app's services and tasks: the core modules and INSTALLED_APPS) from the
 * configuration the supervisor sent; without routes, which a worker thread never serves. It
 * lives in workers/ so `deno compile --include workers/` embeds it.
 */
import type { App } from "../src/apps/app.ts";
import { buildPlatform } from "../src/cli/build_platform.ts";
import type { Config } from "../src/config/config.ts";
import type { Logger } from "../src/log.ts";
import { MetricsRegistry } from "../src/metrics/registry.ts";
import type { ServiceContext } from "../src/resources/service_context.ts";
import type { TaskEnvironment } from "../src/tasks/worker_protocol.ts";

/** A `createTaskEnvironment` whose platform also registers `apps` (as the server did). */
export function taskEnvironmentWith(apps: readonly App[]) {
  return async function createTaskEnvironment(
    config: Config,
    { log }: { log: Logger },
  ): Promise<TaskEnvironment<ServiceContext>> {
    const platform = await buildPlatform(config, {
      log,
      metrics: new MetricsRegistry(),
      apps,
      ensureIndexes: false,
      replay: false,
      routes: false,
      checkpoints: "deferred",
    });
    return {
      queue: platform.queue,
      tasks: platform.tasks,
      services: platform.services,
      close: () => platform.close(),
    };
  };
}

/** Builds the platform of one worker thread. */
export const createTaskEnvironment = taskEnvironmentWith([]);
