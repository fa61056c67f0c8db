/**
 * Registers `GET /api/search` and the indexing background work: the outbox drain (enqueued after each failed index
 * write, and swept every few seconds so nothing depends on one message) and the periodic
 * reconciler that repairs any drift left (e.g. by a write racing a retry).
 */
import { SEARCH_PATHS } from "./search_openapi.ts";
import { searchRoutes } from "../http/search_routes.ts";
import type { AppModule } from "../modules/app_module.ts";
import type { Platform } from "../platform.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import { drainOutbox } from "./outbox_drain.ts";
import { checkDrift, hasDrift } from "./reconcile.ts";
import { searchBackedDefinitions } from "./resource_mapping.ts";
import { OUTBOX_DRAIN_TASK } from "./search_outbox.ts";

/** The reconciler task. */
export const RECONCILE_TASK = "search:reconcile";

/** How often the outbox is swept. */
export const OUTBOX_SWEEP_MS = 5_000;

/** How often the reconciler runs. */
export const RECONCILE_EVERY_MS = 15 * 60_000;

/** The drain task: retries every due outbox entry once. */
export const outboxDrainTask = defineTask<never, Platform>({
  name: OUTBOX_DRAIN_TASK,
  maxAttempts: 2,
  timeoutMs: 120_000,
  async handler(_args, { services }) {
    await drainOutbox(services);
  },
});

/** The reconciler task: checks and repairs every search-backed resource. */
export const reconcileTask = defineTask<never, Platform>({
  name: RECONCILE_TASK,
  maxAttempts: 1,
  timeoutMs: 30 * 60_000,
  async handler(_args, { services, log }) {
    for (const definition of searchBackedDefinitions(services.registry)) {
      const report = await checkDrift(services, definition, { fix: true });
      if (hasDrift(report)) log.warn("search index drift repaired", { ...report });
    }
  },
});

/** The module; one of the core modules (`src/modules/core_modules.ts`). */
export function createIndexingModule(): AppModule {
  return {
    name: "indexing",
    register({ registry, services, addRoutes, addTasks, addSchedules }) {
      addRoutes(
        searchRoutes({ registry, search: services.search, limits: services.config }),
        SEARCH_PATHS,
      );
      addTasks(outboxDrainTask, reconcileTask);
      addSchedules(
        defineSchedule({
          name: "search-outbox-sweep",
          task: OUTBOX_DRAIN_TASK,
          everyMs: OUTBOX_SWEEP_MS,
        }),
        defineSchedule({
          name: "search-reconcile",
          task: RECONCILE_TASK,
          everyMs: RECONCILE_EVERY_MS,
        }),
      );
    },
  };
}
