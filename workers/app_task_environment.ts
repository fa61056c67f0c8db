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
import type { Platform } from "../src/platform.ts";
import type { TaskEnvironment } from "../src/tasks/worker_protocol.ts";

/** Builds the platform of one worker thread. */
export async function createTaskEnvironment(
  config: Config,
  { log }: { log: Logger },
): Promise<TaskEnvironment<Platform>> {
  const platform = await buildPlatform(config, {
    log,
    metrics: new MetricsRegistry(),
    ensureIndexes: false,
  });
  return {
    queue: platform.queue,
    tasks: platform.tasks,
    services: platform,
    close: () => platform.close(),
  };
}
