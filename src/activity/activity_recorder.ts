/**
 * What the activity log records as things happen (Superdesk's `add_activity` calls in
 * `apps/archive`, `apps/tasks.py`, `superdesk/users`): items created, saved (a new version),
 * locked, spiked, unspiked and moved, tasks added or updated on a desk, users created and
 * removed, roles granted privileges. Each entry's message is a template the web client fills
 * from `data`.
 */
import type { ItemSignal } from "../signals/signal_map.ts";
import type { Doc } from "../storage/document_store.ts";
import { itemSubject } from "./activity_entry.ts";
import type { ActivityService } from "./activity_service.ts";

/** Records one item action; `verb` is what happened (`locked`, `spiked` ...). */
export async function recordItemAction(
  activity: ActivityService,
  { item, user }: Readonly<ItemSignal>,
  { name, verb, data = {} }: { name: string; verb: string; data?: Record<string, unknown> },
): Promise<void> {
  const subject = itemSubject(item);
  const about = subject ? ' about "{{ subject }}"' : " with empty header/title";
  await activity.record({
    name,
    message: `${verb} {{ type }} item${about}${"desk" in data ? " to {{ desk }}" : ""}`,
    resource: "archive",
    item,
    data: { type: item.type ?? "text", subject, ...data },
  }, user);
}

/** Records a user's save of an item as its new version. */
export async function recordNewVersion(
  activity: ActivityService,
  { item, user }: Readonly<ItemSignal>,
): Promise<void> {
  await activity.record({
    name: "update",
    message: 'created new version {{ version }} for item {{ type }} about "{{ subject }}"',
    resource: "archive",
    item,
    data: { version: item._current_version, type: item.type ?? "text", subject: itemSubject(item) },
  }, user);
}

/**
 * Records task `item` (as stored) added or updated by user `by` through `/api/tasks`, when it is
 * on a desk (Superdesk's `TasksService.on_created` / `on_updated`).
 */
export async function recordTaskChange(
  activity: ActivityService,
  item: Doc,
  { created, by }: { created: boolean; by?: string },
): Promise<void> {
  if (!(item.task as Doc | undefined)?.desk) return;
  await activity.record({
    name: created ? "create" : "update",
    message: created
      ? "added new task {{ subject }} of type {{ type }}"
      : "updated task {{ subject }} for item {{ type }}",
    resource: "tasks",
    item,
    data: { subject: itemSubject(item), type: item.type ?? "text" },
  }, by);
}

/** Records that a user account was created or disabled by `by` (Superdesk's messages). */
export async function recordUserChange(
  activity: ActivityService,
  user: Doc,
  { verb, by }: { verb: "created" | "disabled"; by?: string },
): Promise<void> {
  await activity.record({
    name: verb === "created" ? "create" : "update",
    message: `${verb} user {{user}}`,
    resource: "users",
    data: { user: String(user.display_name ?? user.username ?? "") },
  }, by);
}

/** Records that `role` was granted new privileges, notifying `holders` (they must log in again). */
export async function recordRoleGrant(
  activity: ActivityService,
  role: Doc,
  { holders, by }: { holders: readonly string[]; by?: string },
): Promise<void> {
  await activity.record({
    name: "update",
    message: "role {{role}} has been granted new privileges: Please re-login.",
    resource: "roles",
    notify: holders,
    data: { role: String(role.name ?? "") },
  }, by);
}
