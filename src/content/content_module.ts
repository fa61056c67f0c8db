/**
 * The content model module (Superdesk's `superdesk.vocabularies`, `apps.content_types`,
 * `apps.templates`, `apps.archive_autosave`, `apps.saved_searches`, `apps.highlights`):
 * registers its resources, routes, the scheduled-templates task, and its hooks on archive
 * items and desks. Load it after the newsroom module.
 */
import type { AppModule, ModuleContext } from "../modules/app_module.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { DesksService } from "../newsroom/desks_service.ts";
import { archiveAutosaveResource } from "./archive_autosave_resource.ts";
import { ArchiveAutosaveService } from "./archive_autosave_service.ts";
import { contentRoutes } from "./content_routes.ts";
import { contentTemplatesApplyResource } from "./content_templates_apply_resource.ts";
import { ContentTemplatesApplyService } from "./content_templates_apply_service.ts";
import { contentTemplatesResource } from "./content_templates_resource.ts";
import { ContentTemplatesService } from "./content_templates_service.ts";
import { contentTypesResource } from "./content_types_resource.ts";
import { ContentTypesService } from "./content_types_service.ts";
import { deskDefaults } from "./desk_defaults.ts";
import { highlightsResource, markedForHighlightsResource } from "./highlights_resource.ts";
import { HighlightsService, MarkedForHighlightsService } from "./highlights_service.ts";
import { contentItemHooks } from "./item_content_hooks.ts";
import { allSavedSearchesResource, savedSearchesResource } from "./saved_searches_resource.ts";
import { AllSavedSearchesService, SavedSearchesService } from "./saved_searches_service.ts";
import { scheduledContentSchedule, scheduledContentTask } from "./scheduled_content.ts";
import { vocabulariesResource } from "./vocabularies_resource.ts";
import { VocabulariesService } from "./vocabularies_service.ts";

/** Settings of the module. */
export interface ContentModuleOptions {
  /** How often scheduled templates are looked for (ms). */
  templatesScheduleMs: number;
  /** The zone template dates are formatted in by default. */
  timeZone?: string;
  /** The source of manual items, in datelines. */
  source?: string;
}

/** Creates the module. */
export function createContentModule(options: ContentModuleOptions): AppModule {
  const timeZone = options.timeZone ?? "UTC";
  const source = options.source ?? "";
  return {
    name: "content",
    register({ registry, services, addRoutes, addTasks, addSchedules }: ModuleContext) {
      const ctx = services;
      registry.register(vocabulariesResource, new VocabulariesService(vocabulariesResource, ctx));
      registry.register(contentTypesResource, new ContentTypesService(contentTypesResource, ctx));
      registry.register(
        contentTemplatesResource,
        new ContentTemplatesService(contentTemplatesResource, ctx),
      );
      registry.register(
        archiveAutosaveResource,
        new ArchiveAutosaveService(archiveAutosaveResource, ctx),
      );
      registry.register(
        contentTemplatesApplyResource,
        new ContentTemplatesApplyService(contentTemplatesApplyResource, ctx, { timeZone, source }),
      );
      registry.register(
        savedSearchesResource,
        new SavedSearchesService(savedSearchesResource, ctx),
      );
      registry.register(
        allSavedSearchesResource,
        new AllSavedSearchesService(allSavedSearchesResource, ctx),
      );
      registry.register(highlightsResource, new HighlightsService(highlightsResource, ctx));
      registry.register(
        markedForHighlightsResource,
        new MarkedForHighlightsService(markedForHighlightsResource, ctx),
      );
      addRoutes(contentRoutes(registry));
      addTasks(scheduledContentTask);
      addSchedules(scheduledContentSchedule(options.templatesScheduleMs));
      registry.service<ArchiveService>("archive").hooks.add(
        contentItemHooks({ registry, log: services.log, timeZone, source }),
      );
      registry.service<DesksService>("desks").addHooks(deskDefaults(registry));
    },
  };
}
