/**
 * The content model app (Superdesk's `superdesk.vocabularies`, `apps.content_types`,
 * `apps.templates`, `apps.archive_autosave`, `apps.saved_searches`, `apps.highlights`,
 * `apps.marked_desks`): registers
 * its privileges, resources, routes, the scheduled-templates task, its hooks on archive items
 * and desks, publishing's check of items against their profile, and (on
 * `KEYWORDS_ADD_MISSING_ON_PUBLISH`) published keywords joining the `keywords` vocabulary. A core app, after the
 * newsroom (`src/modules/core_apps.ts`).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { archiveAutosaveResource } from "./archive_autosave_resource.ts";
import { ArchiveAutosaveService } from "./archive_autosave_service.ts";
import { contentTemplatesApplyResource } from "./content_templates_apply_resource.ts";
import { ContentTemplatesApplyService } from "./content_templates_apply_service.ts";
import { contentTemplatesResource } from "./content_templates_resource.ts";
import { ContentTemplatesService } from "./content_templates_service.ts";
import { contentTypesResource } from "./content_types_resource.ts";
import { ContentTypesService } from "./content_types_service.ts";
import { deskDefaults } from "./desk_defaults.ts";
import { generateHighlightsResource } from "./generate_highlights_resource.ts";
import { GenerateHighlightsService } from "./generate_highlights_service.ts";
import { highlightPackageHooks } from "./highlight_packages.ts";
import { highlightsResource, markedForHighlightsResource } from "./highlights_resource.ts";
import { HighlightsService, MarkedForHighlightsService } from "./highlights_service.ts";
import { MARKED_DESKS_PRIVILEGES, markedForDesksResource } from "./marked_desks_resource.ts";
import { MarkedForDesksService } from "./marked_desks_service.ts";
import { contentItemHooks } from "./item_content_hooks.ts";
import { CONTENT_PRIVILEGES } from "./privileges.ts";
import { allSavedSearchesResource, savedSearchesResource } from "./saved_searches_resource.ts";
import { AllSavedSearchesService, SavedSearchesService } from "./saved_searches_service.ts";
import { createScheduledContentTask, scheduledContentSchedule } from "./scheduled_content.ts";
import { vocabulariesResource } from "./vocabularies_resource.ts";
import { VocabulariesService } from "./vocabularies_service.ts";
import { addMissingKeywords } from "./missing_keywords.ts";

/** Settings of the app. */
export interface ContentModuleOptions {
  /** How often scheduled templates are looked for (ms). */
  templatesScheduleMs: number;
  /** The zone template dates are formatted in by default. */
  timeZone?: string;
  /** The source of manual items, in datelines. */
  source?: string;
  /** `KEYWORDS_ADD_MISSING_ON_PUBLISH` (`missing_keywords.ts`). */
  keywordsAddMissingOnPublish?: boolean;
}

/** Creates the app. */
export function createContentModule(options: ContentModuleOptions) {
  const timeZone = options.timeZone ?? "UTC";
  const source = options.source ?? "";
  return defineApp({
    name: "content",
    register(app: AppContext) {
      const { services } = app;
      const registry = services.registry;
      app.privileges(...CONTENT_PRIVILEGES);
      const vocabularies = app.resource<VocabulariesService>(
        vocabulariesResource,
        new VocabulariesService(vocabulariesResource, services),
      );
      if (options.keywordsAddMissingOnPublish) {
        app.on("item:published", ({ item, user }) => addMissingKeywords(vocabularies, item, user));
      }
      app.resource(contentTypesResource, new ContentTypesService(contentTypesResource, services));
      app.resource(
        contentTemplatesResource,
        new ContentTemplatesService(contentTemplatesResource, services),
      );
      app.resource(
        archiveAutosaveResource,
        new ArchiveAutosaveService(archiveAutosaveResource, services),
      );
      app.resource(
        contentTemplatesApplyResource,
        new ContentTemplatesApplyService(contentTemplatesApplyResource, services, {
          timeZone,
          source,
        }),
      );
      app.resource(
        savedSearchesResource,
        new SavedSearchesService(savedSearchesResource, services),
      );
      app.resource(
        allSavedSearchesResource,
        new AllSavedSearchesService(allSavedSearchesResource, services),
      );
      app.resource(highlightsResource, new HighlightsService(highlightsResource, services));
      app.resource(
        markedForHighlightsResource,
        new MarkedForHighlightsService(markedForHighlightsResource, services),
      );
      app.resource(
        generateHighlightsResource,
        new GenerateHighlightsService(generateHighlightsResource, services, { timeZone }),
      );
      app.privileges(...MARKED_DESKS_PRIVILEGES);
      app.resource(
        markedForDesksResource,
        new MarkedForDesksService(markedForDesksResource, services),
      );
      app.routes(async () => {
        const { contentRoutes } = await import("./content_routes.ts");
        return { router: contentRoutes(registry) };
      });
      app.routes(async () => {
        const [{ savedSearchItemsRoutes }, { SAVED_SEARCH_ITEMS_PATHS }] = await Promise.all([
          import("./saved_search_items_routes.ts"),
          import("./saved_search_items_openapi.ts"),
        ]);
        const { search, config } = services;
        return {
          router: savedSearchItemsRoutes({ registry, search, limits: config }),
          paths: SAVED_SEARCH_ITEMS_PATHS,
        };
      });
      app.link("subjectcodes", "subjectcodes");
      app.tasks(createScheduledContentTask(app.registries.macros));
      app.schedules(scheduledContentSchedule(options.templatesScheduleMs));
      const archiveHooks = registry.service<ArchiveService>("archive").hooks;
      archiveHooks.add(highlightPackageHooks({ registry, timeZone, source }));
      archiveHooks.add(
        contentItemHooks({
          registry,
          log: app.log,
          timeZone,
          source,
          defaultContentType: services.config.defaultContentType,
        }),
      );
      app.hooks("desks", deskDefaults(registry));
    },
  });
}
