/**
 * The publishing actions on an item (Superdesk's `BasePublishService` and its publish, correct,
 * kill, takedown and unpublish services): checks (etag, lock, state, not-for-publication,
 * embargo and dateline rules, updates of a story), validation through the `ItemValidator`, then
 * the write in an order that never half-publishes: a `pending` published copy is stored first,
 * then the archive item gets its new version with compare-and-set; if that fails the copy is
 * removed (and a copy whose action never reached the archive is dropped by the enqueue step);
 * only then are a scheduled item's earlier scheduled copies removed.
 * Routing (with the copy's `publish_sequence_no` and the older copies' `last_published_version`)
 * and transmission happen in the workers. Pushes `item:publish` and `content:update`.
 */
import { generateFields } from "../content/fields_meta.ts";
import {
  BadRequestError,
  EtagMismatchError,
  ForbiddenError,
  PreconditionRequiredError,
} from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { type Doc, type DocumentStore, isDoc } from "../storage/document_store.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { SERVER_FIELDS } from "../newsroom/archive_resource.ts";
import { pushContentUpdate, taskOf } from "../newsroom/content_events.ts";
import { itemExpiry } from "../newsroom/item_expiry.ts";
import { currentLocation, resolveLocation } from "../newsroom/item_location.ts";
import { nextSignOff, signOffOf } from "../newsroom/sign_off.ts";
import { epochMs } from "../epoch_ms.ts";
import { requestEnqueue, scheduleOf } from "./enqueue_task.ts";
import { utcEmbargo, validateEmbargo } from "./item_embargo.ts";
import { assertReadableSchedule, utcPublishSchedule } from "./item_schedule.ts";
import type { ItemValidator } from "./item_validator.ts";
import { applyKillOverride } from "./kill_override.ts";
import { publishRefusal, validationFailure } from "./publish_errors.ts";
import { checkPackageItems } from "./package_items_check.ts";
import { assertNotInLivePackage, publishPackageItems } from "./package_publish.ts";
import {
  associationsAsSent,
  checkAssociations,
  publishAssociations,
  relatedFields,
} from "./associated_publish.ts";
import { checkAssociatedItems } from "./associated_validation.ts";
import { refreshedAssociations, withParentMetadata } from "./association_refresh.ts";
import { flushRenditions } from "./flush_renditions.ts";
import type { PictureMetadataUpdate } from "./picture_metadata_update.ts";
import type { PublishedService } from "./published_service.ts";
import { assertPublishTransition, PUBLISHED_STATES, type PublishKind } from "./publish_workflow.ts";

/** Fields a client's updates may not set on a publishing action. */
const NOT_FROM_CLIENT = [...SERVER_FIELDS, "state", "_current_version", "firstpublished", "guid"];

/** Superdesk's DEFAULT_SOURCE_VALUE_FOR_MANUAL_ARTICLES. */
const DEFAULT_SOURCE = "Superdesk";

/** What an action needs besides the item. */
export interface PublishContext {
  archive: ArchiveService;
  published: PublishedService;
  validator: ItemValidator;
  queue: TaskQueue;
  documents: DocumentStore;
  /** DEFAULT_TIMEZONE (the time in a kill notice, kill templates). */
  timeZone: string;
  /** What other modules do around an action, in order. */
  hooks: PublishActionHooks[];
  /**
   * `PUBLISH_ASSOCIATED_ITEMS`: a package's items are refused while locked, and a story's
   * associated items are published and corrected with it.
   */
  publishAssociatedItems?: boolean;
  /**
   * `COPY_METADATA_FROM_PARENT`: the media associations an action on a story writes take its
   * metadata (`withParentMetadata`) before they are validated and published.
   */
  copyMetadataFromParent?: boolean;
  /** `PICTURE_METADATA_MAPPING`: a picture's fields written into its file. */
  pictureMetadata?: PictureMetadataUpdate;
}

/** What a module does around every publishing action (broadcasts: `broadcast/`). */
export interface PublishActionHooks {
  /** Before validation: may change the action's `updates` (the client's, checked). */
  prepare?(kind: PublishKind, original: Doc, updates: Doc): void;
  /**
   * Once the action is checked, before anything is written (`input` is what the client sent).
   * A failure here stops the action.
   */
  beforeWrite?(
    kind: PublishKind,
    change: { original: Doc; input: Doc; actor: Actor },
  ): Promise<void>;
  /**
   * Once the action is stored, before it answers: `input` is what the client sent. The action
   * is done whatever happens here, so a hook reports its own failures rather than throw.
   */
  stored?(
    kind: PublishKind,
    change: { original: Doc; stored: Doc; input: Doc; actor: Actor },
  ): Promise<void>;
}

