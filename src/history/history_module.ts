/**
 * The item history app (Superdesk's `apps/archive_history`): the `archive_history` resource,
 * written as items change. Creations, users' saves, locks, spikes and moves are heard through
 * the newsroom's signals; operations of other modules (fetch, duplicate, publish, resend, marks)
 * through `item:operation` (Superdesk's `app.on_archive_item_updated`); a deleted item's history
 * goes with it. Handlers run in the request that changed the item (signals are awaited), so a
 * client reading the history after its write sees the record.
 */
import { isDeepStrictEqual } from "node:util";
import { type AppContext, defineApp } from "../app_api.ts";
import type { Doc } from "../storage/document_store.ts";
import { archiveHistoryResource } from "./archive_history_resource.ts";
import { ArchiveHistoryService } from "./archive_history_service.ts";
import { versionOf } from "./history_record.ts";

/** Items made by a module that records their creation itself (`item:operation`). */
const RECORDED_BY_SENDER = new Set(["fetch", "duplicate"]);

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const historyApp = defineApp({
  name: "archive_history",
  register(app: AppContext) {
    const history = app.resource(
      archiveHistoryResource,
      new ArchiveHistoryService(archiveHistoryResource, app.services),
    );
    app.on("item:created", async ({ item, user }) => {
      if (RECORDED_BY_SENDER.has(String(item.operation))) return;
      await history.record({ item, operation: "create", user });
    });
    app.on("item:updated", async ({ item, updates, user }) => {
      // A save that moved the item is recorded once, by its `item:moved` (one record a request).
      if (updates.operation === "move") return;
      await history.record({ item, operation: "update", updates, user });
    });
    app.on("item:operation", async ({ item, operation, updates, user }) => {
      // The copy comes before the source's own `duplicate` record, as in Superdesk.
      if (operation === "duplicate" && typeof updates.duplicate_id === "string") {
        await history.copy(String(item._id), updates.duplicate_id, { upTo: versionOf(item) });
      }
      await history.record({ item, operation, updates, user });
    });
    app.on("item:spiked", async ({ item, original, user }) => {
      // The desk and stage it was spiked from (Superdesk's history update of a spike).
      const updates = { ...changes(original, item), task: original.task ?? null };
      await history.record({ item, operation: "spike", updates, user });
    });
    app.on("item:unspiked", async ({ item, original, user }) => {
      await history.record({ item, operation: "unspike", updates: changes(original, item), user });
    });
    app.on("item:moved", async ({ item, updates, user }) => {
      // A move request records the whole item (Superdesk's `_move`); a moving edit what it set,
      // its new desk and stage included (the History tab's "Moved by ... to desk / stage").
      await history.record({ item, operation: "move", updates: updates ?? item, user });
    });
    app.on("item:locked", async ({ item, user }) => {
      await history.recordLock(item, "item_lock", user);
    });
    // A never-saved draft is deleted on unlock, without this signal (Superdesk records nothing).
    app.on("item:unlocked", async ({ item, user }) => {
      await history.recordLock(item, "item_unlock", user);
    });
    app.hooks("archive", {
      async onDeleted(doc) {
        await history.forget(String(doc._id));
      },
    });
  },
});

/** The top-level fields `after` sets that `before` did not have so. */
function changes(before: Doc, after: Doc): Doc {
  const changed: Doc = {};
  for (const [key, value] of Object.entries(after)) {
    if (!isDeepStrictEqual(before[key], value)) changed[key] = value;
  }
  return changed;
}
