/**
 * The newsroom module (Superdesk's `apps.desks`, `apps.stages`, `apps.archive`,
 * `apps.workqueue`): registers desks, stages, archive and workqueue, and the item-action routes.
 */
import type { AppModule, ModuleContext } from "../modules/app_module.ts";
import { contentExpirySchedule, contentExpiryTask } from "./content_expiry.ts";
import { releaseSessionLocks } from "./session_locks.ts";
import { archiveResource } from "./archive_resource.ts";
import { ArchiveService } from "./archive_service.ts";
import { desksResource } from "./desks_resource.ts";
import { DesksService } from "./desks_service.ts";
import { NEWSROOM_PATHS } from "./newsroom_openapi.ts";
import { newsroomRoutes } from "./newsroom_routes.ts";
import { DEFAULT_NEWSROOM_OPTIONS, type NewsroomOptions } from "./newsroom_options.ts";
import { stagesResource } from "./stages_resource.ts";
import { StagesService } from "./stages_service.ts";
import { workqueueResource, WorkqueueService } from "./workqueue.ts";

/** Creates the module; `options` override Superdesk's expiry defaults. */
export function createNewsroomModule(options: Partial<NewsroomOptions> = {}): AppModule {
  const settings: NewsroomOptions = { ...DEFAULT_NEWSROOM_OPTIONS, ...options };
  return {
    name: "newsroom",
    register({ registry, services, addRoutes, addTasks, addSchedules }: ModuleContext) {
      registry.register(desksResource, new DesksService(desksResource, services));
      registry.register(stagesResource, new StagesService(stagesResource, services));
      registry.register(archiveResource, new ArchiveService(archiveResource, services, settings));
      registry.register(workqueueResource, new WorkqueueService(workqueueResource, services));
      addRoutes(newsroomRoutes({ registry, limits: services.config }), NEWSROOM_PATHS);
      addTasks(contentExpiryTask);
      addSchedules(contentExpirySchedule);
      services.events.on("session:end", (session) => releaseSessionLocks(registry, session));
    },
  };
}
