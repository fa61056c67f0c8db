/**
 * The legal archive (Superdesk's `apps.legal_archive`), on with `LEGAL_ARCHIVE`: its read-only
 * resources and privilege, the import of every published item after each publishing action
 * (on the `item:published` signal, as a retried task) and the periodic imports. Content expiry
 * then waits for an item to be in the legal archive (`expire_items.ts`). Off, nothing is
 * registered, as in Superdesk.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { LegalArchiveService } from "./legal_archive_service.ts";
import {
  LEGAL_ARCHIVE_PRIVILEGES,
  legalArchiveHistoryResource,
  legalArchiveResource,
  legalArchiveVersionsResource,
  legalPublishQueueResource,
} from "./legal_resources.ts";
import {
  LEGAL_IMPORT_ITEM_TASK,
  legalArchiveSchedule,
  legalArchiveTask,
  legalImportItemTask,
  legalQueueSchedule,
  legalQueueTask,
} from "./legal_tasks.ts";

/** The legal archive app. */
export const legalArchiveApp = defineApp({
  name: "legal_archive",
  register(app: AppContext) {
    if (!app.config.legalArchive) return;
    const { services } = app;
    app.privileges(...LEGAL_ARCHIVE_PRIVILEGES);
    app.resource(legalArchiveResource, new LegalArchiveService(legalArchiveResource, services));
    app.resource(legalArchiveVersionsResource);
    app.resource(legalArchiveHistoryResource);
    app.resource(legalPublishQueueResource);
    app.tasks(legalImportItemTask, legalQueueTask, legalArchiveTask);
    app.schedules(legalQueueSchedule, legalArchiveSchedule);
    app.on("item:published", async ({ item }) => {
      // A scheduled item goes in when its time comes (Superdesk's `_import_into_legal_archive`).
      if (item.state === "scheduled") return;
      await services.queue.enqueue(LEGAL_IMPORT_ITEM_TASK, { item_id: String(item._id) });
    });
  },
});
