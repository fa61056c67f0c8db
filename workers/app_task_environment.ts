/**
 * The tasks module of the real application, loaded by each task worker thread
 * (workers/task_worker.ts): it builds the same platform the API uses (document store, search,
 * queue, bus, every module's services and tasks) from the configuration the supervisor sent.
 * It lives in workers/ so `deno compile --include workers/` embeds it.
 */
import { buildPlatform } from "../src/cli/build_platform.ts";
import type { Config } from "../src/config/config.ts";
import type { Logger } from "../src/log.ts";
import { MetricsRegistry } from "../src/metrics/registry.ts";
import type { AppModule } from "../src/modules/app_module.ts";
import type { Platform } from "../src/platform.ts";
import type { TaskEnvironment } from "../src/tasks/worker_protocol.ts";

/** A `createTaskEnvironment` whose platform also loads `modules` (as the server did). */
export function taskEnvironmentWith(modules: readonly AppModule[]) {
  return async function createTaskEnvironment(
    config: Config,
    { log }: { log: Logger },
  ): Promise<TaskEnvironment<Platform>> {
    const platform = await buildPlatform(config, {
      log,
      metrics: new MetricsRegistry(),
      modules,
      ensureIndexes: false,
    });
    return {
      queue: platform.queue,
      tasks: platform.tasks,
      services: platform,
      close: () => platform.close(),
    };
  };
}

/** Builds the platform of one worker thread. */
export const createTaskEnvironment = taskEnvironmentWith([]);
