/**
 * The rundowns app (Superdesk's `apps/rundowns`, an `INSTALLED_APPS` entry there as here:
 * `INSTALLED_APPS=src/rundowns/rundowns_app.ts`): shows, their rundown templates (under
 * `/shows/<show>/templates`), rundowns, rundown items and comments on them, their exports, the `rundowns` privilege, and the
 * scheduled creation of rundowns every 15 minutes. `RUNDOWNS_TIMEZONE` (default
 * `DEFAULT_TIMEZONE`) is the zone of airtimes, `RUNDOWNS_SCHEDULE_HOURS` (default 12) how long
 * before its airtime a scheduled rundown is made when its template does not say.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { isTimeZone } from "../content/wall_clock.ts";
import { rundownExportsResource } from "./rundown_exports_resource.ts";
import { RundownExportService } from "./rundown_export_service.ts";
import { purgeRundownExportsSchedule, purgeRundownExportsTask } from "./rundown_exports_task.ts";
import { rundownCommentsResource } from "./rundown_comments_resource.ts";
import { RundownCommentsService } from "./rundown_comments_service.ts";
import { rundownItemsResource } from "./rundown_items_resource.ts";
import { RundownItemsService } from "./rundown_items_service.ts";
import { rundownTemplatesResource } from "./rundown_templates_resource.ts";
import { RundownTemplatesService } from "./rundown_templates_service.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";
import { rundownsResource } from "./rundowns_resource.ts";
import { RundownsService } from "./rundowns_service.ts";
import { scheduledRundownsSchedule, scheduledRundownsTask } from "./scheduled_rundowns.ts";
import { showsResource } from "./shows_resource.ts";
import { ShowsService } from "./shows_service.ts";
import type { ScheduleSettings } from "./template_schedule.ts";

export default defineApp({
  name: "rundowns",
  register(app: AppContext) {
    const settings = scheduleSettings(app);
    app.privileges({
      name: RUNDOWNS_PRIVILEGE,
      label: "Rundowns",
      description: "Rundowns management",
    });
    const services = app.services;
    app.resource(showsResource, new ShowsService(showsResource, services));
    const rundowns = app.resource(
      rundownsResource,
      new RundownsService(rundownsResource, services, settings),
    );
    app.resource(rundownItemsResource, new RundownItemsService(rundownItemsResource, services));
    const templates = app.resource(
      rundownTemplatesResource,
      new RundownTemplatesService(rundownTemplatesResource, services, settings),
    );
    app.resource(
      rundownCommentsResource,
      new RundownCommentsService(rundownCommentsResource, services),
    );
    const exports = app.resource(
      rundownExportsResource,
      new RundownExportService(rundownExportsResource, services),
    );
    const limits = services.config;
    app.routes(async () => {
      const [templatesModule, templatesDoc, searchModule, exportModule, exportDoc] = await Promise
        .all([
          import("./templates_routes.ts"),
          import("./templates_openapi.ts"),
          import("./rundowns_search_route.ts"),
          import("./export_routes.ts"),
          import("./export_openapi.ts"),
        ]);
      const router = templatesModule.templatesRoutes(templates, limits);
      router.route("/", searchModule.rundownsSearchRoute(rundowns, limits));
      router.route("/", exportModule.exportRoutes(exports));
      return { router, paths: { ...templatesDoc.TEMPLATES_PATHS, ...exportDoc.EXPORT_PATHS } };
    });
    app.tasks(scheduledRundownsTask, purgeRundownExportsTask);
    app.schedules(scheduledRundownsSchedule, purgeRundownExportsSchedule);
  },
});

/** `RUNDOWNS_TIMEZONE` and `RUNDOWNS_SCHEDULE_HOURS`; a bad value stops the start. */
function scheduleSettings(app: AppContext): ScheduleSettings {
  const timeZone = app.setting("RUNDOWNS_TIMEZONE")?.trim() || app.config.defaultTimezone;
  if (!isTimeZone(timeZone)) {
    throw new Error(
      `RUNDOWNS_TIMEZONE must be a time zone name such as Europe/Prague, not "${timeZone}"`,
    );
  }
  const hours = app.setting("RUNDOWNS_SCHEDULE_HOURS")?.trim() || "12";
  const scheduleHours = Number(hours);
  if (!(scheduleHours > 0)) {
    throw new Error(`RUNDOWNS_SCHEDULE_HOURS must be a positive number of hours, not "${hours}"`);
  }
  return { timeZone, scheduleHours };
}