/** Runs `kind` on item `id` for `actor` with the client's `updates`; returns the stored item. */
export async function publishItem(
  context: PublishContext,
  kind: PublishKind,
  id: string,
  { actor, etag, updates: input = {}, deskId, inPackage = false }: {
    actor: Actor;
    etag?: string;
    updates?: Doc;
    /** The request's `desk_id`: the desk a publish from personal space puts the item on. */
    deskId?: string;
    /**
     * Published with its package or the story it is associated with, whose checks judged the
     * item's lock (`package_publish.ts`, `associated_publish.ts`).
     */
    inPackage?: boolean;
  },
): Promise<Doc> {
  const { archive, published } = context;
  if (etag === undefined && actor.kind === "user") throw new PreconditionRequiredError();
  const read = await archive.getById(id, actor);
  // The item's own action is Eve's PATCH in Superdesk (a package's items are not): an item stored
  // without a version is version 1 from here on (`WriteOptions.lateVersioning`).
  const original = inPackage ? read : { _current_version: 1, ...read };
  if (etag !== undefined && etag !== original._etag) throw new EtagMismatchError();
  if (!inPackage && await archive.lockedByOther(original, actor)) {
    throw new ForbiddenError("The item was locked by another user");
  }
  const state = String(original.state);
  assertPublishTransition(kind, state, original.type);
  if (kind === "kill") await assertNotInLivePackage(archive, original);
  const clientUpdates: Doc = { ...input };
  for (const field of NOT_FROM_CLIENT) delete clientUpdates[field];
  // A correction's fields are rendered from the editor state it sends (Superdesk's
  // `CorrectPublishService.on_update`).
  if (kind === "correct") generateFields(clientUpdates, { original });
  if (kind === "publish" && deskId) setDesk(clientUpdates, original, deskId);
  for (const hook of context.hooks) hook.prepare?.(kind, original, clientUpdates);
  await assertDeskChange(context, original, clientUpdates, actor);
  await checkRules(context, kind, original, clientUpdates);
  const now = new Date();
  const updates = await actionUpdates(context, kind, original, clientUpdates, { actor, now });
  if (context.copyMetadataFromParent) inheritParentMetadata(kind, original, updates);
  const next: Doc = { ...original, ...updates };
  const result = await context.validator.validate({
    // Superdesk's: an automatic publish (an ingest routing rule's) has validators of its own.
    act: updates.auto_publish === true ? "auto_publish" : validationAct(kind),
    type: String(original.type ?? "text"),
    item: next,
  });
  if (result && result.errors.length > 0) throw validationFailure(result);
  await checkAssociatedItems(context, validationAct(kind), { original, updates });
  await checkPackageItems(context, kind, next, { lockUser: original.lock_user, actor });
  const withAssociations = context.publishAssociatedItems === true && original.type !== "composite";
  if (withAssociations) await checkAssociations(archive, original, updates);
  // A correction's crops and newly associated media (Superdesk's correction runs the archive's
  // `_handle_media_updates`), undone when the correction is not stored: its crop files go unless
  // an item refers to them (associated items corrected with them before the failure).
  const media = kind === "correct";
  const undoMedia = () => archive.hooks.mediaSaveRefused(updates, original, actor).catch(() => {});
  if (media) {
    try {
      flushRenditions(updates, original);
      await archive.hooks.mediaSave(updates, original, actor);
    } catch (error) {
      await undoMedia();
      throw error;
    }
    for (const field of ["renditions", "associations"]) {
      if (field in updates) next[field] = updates[field];
    }
  }
  let undoPicture: (() => Promise<void>) | undefined;
  let written: { stored: Doc; copy: Doc; indexed: Promise<unknown> };
  try {
    undoPicture = await context.pictureMetadata?.apply(updates, next);
    written = await writeAction(context, kind, {
      id,
      original,
      updates,
      next,
      input,
      actor,
      withAssociations,
    });
  } catch (error) {
    if (media) await undoMedia();
    await undoPicture?.().catch(() => {});
    throw error;
  }
  const { stored, copy, indexed } = written;
  await indexed;
  await archive.signals.emit("item:operation", {
    item: stored,
    operation: String(updates.operation ?? kind),
    updates,
    user: actor.userId,
  });
  // Only now: an action that failed leaves the schedule and its copy as they were.
  if (state === "scheduled") await published.discardScheduled(id, { keep: String(copy._id) });
  const schedule = scheduleOf(copy);
  await requestEnqueue(
    context.queue,
    context.documents,
    schedule > now.getTime() ? new Date(schedule) : undefined,
  );
  await archive.notify("item:publish", {
    item: id,
    unique_name: original.unique_name ?? null,
    desk: taskOf(original).desk ?? "",
    user: actor.userId ?? "",
  });
  await pushContentUpdate(archive.notify, actor.userId, [original, stored]);
  // Scheduled too, as Superdesk's `on_updated` (internal destinations send scheduled items).
  await published.announcePublished(stored, { afterScheduled: false, user: actor.userId });
  for (const hook of context.hooks) await hook.stored?.(kind, { original, stored, input, actor });
  return stored;
}

