/**
 * Opening and cancelling a correction (Superdesk's `archive_correction`,
 * `PATCH /api/archive/correction/<id>`, with `?remove_correction=true` to cancel): the story goes
 * back to its desk's working stage in state `correction`, with no new version and no publish
 * schedule, while its published copy is marked `being_corrected`; cancelling puts both back
 * (`published`, or `corrected` when the story has been corrected before). The correction itself
 * is the `correct` action, which under `CORRECTIONS_WORKFLOW` settles the `being_corrected` copy
 * (`correctionWorkflowHooks`).
 */
import { EtagMismatchError, NotFoundError, PreconditionRequiredError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";
import type { Actor } from "../resources/actor.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { PublishActionHooks } from "./publish_action.ts";
import type { PublishedService } from "./published_service.ts";

/** How often the story is read again after a write that kept its etag (see `writeStory`). */
const STORY_ATTEMPTS = 5;

/** States a correction may be opened from (Superdesk's `correction` workflow action). */
const OPENS_FROM = new Set(["published", "correction", "being_corrected", "corrected"]);

/** Opens (or with `remove`, cancels) the correction of item `id`; returns the stored item. */
export async function openCorrection(
  { archive, published }: { archive: ArchiveService; published: PublishedService },
  id: string,
  { actor, etag, remove = false }: { actor: Actor; etag?: string; remove?: boolean },
): Promise<Doc> {
  if (etag === undefined && actor.kind === "user") throw new PreconditionRequiredError();
  const original = await archive.getById(id, actor);
  if (etag !== undefined && etag !== original._etag) throw new EtagMismatchError();
  const state = String(original.state);
  if (!OPENS_FROM.has(state)) {
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
  const copy = await copyToMark(published, original, remove);
  if (!copy) throw new NotFoundError(`Cannot find the published article of item "${id}"`);
  const corrected = Number(original.correction_sequence ?? 0) > 0;
  const itemSet: Doc = !remove
    ? { state: "correction", operation: "correction" }
    : { state: corrected ? "corrected" : "published", operation: "cancel_correction" };
  const copySet: Doc = !remove
    ? { state: "being_corrected", operation: "being_corrected" }
    : Number(copy.correction_sequence ?? 0) > 0
    ? { state: "corrected", operation: "correct" }
    : { state: "published", operation: "cancel_correction" };
  if (original.publish_schedule) {
    Object.assign(itemSet, { publish_schedule: null, schedule_settings: {} });
  }
  const task = isDoc(original.task) ? original.task : {};
  if (task.desk) {
    const desk = await archive.registry.service("desks").findOne({ _id: String(task.desk) });
    if (desk) itemSet.task = { ...task, stage: desk.working_stage ?? null };
  }
  const marked = await published.transition(String(copy._id), { state: copy.state }, copySet);
  if (!marked) throw new EtagMismatchError();
  // The story changed meanwhile (or its write failed): its copy goes back as it was.
  const putBack = () => published.transition(String(copy._id), copySet, { state: copy.state });
  let stored: Doc | null;
  try {
    stored = await writeStory(archive, original, itemSet);
  } catch (error) {
    await putBack();
    throw error;
  }
  if (!stored) {
    await putBack();
    throw new EtagMismatchError();
  }
  await archive.notify("item:correction", { item: id, user: actor.userId ?? "" });
  return stored;
}

/**
 * Writes `itemSet` on the story, read again when a write that kept its etag and state landed
 * after `original` was read (another user's highlight or desk mark, a package link, a broadcast's
 * status): that write is kept, as the client's etag still holds. Null once the etag or the state
 * changed (an edit, another correction): the client's precondition no longer holds.
 */
async function writeStory(
  archive: ArchiveService,
  original: Doc,
  itemSet: Doc,
): Promise<Doc | null> {
  let current: Doc | null = original;
  for (let attempt = 1; current && attempt <= STORY_ATTEMPTS; attempt++) {
    const stored = await archive.writeUnversioned(current, itemSet);
    if (stored) return stored;
    current = await archive.findOne({
      _id: original._id,
      _etag: original._etag,
      state: original.state,
    });
  }
  return null;
}

/**
 * The published copy a correction marks (Superdesk's lookups by guid): when cancelling, the
 * `being_corrected` one; for a corrected story, the copy of its last correction; else the
 * newest.
 */
async function copyToMark(
  published: PublishedService,
  original: Doc,
  remove: boolean,
): Promise<Doc | undefined> {
  const id = String(original._id);
  if (remove) return await published.newestCopy(id, { state: "being_corrected" });
  if (original.state === "corrected") {
    const filter = { state: "corrected", correction_sequence: original.correction_sequence };
    return await published.newestCopy(id, filter);
  }
  return await published.newestCopy(id);
}

/**
 * `CORRECTIONS_WORKFLOW`: correcting a story opened for correction settles its
 * `being_corrected` copy as `corrected` (a correction before) or `published` (Superdesk's
 * `change_being_corrected_to_published`), before the correction is written.
 */
export function correctionWorkflowHooks(published: PublishedService): PublishActionHooks {
  return {
    async beforeWrite(kind, { original }) {
      if (kind !== "correct" || original.state !== "correction") return;
      const copy = await published.newestCopy(String(original._id), { state: "being_corrected" });
      if (!copy) return;
      const state = Number(copy.correction_sequence ?? 0) > 0 ? "corrected" : "published";
      await published.transition(String(copy._id), { state: "being_corrected" }, { state });
    },
  };
}
