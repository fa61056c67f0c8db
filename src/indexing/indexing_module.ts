/**
 * Registers `GET /api/search`, the `index:check` and `index:rebuild` commands, and the indexing
 * background work: the outbox drain (enqueued after each failed index write, and swept every few
 * seconds so nothing depends on one message) and the periodic reconciler that repairs any drift
 * left (e.g. by a write racing a retry).
 */
import { type AppContext, defineApp, defineSchedule, defineTask } from "../app_api.ts";
import { indexCheckCommand, indexRebuildCommand } from "./index_commands.ts";
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
export const outboxDrainTask = defineTask({
  name: OUTBOX_DRAIN_TASK,
  maxAttempts: 2,
  timeoutMs: 120_000,
  async handler(_args, { services }) {
    await drainOutbox(services, { retryMaxMs: services.config.searchOutboxRetryMaxMs });
  },
});

/** The reconciler task: checks and repairs every search-backed resource. */
export const reconcileTask = defineTask({
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

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const indexingApp = defineApp({
  name: "indexing",
  commands: [indexCheckCommand, indexRebuildCommand],
  register(app: AppContext) {
    const { services } = app;
    app.routes(async () => {
      const [{ searchRoutes }, { SEARCH_PATHS }] = await Promise.all([
        import("../http/search_routes.ts"),
        import("./search_openapi.ts"),
      ]);
      const { registry, search, config } = services;
      return { router: searchRoutes({ registry, search, limits: config }), paths: SEARCH_PATHS };
    });
    app.link("search", "search");
    app.tasks(outboxDrainTask, reconcileTask);
    app.schedules(
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
});