/**
 * The writes of an action once it is checked: a package's items or a story's associations, the
 * published copy, then the archive item (the copy removed if that fails).
 */
async function writeAction(
  context: PublishContext,
  kind: PublishKind,
  { id, original, updates, next, input, actor, withAssociations }: {
    id: string;
    original: Doc;
    updates: Doc;
    next: Doc;
    input: Doc;
    actor: Actor;
    withAssociations: boolean;
  },
): Promise<{ stored: Doc; copy: Doc; indexed: Promise<unknown> }> {
  const { archive, published } = context;
  // `COPY_METADATA_FROM_PARENT`: media associations already hold the story's metadata
  // (`inheritParentMetadata`), not their items'.
  const refresh = (associations: Doc) =>
    refreshedAssociations(archive, associations, { keepMedia: context.copyMetadataFromParent });
  if (original.type === "composite") {
    updates.groups = next.groups = await publishPackageItems(
      archive,
      next,
      (member, { etag, updates }) =>
        publishItem(context, "publish", member, { actor, etag, updates, inPackage: true }),
    );
  }
  if (withAssociations) {
    await publishAssociations(
      {
        archive,
        related: await relatedFields(archive),
        act: (action, item, { etag, updates }) =>
          publishItem(context, action, item, { actor, etag, updates, inPackage: true }),
      },
      kind,
      original,
      updates,
    );
    if (isDoc(updates.associations)) next.associations = await refresh(updates.associations);
  } else if (original.type !== "composite") {
    const sent = associationsAsSent(kind, next, input);
    if (sent) next.associations = sent;
    else if (isDoc(updates.associations)) next.associations = await refresh(updates.associations);
  }
  // After validation, as Superdesk's kill service adds it in `update`: validators judge the body
  // the client sent.
  if (kind === "kill" || kind === "takedown") {
    await applyKillOverride(context, kind, original, updates);
    next.body_html = updates.body_html;
  }
  for (const hook of context.hooks) {
    await hook.beforeWrite?.(kind, { original, input, actor });
  }
  const { copy, indexed } = await published.record({
    ...next,
    _current_version: Number(original._current_version ?? 0) + 1,
  });
  try {
    const stored = await archive.update(id, toWire(updates), {
      etag: String(original._etag),
      actor: SYSTEM_ACTOR,
      // As `publishItem` read it: a package's unversioned item stays without the catch.
      lateVersioning: Number.isInteger(original._current_version),
    });
    return { stored, copy, indexed };
  } catch (error) {
    // The copy goes whatever became of its indexing (a failure leaves its own retry trace),
    // and the caller hears why the action failed.
    await indexed.catch(() => {});
    await published.discard(String(copy._id));
    throw error;
  }
}

/**
 * Superdesk's `PublishService.set_desk`: an item without a desk published with `desk_id` goes
 * to that desk, and so do its associated items that have none.
 */
