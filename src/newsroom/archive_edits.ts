/**
 * What the server checks and adds when a user edits an item (Superdesk's `_validate_updates`,
 * `_add_system_updates` and `on_replace`): the read-only stage, lock, state and metadata rules,
 * and the system fields of an edit (PATCH) or a plain replace (PUT). New items are
 * `archive_new_item.ts`.
 */
import { BadRequestError, ForbiddenError, ruleIssue } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { taskOf } from "./content_events.ts";
import { completeDateline } from "./dateline.ts";
import { editedAssociations } from "./item_associations.ts";
import { refreshRefs } from "./item_refs.ts";
import { itemExpiry } from "./item_expiry.ts";
import { assertWritableStage, currentLocation } from "./item_location.ts";
import { stateAfterSave } from "./item_state.ts";
import { signOff } from "./sign_off.ts";
import { UNIQUE_NAME_PRIVILEGE } from "./privileges.ts";
import { type MoveTarget, placementUpdates } from "./archive_move.ts";
import { wordCount } from "../text/html_text.ts";

/** Fields a plain PUT cannot change: identity, creation, location, lock, expiry. */
const KEPT_ON_REPLACE = [
  "guid",
  "original_creator",
  "firstcreated",
  "family_id",
  "event_id",
  "task",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "expiry",
  "linked_in_packages",
];

/** Checks a user's PATCH and adds the system updates (in place). */
export async function prepareEdit(
  archive: ArchiveService,
  updates: Doc,
  { original, actor }: { original: Doc; actor: Actor },
): Promise<void> {
  const location = await currentLocation(archive.registry, original);
  assertWritableStage(location.stage, actor, original);
  await archive.assertEditable(original, actor);
  assertMetadataRules(updates, actor);
  // Read-only, so a user may only send it unchanged; a link written since the read (same etag)
  // would be lost if that copy were written back.
  delete updates.linked_in_packages;
  const task = taskOf(original);
  const target = editMoveTarget(updates, original);
  const now = new Date();
  updates.state = stateAfterSave(String(original.state), { onDesk: Boolean(task.desk) });
  updates.operation = "update";
  updates.versioncreated = now;
  updates.version_creator = actor.userId ?? null;
  if (!("pubstatus" in updates) && !original.pubstatus) updates.pubstatus = "usable";
  if (updates.body_html) {
    if (!("word_count" in updates)) updates.word_count = wordCount(updates.body_html);
  } else if ("body_html" in updates && "word_count" in original) {
    updates.word_count = 0;
  }
  if (Number(original.version ?? 0) === 0) {
    updates.version = Number(original._current_version ?? 0) + 1;
  }
  if (task.desk) {
    updates.expiry = itemExpiry({
      ...location,
      defaultMinutes: archive.options.contentExpiryMinutes,
      now,
    });
  }
  await editedAssociations(archive, updates, { actor, now });
  await refreshRefs(archive, updates, original);
  if (
    typeof updates.unique_name === "string" && updates.unique_name !== "" &&
    updates.unique_name !== original.unique_name
  ) {
    await archive.claimUniqueName(updates.unique_name, String(original._id));
  }
  if (target !== undefined) {
    // A new desk or stage: the edit is written with a move's placement, in the same write.
    Object.assign(
      updates,
      await placementUpdates(archive, original, { actor, target, edits: updates }),
    );
  }
  await signOff(archive, updates, { original, actor });
  if ("dateline" in updates) {
    completeDateline(updates.dateline, String(updates.source ?? original.source ?? ""));
  }
}

/**
 * Where an edit's `updates.task` moves `original` (`editTarget`); undefined when it moves
 * nothing, and then the desk and stage it does not name are kept in it (`keepLocation`). Every
 * request that edits an item's task (archive, tasks) asks this, so none moves an item but as a
 * move (`placementUpdates`).
 */
export function editMoveTarget(updates: Doc, original: Doc): MoveTarget | undefined {
  const current = taskOf(original);
  const target = editTarget(updates.task, current);
  if (target === undefined) keepLocation(updates.task, current);
  return target;
}

