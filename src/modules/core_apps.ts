/**
 * The core modules, apps like any other (src/app_api.ts), in registration order: this is also
 * the order of the `GET /api` home listing, of hooks on one resource and of signal handlers.
 * `INSTALLED_APPS` register after them, so they can hook core resources and use core privileges.
 */
import type { App } from "../apps/app.ts";
import { authApp } from "../auth/auth_module.ts";
import { authServerApp } from "../auth_server/auth_server_module.ts";
import type { Config } from "../config/config.ts";
import { createContentModule } from "../content/content_module.ts";
import { indexingApp } from "../indexing/indexing_module.ts";
import { createIngestModule } from "../ingest/ingest_module.ts";
import { macrosApp } from "../macros/macros_module.ts";
import { activityApp } from "../activity/activity_module.ts";
import { historyApp } from "../history/history_module.ts";
import { commentsApp } from "../comments/comments_module.ts";
import { preferencesApp } from "../preferences/preferences_module.ts";
import { shellApp } from "../shell/shell_module.ts";
import { createNewsroomModule } from "../newsroom/newsroom_module.ts";
import { tasksApp } from "../newsroom/tasks_module.ts";
import { createPublishModule } from "../publish/publish_module.ts";
import { publishRouted } from "../publish/publish_routed.ts";
import { legalArchiveApp } from "../legal/legal_module.ts";
import { contentApiApp } from "../content_api/content_api_module.ts";
import { mediaApp } from "../media/media_module.ts";
import { contactsApp } from "../contacts/contacts_module.ts";
import { conceptItemsApp } from "../concept_items/concept_items_module.ts";
import { duplicationApp } from "../duplication/duplication_module.ts";
import { exportApp } from "../export/export_module.ts";
import { attachmentsApp } from "../attachments/attachments_module.ts";
import { spellcheckApp } from "../spellcheck/spellcheck_module.ts";
import { prepopulateApp } from "../prepopulate/prepopulate_module.ts";
import { placesApp } from "../places/places_module.ts";
import { usageMetricsApp } from "../usage_metrics/usage_metrics_module.ts";
import { storageDumpApp } from "../storage_dump/storage_dump_module.ts";

/** The core apps for `config`. */
export function coreApps(config: Readonly<Config>): App[] {
  return [
    prepopulateApp,
    authApp,
    authServerApp,
    indexingApp,
    createNewsroomModule({
      contentExpiryMinutes: config.contentExpiryMinutes,
      legalArchive: config.legalArchive,
      publishQueueExpiryMinutes: config.publishQueueExpiryMinutes,
      spikeExpiryMinutes: config.spikeExpiryMinutes,
      publishedContentExpiryMinutes: config.publishedContentExpiryMinutes,
      defaultSource: config.defaultSource,
      manualArticleDefaults: config.manualArticleDefaults,
    }),
    tasksApp,
    createContentModule({
      templatesScheduleMs: config.templatesScheduleMs,
      timeZone: config.defaultTimezone,
      keywordsAddMissingOnPublish: config.keywordsAddMissingOnPublish,
    }),
    createPublishModule(config.publish, config.updates),
    contentApiApp,
    legalArchiveApp,
    createIngestModule({ publish: publishRouted }),
    macrosApp,
    shellApp,
    preferencesApp,
    activityApp,
    historyApp,
    commentsApp,
    mediaApp,
    contactsApp,
    conceptItemsApp,
    duplicationApp,
    exportApp,
    attachmentsApp,
    spellcheckApp,
    placesApp,
    usageMetricsApp,
    storageDumpApp,
  ];
}
