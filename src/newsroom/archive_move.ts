/**
 * Moving an item to a desk and stage, or to the mover's personal space (Superdesk's
 * `apps/duplication/archive_move.py`): refused within one stage (412) and from states that
 * cannot be submitted (400); the stages' rules run (`stage_rules.ts`), the item becomes
 * `submitted`, its desk history and the mover's sign-off grow, a version is written, and
 * `item:move` plus `content:update` (old and new desk and stage) are pushed. With
 * `allPackageItems`, a package's members follow it (those not already on the target stage), each
 * checked (exists, not locked by another user, state) before anything moves. Once every item has
 * moved, the stage's onstage rule runs on each (its failure a 400 for a move that stays done).
 */
import {
  ForbiddenError,
  type Issues,
  NotFoundError,
  ruleIssue,
  ValidationError,
} from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { pushContentUpdate, pushItemMove, taskOf } from "./content_events.ts";
import { itemExpiry } from "./item_expiry.ts";
import { assertWritableStage, resolveLocation } from "./item_location.ts";
import { stateAfterMove } from "./item_state.ts";
import { signOff } from "./sign_off.ts";
import { PreconditionFailedError } from "./precondition_failed.ts";
import { applyOnstageRule, stageRuleChanges } from "./stage_rules.ts";
import { itemRefsOf } from "./package_groups.ts";

/**
 * Moves item `id` to `body.task` (or, without `task`, to the mover's personal space); a package
 * moved with `allPackageItems: true` takes the items its groups reference along. Returns the
 * moved item.
 */
export async function moveItem(
  archive: ArchiveService,
  id: string,
  { actor, body }: { actor: Actor; body: unknown },
): Promise<Doc> {
  const target = moveTarget(body);
  const members = withPackageItems(body) ? await membersToMove(archive, id, { actor, target }) : [];
  const moved = await moveOne(archive, id, { actor, target });
  const stored = [moved];
  for (const memberId of members) {
    try {
      stored.push(await moveOne(archive, memberId, { actor, target }));
    } catch (error) {
      // Moved onto the target stage since the checks read it (decided on the move's own read).
      if (!(error instanceof SameStageError)) throw error;
    }
  }
  // Once everything has moved, so that a failing rule leaves no package without its items.
  for (const item of stored) await applyOnstageRule(archive.registry, item, actor);
  return moved;
}

/** A move within the stage the item is on (412); a package's item found there stays. */
class SameStageError extends PreconditionFailedError {
  constructor() {
    super("Move is not allowed within the same stage.");
  }
}

/**
 * The items package `id` references that are to move with it (those not already on the target
 * stage), each checked, before anything moves, in one read: it exists, is not locked by another
 * user, and its state may move (each move checks again). None when `id` is no package.
 */
async function membersToMove(
  archive: ArchiveService,
  id: string,
  { actor, target }: { actor: Actor; target: MoveTarget },
): Promise<string[]> {
  const [pkg] = await archive.storedItems([id]);
  if (!pkg || pkg.type !== "composite") return [];
  const ids = [...new Set(itemRefsOf(pkg).map((ref) => ref.residRef).filter(isId))];
  const found = new Map((await archive.storedItems(ids)).map((item) => [String(item._id), item]));
  const moving: string[] = [];
  for (const memberId of ids) {
    const member = found.get(memberId);
    if (!member) throw new NotFoundError(`Invalid item reference: ${memberId}`);
    if (target !== null && taskOf(member).stage === target.stage) continue;
    if (await archive.lockedByOther(member, actor)) {
      throw new ForbiddenError("The item was locked by another user");
    }
    stateAfterMove(String(member.state));
    moving.push(memberId);
  }
  return moving;
}

function isId(value: unknown): value is string {
  return typeof value === "string";
}

/** Whether the body asks for a package's items to move with it (`allPackageItems`). */
function withPackageItems(body: unknown): boolean {
  const doc = Array.isArray(body) ? body[0] : body;
  return (doc as Doc).allPackageItems === true;
}

/** Moves one item to `target`. */
async function moveOne(
  archive: ArchiveService,
  id: string,
  { actor, target }: { actor: Actor; target: MoveTarget },
): Promise<Doc> {
  const { original, stored } = await archive.updateChecked(id, actor, async (item) => {
    // As Superdesk's: the stage first (a package's item found there stays, locked or not).
    const from = taskOf(item);
    if (from.stage && target && from.stage === target.stage) {
      throw new SameStageError();
    }
    if (await archive.lockedByOther(item, actor)) {
      throw new ForbiddenError("The item was locked by another user");
    }
    const updates = await placementUpdates(archive, item, { actor, target });
    await signOff(archive, updates, { original: item, actor });
    return updates;
  });
  await announceMove(archive, actor, { original, moved: stored });
  return stored;
}

