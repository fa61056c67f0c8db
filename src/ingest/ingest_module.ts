/**
 * The ingest module (Superdesk's `superdesk.io`, `apps.ingest`, `apps.rules`, the fetch and
 * duplicate parts of `apps.duplication`): registers `ingest_providers`, `ingest`,
 * `routing_schemes` and `rule_sets`, the fetch/duplicate/catalogue routes, and the polling,
 * routing and expiry tasks. `publish` lets publishing take routed items (see `publish_action.ts`).
 */
import type { AppModule } from "../modules/app_module.ts";
import { ingestProvidersResource } from "./ingest_providers_resource.ts";
import { IngestProvidersService } from "./ingest_providers_service.ts";
import { ingestResource } from "./ingest_resource.ts";
import { ingestRoutes } from "./ingest_routes.ts";
import { IngestService } from "./ingest_service.ts";
import { ingestTasks } from "./ingest_tasks.ts";
import type { PublishRoutedItem } from "./routing/publish_action.ts";
import { routingSchemesResource } from "./routing/routing_schemes_resource.ts";
import { RoutingSchemesService } from "./routing/routing_schemes_service.ts";
import { ruleSetsResource, RuleSetsService } from "./routing/rule_sets.ts";
import { INGEST_PATHS } from "./ingest_openapi.ts";

/** Creates the module. */
export function createIngestModule({ publish }: { publish?: PublishRoutedItem } = {}): AppModule {
  return {
    name: "ingest",
    register({ registry, services, addRoutes, addTasks, addSchedules }) {
      registry.register(
        ingestProvidersResource,
        new IngestProvidersService(ingestProvidersResource, services),
      );
      registry.register(ingestResource, new IngestService(ingestResource, services));
      registry.register(
        routingSchemesResource,
        new RoutingSchemesService(routingSchemesResource, services),
      );
      registry.register(ruleSetsResource, new RuleSetsService(ruleSetsResource, services));
      addRoutes(ingestRoutes({ registry, documents: services.documents }), INGEST_PATHS);
      const { tasks, schedules } = ingestTasks({
        updateEveryMs: services.config.ingestUpdateMs,
        publish,
      });
      addTasks(...tasks);
      addSchedules(...schedules);
    },
  };
}
