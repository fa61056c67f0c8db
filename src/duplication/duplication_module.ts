/**
 * The duplication module (the copy and translate parts of Superdesk's `apps.duplication`, and
 * `apps.archive.related`): the copy, translate and related-items routes, the `translate`
 * privilege and workflow action, and the hooks that unlink a deleted or spiked translation from its source.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { DUPLICATION_PRIVILEGES, TRANSLATE_PRIVILEGE } from "./privileges.ts";
import { removeTranslation, unlinkSpikedTranslation } from "./translation_links.ts";
import { ITEM_URL } from "../http/eve_url.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const duplicationApp = defineApp({
  name: "duplication",
  register(app: AppContext) {
    const { services } = app;
    app.privileges(...DUPLICATION_PRIVILEGES);
    app.workflowActions({
      name: "translate",
      exclude_states: ["spiked", "killed", "recalled"],
      privileges: [ARCHIVE_PRIVILEGE, TRANSLATE_PRIVILEGE],
    }, {
      name: "copy",
      // Superdesk's: without copies to personal space, only drafts may be copied.
      ...(services.config.allowCopyToPersonal
        ? { exclude_states: ["spiked", "killed", "recalled"] }
        : { include_states: ["draft"] }),
      privileges: [ARCHIVE_PRIVILEGE],
    });
    app.hooks("archive", { onDeleted: (doc) => removeTranslation(services, doc) });
    app.on("item:spiked", ({ original }) => unlinkSpikedTranslation(services, original));
    app.routes(async () => {
      const [{ duplicationRoutes }, { DUPLICATION_PATHS }] = await Promise.all([
        import("./duplication_routes.ts"),
        import("./duplication_openapi.ts"),
      ]);
      return {
        router: duplicationRoutes({ services, macros: app.registries.macros }),
        paths: DUPLICATION_PATHS,
      };
    });
    app.link("archive/translate", "translate");
    app.link(`archive/<${ITEM_URL}:guid>/copy`, "copy");
    app.link(`archive/<${ITEM_URL}:item_id>/related`, "archive_related");
  },
});
