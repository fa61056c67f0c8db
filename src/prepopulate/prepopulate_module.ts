/**
 * The prepopulate module (Superdesk's `apps.prepopulate` in testing mode): with
 * `SUPERDESK_TESTING` on, `POST /api/prepopulate`, `POST /api/restore_record`
 * (`src/storage_dump/`) and the reset gate in front of every other `/api` route; off (the default), nothing, so the route is unknown (404) as in Superdesk.
 * Listed first among the core modules so its gate runs before any other module's routes.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { createResetGate } from "./reset_gate.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const prepopulateApp = defineApp({
  name: "prepopulate",
  register(app: AppContext) {
    if (!app.config.superdeskTesting) return;
    const gate = createResetGate({ log: app.log });
    app.routes(async () => {
      app.log.warn(
        "SUPERDESK_TESTING is on: anyone may POST /api/prepopulate or /api/restore_record, which " +
          "erase all data and create administrators with published passwords; never use it in " +
          "production",
      );
      const { prepopulateRoutes } = await import("./prepopulate_routes.ts");
      const { PREPOPULATE_PATHS } = await import("./prepopulate_openapi.ts");
      return { router: prepopulateRoutes(app.services, gate), paths: PREPOPULATE_PATHS };
    });
  },
});
