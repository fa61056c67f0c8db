/**
 * The publishing module (Superdesk's `apps.publish`, `superdesk.publish`, `apps.products`,
 * `apps.content_filters`, `apps.validators`): registers subscribers, products, content filters,
 * filter conditions, validators, the publish queue, published and archived copies, the action
 * routes, updates (Superdesk's rewrites, which link archive items and published copies), the
 * enqueue and transmission tasks and their periodic sweeps, the privileges they check, and the
 * archive's schedule, embargo and update-link hooks. Load it after the newsroom module (it
 * builds on `archive`).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import type { PublishSettings } from "../config/config.ts";
import type { RewriteSettings } from "./archive_rewrite.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { contentFiltersResource, filterConditionsResource } from "./content_filters_resource.ts";
import { ContentFiltersService, FilterConditionsService } from "./content_filters_service.ts";
import { enqueueSchedule, enqueueTask } from "./enqueue_task.ts";
import { embargoHooks } from "./item_embargo.ts";
import { itemScheduleHooks } from "./item_schedule.ts";
import { publishingValidator } from "./media_metadata_check.ts";
import { PUBLISH_PRIVILEGES } from "./privileges.ts";
import { pictureMetadataUpdate } from "./picture_metadata_update.ts";
import { productsResource } from "./products_resource.ts";
import { ProductsService } from "./products_service.ts";
import type { PublishContext } from "./publish_action.ts";
import { type CorrectPackage, packageFollowHooks } from "./package_follow.ts";
import { createPackageFollowTask } from "./package_follow_task.ts";
import { publishQueueResource } from "./publish_queue_resource.ts";
import { PublishQueueService } from "./publish_queue_service.ts";
import { PUBLISH_KINDS } from "./publish_workflow.ts";
import { ITEM_URL } from "../http/eve_url.ts";
import { archivedResource, publishedResource } from "./published_resource.ts";
import { ArchivedService } from "./archived_service.ts";
import { registerBroadcast } from "./broadcast/register_broadcast.ts";
import { correctionWorkflowHooks } from "./archive_correction.ts";
import { PublishedService } from "./published_service.ts";
import { rewriteSpikeHooks } from "./rewrite_links.ts";
import { subscribersResource } from "./subscribers_resource.ts";
import { SubscribersService } from "./subscribers_service.ts";
import { createTransmitTask, transmitSweepSchedule, transmitSweepTask } from "./transmit_task.ts";
import { createTransmitters } from "./transmitters/transmitters.ts";
import { validatorsResource } from "./validators_resource.ts";
import { validateForPublishMacro } from "./validate_for_publish_macro.ts";
import {
  INTERNAL_DESTINATIONS_PRIVILEGES,
  internalDestinationsResource,
} from "./internal_destinations_resource.ts";
import {
  internalDestinationsTask,
  requestInternalDestinations,
} from "./internal_destination_task.ts";

/** Creates the app with the configuration's publishing and update settings. */
export function createPublishModule(
  settings: Readonly<PublishSettings>,
  updates: Readonly<RewriteSettings> = { allowMultiple: false, resetPriority: false },
) {
  return defineApp({
    name: "publish",
    register(app: AppContext) {
      const { services } = app;
      const registry = services.registry;
      app.privileges(...PUBLISH_PRIVILEGES);
      app.resource(subscribersResource, new SubscribersService(subscribersResource, services));
      app.resource(productsResource, new ProductsService(productsResource, services));
      app.resource(
        filterConditionsResource,
        new FilterConditionsService(filterConditionsResource, services),
      );
      app.resource(
        contentFiltersResource,
        new ContentFiltersService(contentFiltersResource, services),
      );
      app.resource(validatorsResource);
      app.privileges(...INTERNAL_DESTINATIONS_PRIVILEGES);
      app.resource(internalDestinationsResource);
      app.on("item:published", async ({ item, afterScheduled }) => {
        await requestInternalDestinations(services, item, afterScheduled);
      });
      app.resource(
        publishQueueResource,
        new PublishQueueService(publishQueueResource, services),
      );
      const published = new PublishedService(publishedResource, services);
      app.resource(publishedResource, published);
      app.resource(archivedResource, new ArchivedService(archivedResource, services));
      const archive = registry.service<ArchiveService>("archive");
      archive.hooks.add(itemScheduleHooks(published, {
        archive,
        associated: app.config.publishAssociatedItems,
      }));
      const context: PublishContext = {
        archive: registry.service<ArchiveService>("archive"),
        published,
        validator: publishingValidator(registry, {
          media: app.config.validateMediaMetadataOnPublish,
          itemSchemas: app.config.itemSchemas,
        }),
        queue: services.queue,
        documents: services.documents,
        timeZone: app.config.defaultTimezone,
        hooks: [],
        publishAssociatedItems: app.config.publishAssociatedItems,
        copyMetadataFromParent: app.config.copyMetadataFromParent,
        pictureMetadata: pictureMetadataUpdate(services.media, {
          mapping: app.config.pictureMetadataMapping,
          href: (id) => `${app.config.mediaPrefix}/${id}`,
        }),
      };
      app.macros(validateForPublishMacro(context.validator));
      const correctPackage: CorrectPackage = async (id, options) =>
        // Loaded on first use, as the routes are.
        (await import("./publish_action.ts")).publishItem(context, "correct", id, {
          ...options,
          // The package follows its item whoever holds the package's lock, as Superdesk's.
          inPackage: true,
        });
      context.hooks.push(
        packageFollowHooks(context.archive, correctPackage, {
          log: services.log,
          queue: services.queue,
        }),
      );
      if (app.config.correctionsWorkflow) context.hooks.push(correctionWorkflowHooks(published));
      context.archive.hooks.add(embargoHooks(registry));
      context.archive.hooks.add(rewriteSpikeHooks(context));
      registerBroadcast(app, context);
      app.routes(async () => {
        const [{ publishRoutes }, { PUBLISH_PATHS }] = await Promise.all([
          import("./publish_routes.ts"),
          import("./publish_openapi.ts"),
        ]);
        return { router: publishRoutes(context, { log: services.log }), paths: PUBLISH_PATHS };
      });
      app.routes(async () => {
        const [{ contentFilterRoutes }, { CONTENT_FILTER_PATHS }] = await Promise.all([
          import("./content_filter_routes.ts"),
          import("./content_filter_openapi.ts"),
        ]);
        return {
          router: contentFilterRoutes({ registry, documents: services.documents }),
          paths: CONTENT_FILTER_PATHS,
        };
      });
      app.routes(async () => {
        const [{ rewriteRoutes }, { REWRITE_PATHS }] = await Promise.all([
          import("./rewrite_routes.ts"),
          import("./rewrite_openapi.ts"),
        ]);
        return {
          router: rewriteRoutes({
            ...context,
            settings: updates,
            itemFields: app.registries.itemFields,
          }),
          paths: REWRITE_PATHS,
        };
      });
      for (const kind of PUBLISH_KINDS) app.link(`archive/${kind}`, `archive_${kind}`);
      app.link(`archive/<${ITEM_URL}:original_id>/rewrite`, "archive_rewrite");
      app.link(`archive/<${ITEM_URL}:original_id>/resend`, "archive_resend");
      app.link("archive/correction", "archive_correction");
      app.link("validate", "validate");
      app.link("content_filters/test", "content_filter_tests");
      // No `resource_title` upstream: Eve titles it by its URL, which the client asks for.
      app.link("filter_conditions/parameters", "filter_conditions/parameters");
      app.link("formatters", "formatters");
      app.link("output_formats", "output_formats");
      const transmitters = createTransmitters({
        httpTimeoutMs: settings.httpPushTimeoutMs,
        ftpTimeoutMs: settings.ftpTimeoutMs,
        mail: { ...settings.mail, timeoutMs: settings.httpPushTimeoutMs },
        media: services.media,
        publishedCopy: (itemId, version) =>
          published.newestCopy(itemId, { _current_version: version }),
      });
      app.onClose(transmitters.close);
      app.tasks(
        enqueueTask,
        createTransmitTask(transmitters.byType, {
          maxAttempts: settings.maxTransmitAttempts,
          backoff: { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs },
        }),
        transmitSweepTask,
        internalDestinationsTask,
        createPackageFollowTask(context.archive, correctPackage),
      );
      app.schedules(enqueueSchedule(settings.sweepMs), transmitSweepSchedule(settings.sweepMs));
    },
  });
}
