/**
 * The tasks app (Superdesk's `apps/tasks.py`): the `tasks` resource over the archive and its
 * `tasks` privilege, and its `source=` lists (`archive_view_routes.ts`). Registered after the newsroom,
 * whose archive it writes and searches.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { TASKS_PRIVILEGE, tasksResource } from "./tasks_resource.ts";
import { TasksService } from "./tasks_service.ts";
import type { Filter } from "../storage/document_store.ts";

/** Superdesk's `elastic_filter` of tasks: items with a task, not spiked. */
const TASKS_FILTER: Filter = { task: { $exists: true }, state: { $ne: "spiked" } };

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const tasksApp = defineApp({
  name: "tasks",
  register(app: AppContext) {
    app.privileges({
      name: TASKS_PRIVILEGE,
      label: "Tasks Management",
      description: "Tasks Management",
    });
    app.resource(tasksResource, new TasksService(tasksResource, app.services));
    app.routes(async () => {
      const { archiveViewRoutes } = await import("./archive_view_routes.ts");
      const { registry, search, config } = app.services;
      const deps = { registry, search, limits: config };
      return { router: archiveViewRoutes(deps, { resource: tasksResource, filter: TASKS_FILTER }) };
    });
  },
});