function setDesk(updates: Doc, original: Doc, deskId: string) {
  if (taskOf(original).desk || (updates.task as Doc | undefined)?.desk) return;
  updates.task = { ...((updates.task ?? original.task ?? {}) as Doc), desk: deskId };
  const associations = (updates.associations ?? {}) as Doc;
  for (const item of Object.values(associations) as Array<Doc | null>) {
    if (item && !(item.task as Doc | undefined)?.desk) {
      item.task = { ...(item.task as Doc | undefined), desk: deskId };
    }
  }
}

/**
 * An action that puts the item on another desk or stage (`desk_id`, or the `task` a client sends
 * from personal space) goes where a move could: the desk exists and, without `move`, the user is
 * one of its members (Superdesk's `set_desk` does not check; our moves do, `item_location.ts`).
 */
async function assertDeskChange(
  context: PublishContext,
  original: Doc,
  updates: Doc,
  actor: Actor,
) {
  const task = updates.task;
  if (!task || typeof task !== "object" || Array.isArray(task)) return;
  const { desk, stage } = task as Doc;
  const before = taskOf(original);
  if ((desk ?? undefined) === before.desk && (stage ?? undefined) === before.stage) return;
  await resolveLocation(context.archive.registry, { desk, stage }, { actor });
}

/** Superdesk's `_validate` checks that do not depend on validators. */
async function checkRules(context: PublishContext, kind: PublishKind, original: Doc, updates: Doc) {
  const merged = { ...original, ...updates };
  if ("publish_schedule" in updates || "schedule_settings" in updates) {
    assertReadableSchedule(merged);
  }
  const flags = (merged.flags ?? {}) as Doc;
  if (flags.marked_for_not_publication === true) {
    throw publishRefusal("Cannot publish an item which is marked as Not for Publication");
  }
  await checkChangedEmbargo(context, original, merged);
  if ((kind === "correct" || kind === "kill") && updates.embargo && !original.embargo) {
    throw publishRefusal("Embargo can't be set after publishing");
  }
  if (
    (kind === "kill" || kind === "takedown") && "dateline" in updates &&
    JSON.stringify(updates.dateline) !== JSON.stringify(original.dateline)
  ) {
    throw publishRefusal("Dateline can't be modified on kill or take down");
  }
  if (kind !== "publish") return;
  const schedule = utcPublishSchedule(merged)?.getTime() ?? NaN;
  if (updates.publish_schedule && !Number.isNaN(schedule) && schedule < Date.now()) {
    throw publishRefusal("Schedule cannot be earlier than now");
  }
  if (typeof merged.rewritten_by === "string" && merged.rewritten_by) {
    const update = await context.archive.findOne({ _id: merged.rewritten_by });
    if (update && PUBLISHED_STATES.has(String(update.state))) {
      throw publishRefusal("Cannot publish the story after Update is published.");
    }
  }
  if (typeof merged.rewrite_of === "string" && merged.rewrite_of) {
    const story = await context.archive.findOne({ _id: merged.rewrite_of });
    // A story scheduled no earlier than its update would go out after it.
    const storyLater = story?.state === "scheduled" &&
      (utcPublishSchedule(story)?.getTime() ?? NaN) >=
        (Number.isNaN(schedule) ? Date.now() : schedule);
    if (story && (!PUBLISHED_STATES.has(String(story.state)) || storyLater)) {
      throw publishRefusal("Can't publish update until original story is published.");
    }
  }
}

/**
 * An embargo the action changes is checked as a save checks it (Superdesk's `_validate`): ahead,
 * without a schedule, not on a rewrite; refused in the publishing actions' shape.
 */
async function checkChangedEmbargo(context: PublishContext, original: Doc, merged: Doc) {
  if (original.type === "composite" || !merged.embargo) return;
  const embargo = utcEmbargo(merged);
  const before = epochMs((original.schedule_settings as Doc | null | undefined)?.utc_embargo);
  if (!embargo || embargo.getTime() === before) return;
  const settings = {
    ...(merged.schedule_settings as Doc | null | undefined),
    utc_embargo: embargo,
  };
  try {
    await validateEmbargo(context.archive, { ...merged, schedule_settings: settings });
  } catch (error) {
    throw error instanceof BadRequestError ? publishRefusal(error.message) : error;
  }
}

