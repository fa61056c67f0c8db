/**
 * The activity app (Superdesk's `superdesk/activity.py`): the `activity` resource, the
 * notification preferences, and the entries written as the newsroom works (item created,
 * saved as a new version, locked, spiked, unspiked, moved; tasks added or updated on a desk;
 * users created and disabled; roles granted privileges, told to their holders). Mentions in comments are
 * recorded by the comments app.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { activityResource } from "./activity_resource.ts";
import { grants } from "../auth/privileges.ts";
import type { UsersService } from "../auth/users_service.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import {
  recordItemAction,
  recordNewVersion,
  recordRoleGrant,
  recordTaskChange,
  recordUserChange,
} from "./activity_recorder.ts";
import { ActivityService } from "./activity_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const activityApp = defineApp({
  name: "activity",
  register(app: AppContext) {
    const activity = app.resource(
      activityResource,
      new ActivityService(activityResource, app.services),
    );
    app.userPreference("email:notification", { type: "bool", enabled: true, default: true }, {
      label: "Send notifications via email",
      category: "notifications",
    });
    app.userPreference("notifications", { type: "dict", schema: {} });
    app.userPreference("desktop:notification", { type: "bool", enabled: true, default: false }, {
      label: "Allow Desktop Notifications",
      category: "notifications",
    });
    app.on(
      "item:created",
      (signal) => recordItemAction(activity, signal, { name: "create", verb: "added new" }),
    );
    app.on("item:updated", (signal) => recordNewVersion(activity, signal));
    app.on(
      "item:locked",
      (signal) => recordItemAction(activity, signal, { name: "update", verb: "locked" }),
    );
    app.on(
      "item:spiked",
      (signal) => recordItemAction(activity, signal, { name: "update", verb: "spiked" }),
    );
    app.on(
      "item:unspiked",
      (signal) => recordItemAction(activity, signal, { name: "update", verb: "unspiked" }),
    );
    app.on("item:moved", async (signal) => {
      const task = (signal.item.task ?? {}) as { desk?: string };
      const desk = task.desk
        ? await app.services.registry.service("desks").findOne({ _id: task.desk }, SYSTEM_ACTOR)
        : null;
      await recordItemAction(activity, signal, {
        name: "update",
        verb: "moved",
        data: { desk: String(desk?.name ?? "") },
      });
    });
    app.hooks("tasks", {
      async onCreated(docs, actor) {
        for (const doc of docs) {
          await recordTaskChange(activity, doc, { created: true, by: actor.userId });
        }
      },
      async onUpdated(updates, original, actor) {
        const item = { ...original, ...updates };
        await recordTaskChange(activity, item, { created: false, by: actor.userId });
      },
    });
    app.hooks("users", {
      async onCreated(users, actor) {
        for (const user of users) {
          await recordUserChange(activity, user, { verb: "created", by: actor.userId });
        }
      },
    });
    app.on(
      "user:disabled",
      ({ user, by }) => recordUserChange(activity, user, { verb: "disabled", by }),
    );
    const roleChanged = async (changes: Doc, role: Doc, actor: Actor) => {
      if (!("privileges" in changes) || !grants(role.privileges, changes.privileges)) return;
      const users = app.services.registry.service<UsersService>("users");
      const holders = await users.idsWithRole(String(role._id));
      await recordRoleGrant(activity, role, { holders, by: actor.userId });
    };
    app.hooks("roles", { onUpdated: roleChanged, onReplaced: roleChanged });
  },
});
