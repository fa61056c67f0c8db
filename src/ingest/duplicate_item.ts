/**
 * Duplicating an archive item (Superdesk's `DuplicateService`, `apps/duplication/
 * archive_duplication.py`): a new item (new guid and event id, its source's `family_id`,
 * `original_id` naming the source, `operation: duplicate`, fresh creation dates, no schedule or
 * embargo) on the given desk, on its working stage unless a stage is named, `submitted`, owned by
 * the caller, at the version after its source's with the source's versions and history
 * (`item:operation` duplicate and duplicated_from), a package with its items (`duplicate_package.ts`); refused for spiked,
 * killed and recalled items (412, Superdesk's "Workflow transition is invalid.") and items locked
 * by someone else (403). `desk: null` with a stage duplicates to the stage's desk (Superdesk's
 * `send_to`); without one, to the caller's personal space (Superdesk's
 * nullable `desk`, allowed by `WORKFLOW_ALLOW_COPY_TO_PERSONAL`, else 403): the copy is
 * `in_progress` there, with its source's versions, and its history and event name that place, as
 * Superdesk's `send_to` without a desk leaves them; a package is refused there (403), as every
 * package in personal space is. Pushes `content:update`.
 */
import { ForbiddenError, ruleIssue, ValidationError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { newGuid } from "../resources/ids.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { newEventId } from "../newsroom/archive_new_item.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { pushContentUpdate } from "../newsroom/content_events.ts";
import { type Location, resolveLocation } from "../newsroom/item_location.ts";
import { refusePersonalPackage } from "../newsroom/package_hooks.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";
import { duplicateContent } from "./duplicate_package.ts";
import { duplicateSource } from "./duplicate_source.ts";
import { withIsoDates } from "./iso_dates.ts";

const REFUSED_STATES = new Set(["spiked", "killed", "recalled"]);
const DROPPED = [
  "_etag",
  "_created",
  "_updated",
  "_current_version",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "expiry",
  "firstpublished",
  "revert_state",
  "unique_id",
  "unique_name",
  // A copy is not scheduled (Superdesk's `remove_after_copy`).
  "embargo",
  "publish_schedule",
  "schedule_settings",
  // Marks are for the source (Superdesk's `remove_after_copy`).
  "highlights",
  "marked_desks",
  // Only an internal destination's copy comes from its source that way.
  "processed_from",
  // A copy is no update, and has none (Superdesk's `remove_after_copy`).
  "rewritten_by",
  "rewrite_of",
  "rewrite_sequence",
  // A copy is in no package, has no assignment, translation or user mark, and is not
  // auto-published (Superdesk's `remove_after_copy`).
  "linked_in_packages",
  "assignment_id",
  "auto_publish",
  "translations",
  "translation_id",
  "translated_from",
  "marked_for_user",
  "marked_for_sign_off",
];

/**
 * Duplicates archive item `id` to `body.desk` (and `body.stage`, which must be a stage of that
 * desk; with `desk: null`, the stage's desk), or to the caller's personal space when `body.desk`
 * is null without a stage and `allowPersonal`; returns the new item.
 */
export async function duplicateItem(
  deps: { registry: ResourceRegistry; documents: DocumentStore },
  id: string,
  { actor, body, allowPersonal }: { actor: Actor; body: Doc; allowPersonal: boolean },
): Promise<Doc> {
  const archive = deps.registry.service<ArchiveService>("archive");
  if (body.desk === null && !allowPersonal) {
    throw new ForbiddenError("Duplicate to Personal space is not allowed.");
  }
  // Superdesk's `send_to` takes a stage's desk: with a stage, the copy is a desk duplicate.
  const byStage = body.desk === null && body.stage !== undefined && body.stage !== null;
  if (byStage && (typeof body.stage !== "string" || body.stage === "")) {
    throw new ValidationError({ stage: "must be a stage id" });
  }
  const location = byStage
    ? await resolveLocation(deps.registry, { stage: body.stage }, { actor, checkMembership: false })
    : undefined;
  const deskId = location ? String(location.desk?._id) : body.desk;
  const personal = deskId === null;
  if (!personal && (typeof deskId !== "string" || deskId === "")) {
    throw new ValidationError({ desk: ruleIssue("required") });
  }
  const { source, originalId } = await duplicateSource(deps.registry, id, { body, actor });
  if (REFUSED_STATES.has(String(source.state))) {
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
  if (await archive.lockedByOther(source, actor)) {
    throw new ForbiddenError("The item was locked by another user");
  }
  if (personal) {
    // A package is never in personal space (`package_hooks.ts`): refused before any of its
    // items is copied (Superdesk's duplicate writes past its own `check_not_in_personal_space`).
    refusePersonalPackage(source, null);
    // In the caller's personal space, as `send_to` without a desk leaves the source Superdesk
    // copies: its task names the caller only (our personal items always name their user), so
    // the copy, its `duplicated_from` history and its `content:update` name no desk.
    const task = { user: actor.userId ?? null };
    return await duplicateContent(deps, { ...source, task }, {
      actor,
      state: "in_progress",
      originalId,
    });
  }
  // A destination naming a desk and a stage of another desk is refused before anything is copied.
  const destination = location ??
    (typeof body.stage === "string" && body.stage
      ? await resolveLocation(deps.registry, { desk: deskId, stage: body.stage }, {
        actor,
        checkMembership: false,
        refuseStageOfOtherDesk: true,
      })
      : undefined);
  return await duplicateContent(deps, source, {
    actor,
    desk: String(deskId),
    stage: body.stage,
    location: destination,
    originalId,
  });
}

/** How `copyItem` makes the copy. */
export interface CopyOptions {
  actor: Actor;
  /** Else the copy keeps the source's `task` (a copy to personal space, a translation). */
  desk?: string;
  /** Else the desk's working stage. */
  stage?: unknown;
  /** `desk` and `stage` as the caller has resolved them already (else `copyItem` resolves them). */
  location?: Location;
  /** The copy's id (else a new guid): a caller that may run twice names its copy. */
  id?: string;
  /** Else `submitted`. */
  state?: string;
  /** Keep the source's `publish_schedule` and `schedule_settings`. */
  keepSchedule?: boolean;
  /** Fields set on the copy. */
  extra?: Doc;
  /** The copy's `original_id`, else the source's id (an archived copy names its item). */
  originalId?: string;
  /** The copy's `operation` and its history's, else `duplicate` / `duplicated_from`. */
  operation?: string;
}

/**
 * Stores a copy of `source` (as given: the caller may have changed it) on `desk`, at the version
 * after the source's, with its versions and history (Superdesk's `duplicate_item`).
 */
export async function copyItem(
  deps: { registry: ResourceRegistry; documents: DocumentStore },
  source: Doc,
  {
    actor,
    desk: deskId,
    stage: stageId,
    location,
    id,
    state = "submitted",
    keepSchedule,
    extra,
    originalId = String(source._id),
    operation,
  }: CopyOptions,
): Promise<Doc> {
  const archive = deps.registry.service<ArchiveService>("archive");
  const { desk, stage } = deskId === undefined
    ? { desk: null, stage: null }
    : location ?? await resolveLocation(deps.registry, {
      desk: deskId,
      stage: stageId,
    }, {
      actor,
      checkMembership: false,
    });
  const target = stageId || !desk
    ? stage
    : await deps.registry.service("stages").findOne({ _id: desk.working_stage });
  const copy: Doc = withIsoDates({ ...source });
  for (const field of DROPPED) {
    if (keepSchedule && (field === "publish_schedule" || field === "schedule_settings")) continue;
    delete copy[field];
  }
  // A copy is stored (at its source's version + 1): never a client's unsaved draft, whose
  // `version: 0` would make the copy version 0 and hide it from lists.
  if (copy.version === 0) delete copy.version;
  // Nor is it marked for SMS (Superdesk's `remove_after_copy`).
  const flags = copy.flags as Doc | null | undefined;
  if (flags?.marked_for_sms) copy.flags = { ...flags, marked_for_sms: false };
  const newId = id ?? newGuid();
  const now = new Date().toISOString();
  Object.assign(copy, {
    _id: newId,
    guid: newId,
    // A copy stays in its source's family (Superdesk's `duplicate_item` keeps `family_id`): the
    // client's Duplicates tab finds the two by it.
    family_id: source.family_id ?? source._id,
    event_id: newEventId(),
    original_id: originalId,
    operation: operation ?? "duplicate",
    state,
    firstcreated: now,
    versioncreated: now,
    original_creator: actor.userId ?? source.original_creator ?? null,
    task: desk
      ? { desk: desk._id, stage: target?._id ?? null, user: actor.userId ?? null }
      : source.task,
    ...extra,
  });
  const user = actor.userId
    ? await deps.registry.service("users").findOne({ _id: actor.userId })
    : null;
  if (typeof user?.sign_off === "string") copy.sign_off = user.sign_off;
  // The duplicate's history goes on from its source's: the next version, the source's versions
  // copied (Superdesk's `duplicate_item`, which stores the copy unvalidated, as ours here).
  const copied = Number(source._current_version ?? 0);
  copy._current_version = copied + 1;
  const [created] = await archive.create([copy], SYSTEM_ACTOR, { trusted: true });
  await archive.versions?.copyTo(String(source._id), newId, {
    fields: {
      guid: newId,
      // Its own number (given on create, `item_unique_id.ts`), not its source's.
      unique_id: created!.unique_id,
      unique_name: created!.unique_name,
      versioncreated: new Date(),
    },
    upTo: copied,
  });
  await archive.signals.emit("item:operation", {
    item: source,
    operation: operation ?? "duplicate",
    updates: { duplicate_id: newId },
    user: actor.userId,
  });
  await archive.signals.emit("item:operation", {
    item: created!,
    operation: operation ?? "duplicated_from",
    updates: { duplicate_id: String(source._id), task: source.task ?? null },
    user: actor.userId,
  });
  await pushContentUpdate(archive.notify, actor.userId, [source, created!]);
  return created!;
}
