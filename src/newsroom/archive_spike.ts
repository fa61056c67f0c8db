/**
 * Spike and unspike (Superdesk's `apps/archive/archive_spike.py`): spiking keeps the state to
 * revert to, sets the spike expiry, clears the lock and the item's update and translation links
 * (the other sides are the hooks' `afterSpike`, publishing's, and duplication's `item:spiked`
 * listener); unspiking restores that state and puts
 * the item on its desk's incoming stage (or the given desk and stage), unassigned. Both need the
 * client's `If-Match`, add the user's sign-off, create a version, and push `item:spike` /
 * `item:unspike` and `content:update`. An item in a package is not spiked; a package is emptied
 * and restored (`package_spike.ts`).
 */
import { EtagMismatchError, ForbiddenError, PreconditionRequiredError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import { signOff } from "./sign_off.ts";
import { newEventId } from "./archive_new_item.ts";
import type { ArchiveService } from "./archive_service.ts";
import { pushContentUpdate, taskOf } from "./content_events.ts";
import { itemExpiry } from "./item_expiry.ts";
import { currentLocation, resolveLocation } from "./item_location.ts";
import { assertTransition, stateAfterUnspike } from "./item_state.ts";
import { linkMembers, unlinkMembers } from "./package_links.ts";
import {
  assertNotInPackage,
  spikedPackageUpdates,
  unspikedPackageUpdates,
} from "./package_spike.ts";

/** Options of spike and unspike. */
export interface SpikeOptions {
  actor: Actor;
  /** The client's `If-Match`. */
  etag?: string;
}

/** Spikes item `id`; returns the stored item. */
export async function spikeItem(
  archive: ArchiveService,
  id: string,
  { actor, etag }: SpikeOptions,
): Promise<Doc> {
  const item = await currentFor(archive, id, { actor, etag });
  await assertNotInPackage(archive, item);
  assertTransition("spike", String(item.state));
  const now = new Date();
  const location = await currentLocation(archive.registry, item);
  const spikeMinutes = archive.options.spikeExpiryMinutes;
  const expiry = spikeMinutes === undefined
    ? itemExpiry({ ...location, defaultMinutes: archive.options.contentExpiryMinutes, now })
    : itemExpiry({ defaultMinutes: spikeMinutes, now });
  const updates: Doc = {
    state: "spiked",
    revert_state: item.state,
    operation: "spike",
    versioncreated: now.toISOString(),
    expiry: expiry?.toISOString() ?? null,
    event_id: newEventId(now),
    lock_user: null,
    lock_session: null,
    lock_time: null,
    lock_action: null,
    ...spikedPackageUpdates(item),
  };
  if (item.rewrite_of) updates.rewrite_of = null;
  if (item.rewritten_by) updates.rewritten_by = null;
  if (item.rewrite_sequence) updates.rewrite_sequence = null;
  if (item.broadcast) updates.broadcast = null;
  if (item.translation_id && item.translated_from) {
    updates.translated_from = null;
    updates.translation_id = null;
  }
  await signOff(archive, updates, { original: item, actor });
  // Eve's PATCH in Superdesk (`archive_spike`/`archive_unspike`): its late versioning catch.
  const stored = await archive.update(id, updates, {
    etag,
    actor: SYSTEM_ACTOR,
    lateVersioning: true,
  });
  await archive.hooks.afterSpike(stored, item);
  if (item.type === "composite") await unlinkMembers(archive, item);
  if (item.lock_user) {
    await archive.notify("item:unlock", {
      item: id,
      item_version: String(stored._current_version),
      state: stored.state,
      user: actor.userId ?? "",
      lock_session: item.lock_session,
      _etag: stored._etag,
    });
  }
  await archive.notify("item:spike", { item: id, user: actor.userId ?? "" });
  await pushContentUpdate(archive.notify, actor.userId, [stored]);
  await archive.signals.emit("item:spiked", { item: stored, original: item, user: actor.userId });
  return stored;
}

/** Unspikes item `id`, optionally to `task.desk`/`task.stage`; returns the stored item. */
export async function unspikeItem(
  archive: ArchiveService,
  id: string,
  { actor, etag, task }: SpikeOptions & { task?: { desk?: unknown; stage?: unknown } },
): Promise<Doc> {
  const item = await currentFor(archive, id, { actor, etag });
  const state = stateAfterUnspike(String(item.state), item.revert_state);
  const current = taskOf(item);
  const target = task ? { desk: task.desk ?? current.desk, stage: task.stage } : current;
  const location = await resolveLocation(archive.registry, {
    desk: target.desk,
    stage: task ? target.stage : undefined,
  }, { actor, checkMembership: task !== undefined });
  const now = new Date();
  const expiry = itemExpiry({
    ...location,
    defaultMinutes: archive.options.contentExpiryMinutes,
    now,
  });
  const updates: Doc = {
    state,
    revert_state: null,
    operation: "unspike",
    versioncreated: now.toISOString(),
    expiry: expiry?.toISOString() ?? null,
    task: {
      ...(item.task as Doc ?? {}),
      desk: location.desk?._id ?? null,
      stage: location.stage?._id ?? null,
      user: null,
    },
    ...unspikedPackageUpdates(item),
  };
  await signOff(archive, updates, { original: item, actor });
  // Eve's PATCH in Superdesk (`archive_spike`/`archive_unspike`): its late versioning catch.
  const stored = await archive.update(id, updates, {
    etag,
    actor: SYSTEM_ACTOR,
    lateVersioning: true,
  });
  if (updates.groups) await linkMembers(archive, stored);
  await archive.notify("item:unspike", { item: id, user: actor.userId ?? "" });
  await pushContentUpdate(archive.notify, actor.userId, [item, stored]);
  await archive.signals.emit("item:unspiked", {
    item: stored,
    original: item,
    user: actor.userId,
  });
  return stored;
}

/** The item as `actor` sees it, checked against the client's etag and the lock. */
async function currentFor(
  archive: ArchiveService,
  id: string,
  { actor, etag }: SpikeOptions,
): Promise<Doc> {
  if (etag === undefined && actor.kind === "user") throw new PreconditionRequiredError();
  const item = await archive.getById(id, actor);
  if (etag !== undefined && etag !== item._etag) throw new EtagMismatchError();
  if (await archive.lockedByOther(item, actor)) {
    throw new ForbiddenError("The item was locked by another user");
  }
  return item;
}
