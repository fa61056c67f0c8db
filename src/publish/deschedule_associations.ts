/**
 * Descheduling a story with `PUBLISH_ASSOCIATED_ITEMS` deschedules the associated items
 * publishing scheduled with it (Superdesk's `deschedule_item`). Before the story's save, nothing
 * is written: an associated item locked by another user refuses the deschedule (as its own save
 * would), and the story's associations take the items' descheduled state. Once the story is
 * stored, each item still scheduled is descheduled in its turn and its scheduled copies removed,
 * so a save refused or lost to a concurrent one leaves the story and its items scheduled
 * together. A crash between the story's write and its items' leaves those items scheduled.
 */
import { ForbiddenError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { PublishedService } from "./published_service.ts";

/** Before the story's save: checks its scheduled items and writes their new state in `updates`. */
export async function planAssociationsDeschedule(
  archive: ArchiveService,
  { updates, original, actor }: { updates: Doc; original: Doc; actor: Actor },
): Promise<void> {
  const changed: Doc = {};
  for (const [key, item] of await scheduledAssociations(archive, original)) {
    if (await archive.lockedByOther(item, actor)) {
      throw new ForbiddenError(`Associated item "${key}" is locked by another user`);
    }
    const { _etag, _links, ...fields } = archive.toPublic(item);
    changed[key] = {
      ...fields,
      // The version its deschedule will be: an older one would make the item's own fields,
      // its kept schedule among them, win over the story's when it is published with it.
      _current_version: Number(item._current_version ?? 0) + 1,
      state: "in_progress",
      operation: "deschedule",
      publish_schedule: null,
      schedule_settings: {},
    };
  }
  if (Object.keys(changed).length === 0) return;
  const associations = { ...asDoc(original.associations), ...asDoc(updates.associations) };
  updates.associations = { ...associations, ...changed };
}

/** After the story's save: deschedules the items it associates that are still scheduled. */
export async function descheduleAssociations(
  { archive, published }: { archive: ArchiveService; published: PublishedService },
  { original, actor }: { original: Doc; actor: Actor },
): Promise<void> {
  for (const [, item] of await scheduledAssociations(archive, original)) {
    const id = String(item._id);
    // Its schedule stays, as a user's deschedule keeps it (`item_schedule.ts`).
    // Read and written as the system: the story's save is stored, nothing may refuse it now.
    const done = await archive.updateChecked(id, SYSTEM_ACTOR, (current) =>
      Promise.resolve(
        current.state === "scheduled"
          ? { state: "in_progress", operation: "deschedule", firstpublished: null }
          : {},
      ));
    await published.discardScheduled(id);
    await archive.signals.emit("item:updated", {
      item: done.stored,
      original: done.original,
      updates: { state: done.stored.state, operation: done.stored.operation },
      user: actor.userId,
    });
  }
}

/** The items `original` associates that are scheduled, by association key. */
async function scheduledAssociations(
  archive: ArchiveService,
  original: Doc,
): Promise<Array<[string, Doc]>> {
  const found: Array<[string, Doc]> = [];
  for (const [key, association] of Object.entries(asDoc(original.associations))) {
    const id = asDoc(association)._id;
    if (typeof id !== "string") continue;
    const item = await archive.findOne({ _id: id });
    if (item?.state === "scheduled") found.push([key, item]);
  }
  return found;
}

function asDoc(value: unknown): Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Doc : {};
}
