/**
 * Autosave (Superdesk's `archive_autosave` and `ItemAutosave`): while a user edits an item, the
 * client saves their unsaved changes as a copy of the item beside it, without a new version.
 * Only whoever may open the item may autosave it, and not while someone else holds its lock. A
 * real edit discards the copy; releasing the lock (unlock, logout, session expiry) turns the copy
 * into a version of the item, so nothing typed is lost.
 */
import { ForbiddenError, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { expandDottedKeys } from "../resources/dotted.ts";
import { coerceDates, documentValidator } from "../resources/schema/validate_document.ts";
import { DuplicateKeyError } from "../storage/document_store.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { nextSignOff, signOffOf } from "./sign_off.ts";

/** States in which an item's autosaved copy is dropped rather than applied. */
const PUBLISHED_STATES = new Set(["published", "killed", "corrected", "recalled", "scheduled"]);

/** Fields an autosave never carries over: identity, meta, lock and what the server derives. */
const NOT_SAVED = new Set([
  "_id",
  "_etag",
  "_created",
  "_updated",
  "_current_version",
  "_latest_version",
  "_links",
  "_status",
  "_type",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "original_creator",
  "version_creator",
  "task",
  "state",
  "expiry",
]);

/** Saves `input`'s changes to item `input._id` aside; returns the autosaved copy. */
export async function autosaveItem(
  archive: ArchiveService,
  input: Doc,
  { actor }: { actor: Actor },
): Promise<Doc> {
  if (typeof input._id !== "string") throw new ValidationError({ _id: { required: 1 } });
  const item = await archive.getById(input._id, actor);
  if (await archive.lockedByOther(item, actor)) {
    throw new ForbiddenError("The item was locked by another user");
  }
  const changes = expandDottedKeys(input);
  for (const key of Object.keys(changes)) if (NOT_SAVED.has(key)) delete changes[key];
  const validator = documentValidator(archive.definition.schema);
  const issues = validator.issues(changes);
  if (issues) throw new ValidationError(issues);
  coerceDates(changes, validator.datePaths);
  const copy: Doc = { ...item, ...changes, _type: "archive", _updated: new Date() };
  const autosaves = archive.autosaves();
  for (;;) {
    if (await autosaves.replaceOne({ _id: item._id }, copy)) return copy;
    try {
      await autosaves.insertMany([copy]);
      return copy;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
  }
}

/** The autosaved copy of item `id`, for whoever may open the item; null when there is none. */
export async function autosavedCopy(
  archive: ArchiveService,
  id: string,
  actor: Actor,
): Promise<Doc | null> {
  await archive.getById(id, actor);
  return await archive.autosaves().findOne({ _id: id });
}

/** Discards item `id`'s autosaved copy for a user who may open the item. */
export async function deleteAutosave(archive: ArchiveService, id: string, actor: Actor) {
  await archive.getById(id, actor);
  await discardAutosave(archive, id);
}

/** Discards item `id`'s autosaved copy. */
export async function discardAutosave(archive: ArchiveService, id: string): Promise<void> {
  await archive.autosaves().deleteOne({ _id: id });
}

/**
 * The updates that turn `item`'s autosaved copy into its next version when its lock is released,
 * as an edit by the lock holder (sign-off, version creator); null without a copy, or for an item
 * already published (its copy is dropped then, as Superdesk does).
 */
export async function autosavedUpdates(archive: ArchiveService, item: Doc): Promise<Doc | null> {
  const copy = await archive.autosaves().findOne({ _id: item._id });
  if (!copy || PUBLISHED_STATES.has(String(item.state))) return null;
  const updates: Doc = {};
  for (const [key, value] of Object.entries(copy)) {
    if (!NOT_SAVED.has(key) && JSON.stringify(value) !== JSON.stringify(item[key])) {
      updates[key] = value;
    }
  }
  if (Object.keys(updates).length === 0) return null;
  const holder = typeof item.lock_user === "string" ? item.lock_user : undefined;
  updates.operation = "update";
  updates.versioncreated = new Date();
  updates.version_creator = holder ?? item.version_creator ?? null;
  const mine = holder
    ? await signOffOf(archive.registry, { ...SYSTEM_ACTOR, kind: "user", userId: holder })
    : undefined;
  const signOff = mine === undefined ? undefined : nextSignOff(item.sign_off, mine);
  if (!("sign_off" in updates) && signOff !== undefined) updates.sign_off = signOff;
  if (typeof updates.unique_name === "string" && updates.unique_name !== "") {
    await archive.claimUniqueName(updates.unique_name, String(item._id));
  }
  // Dates as the wire writes them: the update validates and converts them again.
  return JSON.parse(JSON.stringify(updates));
}