/**
 * Where a move goes: a desk (its incoming stage when no stage is named) and stage, or null for
 * the mover's personal space.
 */
export type MoveTarget = { desk?: string; stage?: string } | null;

/**
 * The updates that put `item` at `target` as a move does (Superdesk's `send_to` and
 * `ArchiveMoveService._move`): the target resolved and checked (`resolveLocation`: membership or
 * the `move` privilege, the incoming stage by default; a stage of another desk than the one named
 * and a read-only stage refuse), 412 for the stage it is on, the stages' rules, the new task (the
 * mover as its user, the stage's status, the desk left in its history), `submitted` state, `move`
 * operation and the new desk's expiry.
 * `edits` are the caller's own changes written with it (a user's PATCH): the rules see them and
 * the task keeps the other task fields they set.
 */
export async function placementUpdates(
  archive: ArchiveService,
  item: Doc,
  { actor, target, edits = {} }: { actor: Actor; target: MoveTarget; edits?: Doc },
): Promise<Doc> {
  const from = taskOf(item);
  const state = stateAfterMove(String(item.state));
  const { desk, stage } = target
    ? await resolveLocation(archive.registry, target, { actor, refuseStageOfOtherDesk: true })
    : { desk: null, stage: null };
  if (from.stage && from.stage === stage?._id) {
    throw new SameStageError();
  }
  assertWritableStage(stage, actor, item);
  const task: Doc = {
    ...(item.task as Doc ?? {}),
    ...(edits.task as Doc ?? {}),
    desk: desk?._id ?? null,
    stage: stage?._id ?? null,
  };
  task.user = actor.userId ?? task.user ?? null;
  if (stage?.task_status) task.status = stage.task_status;
  if (from.desk && from.desk !== desk?._id) {
    await recordDeskChange(archive, task, from.desk, desk);
  }
  const fromStage = from.stage
    ? await archive.registry.service("stages").findOne({ _id: from.stage })
    : null;
  const ruled = await stageRuleChanges(archive.registry, { ...item, ...edits, task: item.task }, {
    from: fromStage,
    to: stage,
    actor,
    task,
  });
  const now = new Date();
  return {
    ...ruled,
    task,
    state,
    operation: "move",
    versioncreated: now.toISOString(),
    expiry: desk
      ? itemExpiry({ desk, stage, defaultMinutes: archive.options.contentExpiryMinutes, now })
        ?.toISOString() ?? null
      : null,
  };
}

/**
 * A move's events once it is stored: `item:move` and `content:update` (both locations) on the
 * socket, then the `item:moved` signal; `updates` are the fields of the user's edit that moved
 * it (a PATCH naming another desk or stage), none for a move request.
 */
export async function announceMove(
  archive: ArchiveService,
  actor: Actor,
  { original, moved, updates }: { original: Doc; moved: Doc; updates?: Doc },
): Promise<void> {
  await pushItemMove(archive.notify, actor.userId, { original, moved });
  await pushContentUpdate(archive.notify, actor.userId, [original, moved]);
  await archive.signals.emit("item:moved", {
    item: moved,
    original,
    user: actor.userId,
    ...(updates ? { updates } : {}),
  });
}

/**
 * Superdesk's `set_change_in_desk_type`: leaving desk `fromId` is remembered in `last_desk` and
 * `desk_history`, and crossing between an authoring and a production desk in
 * `last_authoring_desk` / `last_production_desk` (in place).
 */
async function recordDeskChange(
  archive: ArchiveService,
  task: Doc,
  fromId: string,
  to: Doc | null,
): Promise<void> {
  const from = await archive.registry.service("desks").findOne({ _id: fromId });
  if (from && to && (from.desk_type ?? "") !== (to.desk_type ?? "")) {
    if (to.desk_type === "production") task.last_authoring_desk = fromId;
    else task.last_production_desk = fromId;
  }
  task.last_desk = fromId;
  const history = Array.isArray(task.desk_history) ? task.desk_history as string[] : [];
  task.desk_history = history.includes(fromId) ? history : [...history, fromId];
}

/**
 * `{task: {desk, stage}}` from the body (an object, or Superdesk's client's one-element list);
 * null when the body has no `task` (a move to personal space); else a 400
 * `{task: {desk: {required: 1}, stage: {required: 1}}}` naming what is missing.
 */
function moveTarget(body: unknown): { desk: string; stage: string } | null {
  const doc = Array.isArray(body) ? body[0] : body;
  if (doc === undefined || doc === null || typeof doc !== "object") {
    throw new ValidationError({ _document: "must be of dict type" });
  }
  if (!("task" in doc)) return null;
  const task = (doc as Doc).task;
  if (!task || typeof task !== "object" || Array.isArray(task)) {
    throw new ValidationError({ task: "must be of dict type" });
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
