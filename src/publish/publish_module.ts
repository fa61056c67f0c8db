/**
 * The publishing module (Superdesk's `apps.publish`, `superdesk.publish`, `apps.products`,
 * `apps.content_filters`, `apps.validators`): registers subscribers, products, content filters,
 * filter conditions, validators, the publish queue, published and archived copies, the action
 * routes, the enqueue and transmission tasks and their periodic sweeps. Load it after the
 * newsroom module (it builds on `archive`).
 */
import type { PublishSettings } from "../config/config.ts";
import type { AppModule, ModuleContext } from "../modules/app_module.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { contentFiltersResource, filterConditionsResource } from "./content_filters_resource.ts";
import { ContentFiltersService, FilterConditionsService } from "./content_filters_service.ts";
import { enqueueSchedule, enqueueTask } from "./enqueue_task.ts";
import { chainValidators, validatorsResourceValidator } from "./item_validator.ts";
import { productsResource } from "./products_resource.ts";
import { ProductsService } from "./products_service.ts";
import type { PublishContext } from "./publish_action.ts";
import { publishQueueResource } from "./publish_queue_resource.ts";
import { PublishQueueService } from "./publish_queue_service.ts";
import { publishRoutes } from "./publish_routes.ts";
import { archivedResource, publishedResource } from "./published_resource.ts";
import { PublishedService } from "./published_service.ts";
import { subscribersResource } from "./subscribers_resource.ts";
import { SubscribersService } from "./subscribers_service.ts";
import { createTransmitTask, transmitSweepSchedule, transmitSweepTask } from "./transmit_task.ts";
import { createTransmitters } from "./transmitters/transmitters.ts";
import { validatorsResource } from "./validators_resource.ts";
import { PUBLISH_PATHS } from "./publish_openapi.ts";

/** Creates the module with the configuration's publishing settings. */
export function createPublishModule(settings: Readonly<PublishSettings>): AppModule {
  return {
    name: "publish",
    register({ registry, services, addRoutes, addTasks, addSchedules }: ModuleContext) {
      registry.register(subscribersResource, new SubscribersService(subscribersResource, services));
      registry.register(productsResource, new ProductsService(productsResource, services));
      registry.register(
        filterConditionsResource,
        new FilterConditionsService(filterConditionsResource, services),
      );
      registry.register(
        contentFiltersResource,
        new ContentFiltersService(contentFiltersResource, services),
      );
      registry.register(validatorsResource, new ResourceService(validatorsResource, services));
      registry.register(
        publishQueueResource,
        new PublishQueueService(publishQueueResource, services),
      );
      const published = new PublishedService(publishedResource, services);
      registry.register(publishedResource, published);
      registry.register(archivedResource, new ResourceService(archivedResource, services));
      const context: PublishContext = {
        archive: registry.service<ArchiveService>("archive"),
        published,
        validator: chainValidators(validatorsResourceValidator(registry)),
        queue: services.queue,
        documents: services.documents,
      };
      addRoutes(publishRoutes(context, { log: services.log }), PUBLISH_PATHS);
      const transmitters = createTransmitters({
        httpTimeoutMs: settings.httpPushTimeoutMs,
        ftpTimeoutMs: settings.ftpTimeoutMs,
        mail: { ...settings.mail, timeoutMs: settings.httpPushTimeoutMs },
      });
      addTasks(
        enqueueTask,
        createTransmitTask(transmitters, {
          maxAttempts: settings.maxTransmitAttempts,
          backoff: { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs },
        }),
        transmitSweepTask,
      );
      addSchedules(enqueueSchedule(settings.sweepMs), transmitSweepSchedule(settings.sweepMs));
    },
  };
}