/**
 * Where an edit's `task` moves the item (its location being `current`): undefined when it names
 * no other desk or stage, null when it clears the desk (the editor's personal space). A stage
 * cleared on a desk that stays is a 400: an item on a desk is on one of its stages; the stage it
 * is on, named with another desk, is the one it leaves.
 */
function editTarget(
  value: unknown,
  current: { desk?: string; stage?: string },
): MoveTarget | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const wanted = value as Doc;
  const desk = "desk" in wanted ? idOrNull(wanted.desk) : current.desk ?? null;
  let stage = idOrNull(wanted.stage);
  if (stage !== null && stage === current.stage && desk !== (current.desk ?? null)) {
    // The stage being left (a dotted `task.desk` keeps the stored one beside it): the named desk
    // decides, its incoming stage or personal space.
    stage = null;
  }
  if (stage !== null) {
    if (stage === current.stage && desk === (current.desk ?? null)) return undefined;
    // The desk being left (kept beside a new stage, as a dotted `task.stage` does) is no
    // conflict: the stage decides. Another desk must be the stage's own (`resolveLocation`).
    return desk === null || desk === current.desk ? { stage } : { desk, stage };
  }
  if (desk === (current.desk ?? null)) {
    if ("stage" in wanted && desk !== null) {
      throw new BadRequestError("An item on a desk needs its stage: task.stage is required", {
        issues: { task: { stage: ruleIssue("required") } },
      });
    }
    return undefined;
  }
  return desk === null ? null : { desk };
}

/**
 * An edit's `task` that moves nothing keeps the desk and stage it does not name (in place), as
 * `editTarget` reads it: a PATCH replaces `task` whole, so `{task: {user}}` would otherwise take
 * the item off its desk (into that user's personal space) without the move's rules, and
 * `{task: {desk}}` would leave it on the desk without a stage.
 */
function keepLocation(value: unknown, current: { desk?: string; stage?: string }): void {
  if (!value || typeof value !== "object" || Array.isArray(value)) return;
  const sent = value as Doc;
  for (const field of ["desk", "stage"] as const) {
    if (!(field in sent) && current[field] !== undefined) sent[field] = current[field];
  }
}

/** A non-empty string id, else null. */
function idOrNull(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Superdesk's metadata rules of an edit: `unique_name` needs its privilege; an item's categories
 * and subjects are each listed once.
 */
function assertMetadataRules(updates: Doc, actor: Actor) {
  if ("unique_name" in updates && !hasPrivilege(actor, UNIQUE_NAME_PRIVILEGE)) {
    throw new ForbiddenError("Unauthorized to modify Unique Name");
  }
  const categories = listOf(updates.anpa_category).map((category) => String(category?.qcode));
  if (new Set(categories).size !== categories.length) {
    throw new BadRequestError("Duplicate category codes are not allowed");
  }
  const subjects = listOf(updates.subject).map((subject) =>
    [subject?.scheme, subject?.qcode].filter((part) => part).join(":")
  );
  if (new Set(subjects).size !== subjects.length) {
    throw new BadRequestError("Duplicate subjects are not allowed");
  }
}

function listOf(value: unknown): Doc[] {
  return Array.isArray(value) ? value : [];
}

/** Checks a user's plain PUT and keeps what only the server sets (in place). */
export async function prepareReplace(
  archive: ArchiveService,
  doc: Doc,
  { original, actor }: { original: Doc; actor: Actor },
): Promise<void> {
  const location = await currentLocation(archive.registry, original);
  assertWritableStage(location.stage, actor, original);
  await archive.assertEditable(original, actor);
  for (const field of KEPT_ON_REPLACE) {
    if (field in original) doc[field] = original[field];
  }
  doc.state = stateAfterSave(String(original.state), { onDesk: Boolean(taskOf(original).desk) });
  doc.operation = "update";
  doc.versioncreated = new Date();
  doc.version_creator = actor.userId ?? null;
  if (doc.body_html && !("word_count" in doc)) doc.word_count = wordCount(doc.body_html);
  await signOff(archive, doc, { original, actor });
}
