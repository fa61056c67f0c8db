/**
 * The newsroom module (Superdesk's `apps.desks`, `apps.stages`, `apps.archive`,
 * `apps.workqueue`): registers desks, stages, archive, news and workqueue, the item-action routes,
 * content expiry, the privileges they check, the desk and workqueue preference defaults, and
 * releases a session's locks when it ends and a deleted user's locks and drafts; packages are
 * checked and linked to their items by its item hooks (`package_hooks.ts`).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { contentExpirySchedule, contentExpiryTask } from "./content_expiry.ts";
import { releaseSessionLocks, releaseUserItems } from "./session_locks.ts";
import { archiveResource } from "./archive_resource.ts";
import { ArchiveService } from "./archive_service.ts";
import { desksResource } from "./desks_resource.ts";
import { DesksService } from "./desks_service.ts";
import { DEFAULT_NEWSROOM_OPTIONS, type NewsroomOptions } from "./newsroom_options.ts";
import { NEWSROOM_PRIVILEGES } from "./privileges.ts";
import { NEWSROOM_WORKFLOW_ACTIONS } from "./workflow_actions.ts";
import { packageHooks } from "./package_hooks.ts";
import { ITEM_URL, OBJECT_ID_URL } from "../http/eve_url.ts";
import { stagesResource } from "./stages_resource.ts";
import { StagesService } from "./stages_service.ts";
import { workqueueResource, WorkqueueService } from "./workqueue.ts";
import { NEWS_FILTER, newsResource, NewsService } from "./news_resource.ts";

/** Creates the app; `options` override Superdesk's expiry defaults. */
export function createNewsroomModule(options: Partial<NewsroomOptions> = {}) {
  const settings: NewsroomOptions = { ...DEFAULT_NEWSROOM_OPTIONS, ...options };
  return defineApp({
    name: "newsroom",
    register(app: AppContext) {
      const { services } = app;
      const registry = services.registry;
      app.privileges(...NEWSROOM_PRIVILEGES);
      app.resource(desksResource, new DesksService(desksResource, services));
      app.resource(stagesResource, new StagesService(stagesResource, services));
      const archive = new ArchiveService(archiveResource, services, settings);
      app.resource(archiveResource, archive);
      archive.hooks.add(packageHooks(archive));
      app.resource(workqueueResource, new WorkqueueService(workqueueResource, services));
      app.resource(newsResource, new NewsService(newsResource, services));
      app.routes(async () => {
        const [{ newsroomRoutes }, { NEWSROOM_PATHS }] = await Promise.all([
          import("./newsroom_routes.ts"),
          import("./newsroom_openapi.ts"),
        ]);
        const { search, documents, config } = services;
        return {
          router: newsroomRoutes({
            registry,
            search,
            documents,
            limits: config,
            autocomplete: config.archiveAutocomplete,
            defaultLanguage: config.defaultLanguage,
          }),
          paths: NEWSROOM_PATHS,
        };
      });
      app.routes(async () => {
        const [{ linksRoutes }, { LINKS_PATHS }] = await Promise.all([
          import("./links_routes.ts"),
          import("./links_openapi.ts"),
        ]);
        const { search, config } = services;
        return { router: linksRoutes({ registry, search, limits: config }), paths: LINKS_PATHS };
      });
      app.routes(async () => {
        const { archiveViewRoutes } = await import("./archive_view_routes.ts");
        const { search, config } = services;
        const view = { resource: newsResource, filter: NEWS_FILTER };
        return { router: archiveViewRoutes({ registry, search, limits: config }, view) };
      });
      app.link("links", "links");
      app.link(`archive/<${ITEM_URL}:item_id>/lock`, "archive_lock");
      app.link(`archive/<${ITEM_URL}:item_id>/unlock`, "archive_unlock");
      app.link(`archive/<${ITEM_URL}:guid>/move`, "move");
      app.link("archive/spike", "archive_spike");
      app.link("archive/unspike", "archive_unspike");
      app.link(`users/<${OBJECT_ID_URL}:user_id>/desks`, "user_desks");
      app.link(`users/<${OBJECT_ID_URL}:original_creator>/content`, "user_content");
      app.workflowActions(...NEWSROOM_WORKFLOW_ACTIONS);
      app.tasks(contentExpiryTask);
      app.schedules(contentExpirySchedule);
      app.on("session:end", (session) => releaseSessionLocks(registry, session));
      app.on("user:disabled", ({ user }) => releaseUserItems(registry, String(user._id)));
      app.userPreference("workqueue:items", { items: [] });
      app.userPreference("desks:preferred", { type: "dict", selected: {} }, {
        label: "Preferred Desks",
        category: "desks",
      });
      app.sessionPreference("desk:last_worked", "");
      app.sessionPreference("desk:items", []);
      app.sessionPreference("stage:items", []);
      app.sessionPreference("pinned:items", []);
      app.clientConfig({
        content_expiry_minutes: settings.contentExpiryMinutes,
        archive_autocomplete: services.config.archiveAutocomplete.enabled,
      });
    },
  });
}
