/**
 * The export module (Superdesk's `apps.export`): `POST /api/export` and the `content_export`
 * privilege the web client checks to offer it.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { publishingValidator } from "../publish/media_metadata_check.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const exportApp = defineApp({
  name: "export",
  register(app: AppContext) {
    const { services } = app;
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
        router: exportRoutes(services, { validator, mediaPrefix: app.config.mediaPrefix }),
        paths: EXPORT_PATHS,
      };
    });
    app.link("export", "export");
  },
});