/** The archive updates of the action (Superdesk's `on_update`, `set_state`, `_set_updates`). */
async function actionUpdates(
  context: PublishContext,
  kind: PublishKind,
  original: Doc,
  client: Doc,
  { actor, now }: { actor: Actor; now: Date },
): Promise<Doc> {
  const merged = { ...original, ...client };
  const updates: Doc = {
    ...client,
    operation: kind,
    versioncreated: now,
    version_creator: actor.userId ?? original.version_creator ?? null,
    lock_user: null,
    lock_session: null,
    lock_time: null,
    lock_action: null,
  };
  const location = await currentLocation(context.archive.registry, original);
  if (!original.ingest_provider) {
    updates.source = location.desk?.source || original.source || DEFAULT_SOURCE;
  }
  // The schedule is wall-clock time in the settings' time zone (Superdesk's
  // `update_schedule_settings`), which the item keeps.
  const schedule = utcPublishSchedule(merged)?.getTime() ?? NaN;
  let embargo = kind === "kill" || kind === "takedown" ? null : utcEmbargo(merged);
  if (kind === "correct" && embargo && embargo < now) {
    // Superdesk's correction drops an embargo that has passed, so later ones go without it.
    updates.embargo = embargo = null;
  }
  const zone = (merged.schedule_settings as Doc | null | undefined)?.time_zone;
  const settings: Doc = zone ? { time_zone: zone } : {};
  if (kind === "publish" && !Number.isNaN(schedule) && schedule > now.getTime()) {
    updates.state = "scheduled";
    settings.utc_publish_schedule = new Date(schedule);
  } else {
    updates.state = kindState(kind);
    updates.publish_schedule = null;
  }
  if (embargo) {
    settings.utc_embargo = embargo;
    settings.time_zone = zone ?? null;
  }
  updates.schedule_settings = settings;
  updates.pubstatus = kind === "publish" || kind === "correct" ? "usable" : "canceled";
  if (kind === "kill" || kind === "takedown") {
    updates.embargo = null;
    updates.publish_schedule = null;
    updates.schedule_settings = {};
  }
  if (kind === "publish" && !original.firstpublished) {
    updates.firstpublished = updates.state === "scheduled" ? new Date(schedule) : now;
  }
  if (kind === "correct") {
    updates.correction_sequence = Number(original.correction_sequence ?? 1) + 1;
  }
  // Publishing and correcting sign the item off (Superdesk's `set_sign_off` in their services).
  if ((kind === "publish" || kind === "correct") && !("sign_off" in client)) {
    const mine = await signOffOf(context.archive.registry, actor);
    const signOff = mine === undefined ? undefined : nextSignOff(original.sign_off, mine);
    if (signOff !== undefined) updates.sign_off = signOff;
  }
  // Counted from the schedule or the embargo, as Superdesk's `_set_item_expiry`;
  // PUBLISHED_CONTENT_EXPIRY_MINUTES, when set, wins over the stage's and desk's.
  const published = context.archive.options.publishedContentExpiryMinutes;
  const expiry = itemExpiry({
    ...(published ? {} : location),
    defaultMinutes: published || context.archive.options.contentExpiryMinutes,
    now: updates.state === "scheduled" ? new Date(schedule) : embargo ?? now,
  });
  updates.expiry = expiry;
  return updates;
}

function kindState(kind: PublishKind): string {
  return {
    publish: "published",
    correct: "corrected",
    kill: "killed",
    takedown: "recalled",
    unpublish: "unpublished",
  }[kind];
}

/** Dates as ISO strings, so the archive service validates and stores them as dates. */
function toWire(updates: Doc): Doc {
  return JSON.parse(JSON.stringify(updates)) as Doc;
}

/** Superdesk's takedown and unpublish services are kill services: validated as kills. */
function validationAct(kind: PublishKind): string {
  return kind === "takedown" || kind === "unpublish" ? "kill" : kind;
}

/**
 * `COPY_METADATA_FROM_PARENT`: the media associations an action on a story writes take the
 * story's metadata, in `updates` — a publish's or correction's all of them (the stored ones with
 * the client's over them), another action's those the client sent.
 */
function inheritParentMetadata(kind: PublishKind, original: Doc, updates: Doc): void {
  if (original.type === "composite") return;
  const all = kind === "publish" || kind === "correct";
  const associations = {
    ...(all && isDoc(original.associations) ? original.associations : {}),
    ...(isDoc(updates.associations) ? updates.associations : {}),
  };
  if (Object.keys(associations).length === 0) return;
  updates.associations = withParentMetadata({ ...original, ...updates }, associations);
}
