/**
 * Moving an item to a desk and stage (Superdesk's `apps/duplication/archive_move.py`): refused
 * within one stage (412) and from states that cannot be submitted (400); the item becomes
 * `submitted`, its desk history grows, a version is written, and `item:move` plus
 * `content:update` (old and new desk and stage) are pushed.
 */
import { ForbiddenError, type Issues, ruleIssue, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { pushContentUpdate, pushItemMove, taskOf } from "./content_events.ts";
import { itemExpiry } from "./item_expiry.ts";
import { assertWritableStage, resolveLocation } from "./item_location.ts";
import { stateAfterMove } from "./item_state.ts";
import { PreconditionFailedError } from "./precondition_failed.ts";

/** Moves item `id` to `body.task`; returns the stored item. */
export async function moveItem(
  archive: ArchiveService,
  id: string,
  { actor, body }: { actor: Actor; body: unknown },
): Promise<Doc> {
  const target = moveTarget(body);
  const { original, stored } = await archive.updateChecked(id, actor, async (item) => {
    if (await archive.lockedByOther(item, actor)) {
      throw new ForbiddenError("The item was locked by another user");
    }
    const state = stateAfterMove(String(item.state));
    const from = taskOf(item);
    if (from.stage && from.stage === target.stage) {
      throw new PreconditionFailedError("Move is not allowed within the same stage.");
    }
    const { desk, stage } = await resolveLocation(archive.registry, target, { actor });
    if (from.stage && from.stage === stage?._id) {
      throw new PreconditionFailedError("Move is not allowed within the same stage.");
    }
    assertWritableStage(stage, actor);
    const task: Doc = { ...(item.task as Doc ?? {}), desk: desk!._id, stage: stage?._id ?? null };
    task.user = actor.userId ?? task.user ?? null;
    if (stage?.task_status) task.status = stage.task_status;
    if (from.desk && from.desk !== desk!._id) {
      task.last_desk = from.desk;
      const history = Array.isArray(task.desk_history) ? task.desk_history as string[] : [];
      task.desk_history = history.includes(from.desk) ? history : [...history, from.desk];
    }
    const now = new Date();
    const expiry = itemExpiry({
      desk,
      stage,
      defaultMinutes: archive.options.contentExpiryMinutes,
      now,
    });
    return {
      task,
      state,
      operation: "move",
      versioncreated: now.toISOString(),
      expiry: expiry?.toISOString() ?? null,
    };
  });
  await pushItemMove(archive.notify, actor.userId, { original, moved: stored });
  await pushContentUpdate(archive.notify, actor.userId, [original, stored]);
  await archive.signals.emit("item:moved", { item: stored, original, user: actor.userId });
  return stored;
}

/**
 * `{task: {desk, stage}}` from the body (an object, or Superdesk's client's one-element list),
 * else a 400 `{task: {desk: {required: 1}, stage: {required: 1}}}` naming what is missing.
 */
function moveTarget(body: unknown): { desk: string; stage: string } {
  const doc = Array.isArray(body) ? body[0] : body;
  const task = doc && typeof doc === "object" ? (doc as Doc).task : undefined;
  if (!task || typeof task !== "object" || Array.isArray(task)) {
    throw new ValidationError({ task: ruleIssue("required") });
  }
  const { desk, stage } = task as Doc;
  const issues: Issues = {};
  for (const [field, value] of [["desk", desk], ["stage", stage]] as const) {
    if (value === undefined || value === null || value === "") {
      issues[field] = ruleIssue("required");
    } else if (typeof value !== "string") issues[field] = "must be of string type";
  }
  if (Object.keys(issues).length > 0) throw new ValidationError({ task: issues });
  return { desk: desk as string, stage: stage as string };
}
