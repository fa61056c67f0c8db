/**
 * What the server adds to a user's write of an item (Superdesk's `on_create_item`,
 * `_validate_updates`, `_add_system_updates` and `on_replace`): identity, creators, dates,
 * location and expiry on creation; the lock, state and location rules and the system fields on
 * an edit (PATCH) or a plain replace (PUT).
 */
import { BadRequestError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { taskOf } from "./content_events.ts";
import { itemExpiry } from "./item_expiry.ts";
import { assertWritableStage, currentLocation, resolveLocation } from "./item_location.ts";
import { illegalStateChange, stateAfterSave } from "./item_state.ts";
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
];

/** Fills a new item's server fields (in place); `doc._id` is already set. */
export async function prepareNewItem(
  archive: ArchiveService,
  doc: Doc,
  { actor, now }: { actor: Actor; now: Date },
): Promise<void> {
  const userId = actor.kind === "user" ? actor.userId : undefined;
  if (typeof doc.guid === "string") doc._id = doc.guid;
  else doc.guid = doc._id;
  if (userId && doc.state !== undefined && doc.state !== "draft") {
    throw new BadRequestError(
      `Workflow transition is invalid: a new item starts as "draft", not "${doc.state}"`,
      { issues: { state: doc.state } },
    );
  }
  doc.state ??= "draft";
  doc.type ??= "text";
  doc.family_id ??= doc.guid;
  doc.event_id ??= newEventId(now);
  doc.operation ??= "create";
  if (userId) doc.original_creator = userId;
  doc.version_creator = doc.original_creator ?? null;
  doc.firstcreated ??= now;
  doc.versioncreated ??= now;
  const task = (doc.task ?? {}) as Doc;
  const { desk, stage } = await resolveLocation(archive.registry, task, { actor });
  assertWritableStage(stage, actor);
  const user = task.user ?? userId ?? null;
  doc.task = desk
    ? { ...task, desk: desk._id, stage: stage?._id ?? null, user }
    : { ...task, user };
  doc.language ??= desk?.desk_language ?? "en";
  doc.word_count = wordCount(doc.body_html);
  doc.expiry = itemExpiry({
    desk,
    stage,
    defaultMinutes: archive.options.contentExpiryMinutes,
    now,
  });
  if (doc.version === 0) doc._current_version = 0;
}

/** Checks a user's PATCH and adds the system updates (in place). */
export async function prepareEdit(
  archive: ArchiveService,
  updates: Doc,
  { original, actor }: { original: Doc; actor: Actor },
): Promise<void> {
  await archive.assertEditable(original, actor);
  const task = taskOf(original);
  if (updates.task && typeof updates.task === "object") {
    const wanted = updates.task as Doc;
    for (const field of ["desk", "stage"] as const) {
      if (field in wanted && (wanted[field] ?? undefined) !== task[field]) {
        throw new BadRequestError(
          `Cannot change task.${field} by an edit: use POST /api/archive/${original._id}/move`,
          { issues: { task: { [field]: "use move" } } },
        );
      }
    }
  }
  const location = await currentLocation(archive.registry, original);
  assertWritableStage(location.stage, actor);
  const state = stateAfterSave(String(original.state), { onDesk: Boolean(task.desk) });
  if ("state" in updates && updates.state !== state) {
    throw illegalStateChange(String(original.state), String(updates.state));
  }
  const now = new Date();
  updates.state = state;
  updates.operation = "update";
  updates.versioncreated = now;
  updates.version_creator = actor.userId ?? null;
  if ("body_html" in updates) updates.word_count = wordCount(updates.body_html);
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
}

/** Checks a user's plain PUT and keeps what only the server sets (in place). */
export async function prepareReplace(
  archive: ArchiveService,
  doc: Doc,
  { original, actor }: { original: Doc; actor: Actor },
): Promise<void> {
  await archive.assertEditable(original, actor);
  for (const field of KEPT_ON_REPLACE) {
    if (field in original) doc[field] = original[field];
  }
  doc.state = stateAfterSave(String(original.state), { onDesk: Boolean(taskOf(original).desk) });
  doc.operation = "update";
  doc.versioncreated = new Date();
  doc.version_creator = actor.userId ?? null;
  doc.word_count = wordCount(doc.body_html);
}

/** Superdesk's `event_id`: a tag URI shared by an item and its updates. */
export function newEventId(now = new Date()): string {
  return `tag:localhost:${now.getUTCFullYear()}:${crypto.randomUUID()}`;
}
