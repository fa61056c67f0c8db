/**
 * The export module (Superdesk's `apps.export`): `POST /api/export`, the `content_export`
 * privilege the web client checks to offer it, and the expiry of its zips
 * (`EXPORT_EXPIRY_MINUTES`, `export_files.ts`).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { publishingValidator } from "../publish/media_metadata_check.ts";
import { EXPORT_EXPIRY_MINUTES, exportFilesResource } from "./export_files.ts";
import { expireExportFilesSchedule, expireExportFilesTask } from "./export_tasks.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const exportApp = defineApp({
  name: "export",
  register(app: AppContext) {
    const { services } = app;
    const expiryMinutes = exportExpiryMinutes(app.setting("EXPORT_EXPIRY_MINUTES"));
    app.resource(exportFilesResource);
    app.tasks(expireExportFilesTask);
    app.schedules(expireExportFilesSchedule);
    app.privileges({
      name: "content_export",
      label: "Content export",
      description: "Content export",
    });
    app.routes(async () => {
      const [{ exportRoutes }, { EXPORT_PATHS }] = await Promise.all([
        import("./export_routes.ts"),
        import("./export_openapi.ts"),
      ]);
      const validator = publishingValidator(services.registry, {
        media: false,
        itemSchemas: app.config.itemSchemas,
      });
      return {
        router: exportRoutes(services, {
          validator,
          mediaPrefix: app.config.mediaPrefix,
          expiryMinutes,
        }),
        paths: EXPORT_PATHS,
      };
    });
    app.link("export", "export");
  },
});

/** Ten years: a longer lifetime gives no expiry date (past the dates a `Date` holds). */
const MAX_EXPORT_EXPIRY_MINUTES = 10 * 366 * 24 * 60;

/**
 * `EXPORT_EXPIRY_MINUTES`: a whole number of minutes from 1 to ten years; a bad value stops
 * the start.
 */
function exportExpiryMinutes(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return EXPORT_EXPIRY_MINUTES;
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_EXPORT_EXPIRY_MINUTES) {
    throw new Error(
      `EXPORT_EXPIRY_MINUTES must be a whole number of minutes from 1 to ` +
        `${MAX_EXPORT_EXPIRY_MINUTES}, not "${value}"`,
    );
  }
  return minutes;
}
