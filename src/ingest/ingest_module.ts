/**
 * The ingest module (Superdesk's `superdesk.io`, `apps.ingest`, `apps.rules`, the fetch and
 * duplicate parts of `apps.duplication`): registers `ingest_providers`, `ingest`,
 * `routing_schemes` and `rule_sets`, the fetch/duplicate/catalogue routes, and the polling,
 * routing and expiry tasks, the privileges they check and the `duplicate` workflow action. `publish` lets publishing take routed items (see `publish_action.ts`).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { createMailSender } from "../mail/mail_sender.ts";
import { ingestProvidersResource } from "./ingest_providers_resource.ts";
import { IngestProvidersService } from "./ingest_providers_service.ts";
import { ingestResource } from "./ingest_resource.ts";
import { IngestService } from "./ingest_service.ts";
import { ingestTasks } from "./ingest_tasks.ts";
import { DUPLICATE_PRIVILEGE, INGEST_PRIVILEGES } from "./privileges.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { ITEM_URL } from "../http/eve_url.ts";
import type { PublishRoutedItem } from "./routing/publish_action.ts";
import { routingSchemesResource } from "./routing/routing_schemes_resource.ts";
import { RoutingSchemesService } from "./routing/routing_schemes_service.ts";
import { ruleSetsResource, RuleSetsService } from "./routing/rule_sets.ts";

/** Creates the app. */
export function createIngestModule({ publish }: { publish?: PublishRoutedItem } = {}) {
  return defineApp({
    name: "ingest",
    register(app: AppContext) {
      const { services } = app;
      const registry = services.registry;
      app.privileges(...INGEST_PRIVILEGES);
      // Superdesk's `duplicate` workflow action (apps/duplication/archive_duplication.py).
      app.workflowActions({
        name: "duplicate",
        exclude_states: ["spiked", "killed", "recalled"],
        privileges: [ARCHIVE_PRIVILEGE, DUPLICATE_PRIVILEGE],
      });
      app.resource(
        ingestProvidersResource,
        new IngestProvidersService(
          ingestProvidersResource,
          services,
          createMailSender(services.config, app.log),
        ),
      );
      app.resource(ingestResource, new IngestService(ingestResource, services));
      app.resource(
        routingSchemesResource,
        new RoutingSchemesService(routingSchemesResource, services),
      );
      app.resource(ruleSetsResource, new RuleSetsService(ruleSetsResource, services));
      // The client finds these routes' URLs by these titles in `GET /api` (Superdesk's names).
      app.link(`ingest/<${ITEM_URL}:id>/fetch`, "fetch");
      app.link(`archive/<${ITEM_URL}:guid>/duplicate`, "duplicate");
      app.link("io_errors", "io_errors");
      app.link("feeding_services_allowed", "feeding_services_allowed");
      app.link("feed_parsers_allowed", "feed_parsers_allowed");
      app.routes(async () => {
        const [{ ingestRoutes }, { INGEST_PATHS }] = await Promise.all([
          import("./ingest_routes.ts"),
          import("./ingest_openapi.ts"),
        ]);
        return {
          router: ingestRoutes({
            registry,
            documents: services.documents,
            allowCopyToPersonal: services.config.allowCopyToPersonal,
          }),
          paths: INGEST_PATHS,
        };
      });
      const { tasks, schedules } = ingestTasks({
        updateEveryMs: services.config.ingestUpdateMs,
        publish,
        macros: app.registries.macros,
      });
      app.tasks(...tasks);
      app.schedules(...schedules);
    },
  });
}
