/**
 * The macros module (Superdesk's `apps.macros`): the `macros` resource and its routes over the
 * registry every app fills with `app.macros(...)`, and Superdesk's stock macros
 * (src/macros/builtin/), which it registers first like any app's.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { builtinMacros } from "./builtin/builtin_macros.ts";
import { parseRate, USD_TO_CAD_RATE } from "./builtin/usd_to_cad.ts";
import { fieldList } from "./builtin/set_default_template_metadata.ts";
import { macrosResource } from "./macros_resource.ts";
import { MacrosService } from "./macros_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const macrosApp = defineApp({
  name: "macros",
  register(app: AppContext) {
    const macros = app.resource(
      macrosResource,
      new MacrosService(macrosResource, app.services, app.registries.macros),
    );
    app.macros(...builtinMacros({
      usdToCadRate: parseRate(app.setting(USD_TO_CAD_RATE)),
      templateMetadata: {
        exclude: fieldList(app.setting("DEFAULT_TEMPLATE_METADATA_MACRO_EXCLUDE")),
        override: fieldList(app.setting("DEFAULT_TEMPLATE_METADATA_MACRO_OVERRIDE")),
      },
    }));
    app.routes(async () => {
      const { macrosRoutes } = await import("./macros_routes.ts");
      return { router: macrosRoutes({ macros, limits: app.config, log: app.services.log }) };
    });
  },
});
