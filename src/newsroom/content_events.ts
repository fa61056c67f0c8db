/**
 * The content events Superdesk pushes on the socket (`apps/content/__init__.py`):
 * `content:update {user, items, desks, stages}` naming every desk and stage an action touched,
 * and `item:move {user, item, item_version, from_desk, from_stage, to_desk, to_stage}`.
 */
import type { Notify } from "../resources/notifier.ts";
import type { Doc } from "../storage/document_store.ts";

/** Publishes `content:update` for `items` (e.g. the item before and after a change). */
export async function pushContentUpdate(
  notify: Notify,
  userId: string | undefined,
  items: Doc[],
): Promise<void> {
  const ids: Record<string, 1> = {};
  const desks: Record<string, 1> = {};
  const stages: Record<string, 1> = {};
  for (const item of items) {
    ids[String(item._id)] = 1;
    const task = taskOf(item);
    if (task.desk) desks[String(task.desk)] = 1;
    if (task.stage) stages[String(task.stage)] = 1;
  }
  await notify("content:update", { user: userId ?? "", items: ids, desks, stages });
}

/** Publishes `item:move` from `original`'s location to `moved`'s. */
export async function pushItemMove(
  notify: Notify,
  userId: string | undefined,
  { original, moved }: { original: Doc; moved: Doc },
): Promise<void> {
  const from = taskOf(original);
  const to = taskOf(moved);
  await notify("item:move", {
    user: userId ?? "",
    item: String(original._id),
    item_version: String(original._current_version),
    from_desk: from.desk ?? null,
    from_stage: from.stage ?? null,
    to_desk: to.desk ?? null,
    to_stage: to.stage ?? null,
  });
}

/** The item's `task` (desk, stage, user), empty when it has none. */
export function taskOf(item: Doc): { desk?: string; stage?: string; user?: string } {
  const task = item.task;
  if (!task || typeof task !== "object") return {};
  const { desk, stage, user } = task as Record<string, unknown>;
  return {
    desk: typeof desk === "string" ? desk : undefined,
    stage: typeof stage === "string" ? stage : undefined,
    user: typeof user === "string" ? user : undefined,
  };
}
