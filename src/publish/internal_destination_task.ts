/**
 * Sending published items to internal destinations (Superdesk's `handle_item_published` and its
 * `Internal_Destination_Auto_Publish` macro), as a retried task the `item:published` signal
 * requests, once per published version (unique key). For each active destination whose desk is
 * not the item's and whose filter (if any) matches: a scheduled item goes now unless the
 * destination waits for its time (`send_after_schedule`), and then only when the time comes.
 * The copy lands on the destination's stage (else its desk's incoming stage), `routed`, after
 * the destination's macro ran on it; with the auto-publish macro it is published instead, and a
 * later correction, kill or takedown of the item is applied to that published copy.
 *
 * Exactly once: runs for one item hold its lock; a copy's id is derived from the destination,
 * the item and its version, so a run that is retried finds the copy it made; an action on the
 * published copy is claimed first with the copy's version, and a retry that finds a version of
 * that kind after it knows the action was done.
 */
import { isDeepStrictEqual } from "node:util";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { withLock } from "../tasks/lock.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { MacrosService } from "../macros/macros_service.ts";
import { copyItem } from "../ingest/duplicate_item.ts";
import { matchesContentFilter } from "./content_filter_match.ts";
import type { ContentFiltersService } from "./content_filters_service.ts";
import { publishingValidator } from "./media_metadata_check.ts";
import { type PublishContext, publishItem } from "./publish_action.ts";
import type { PublishedService } from "./published_service.ts";
import { PUBLISH_KINDS, type PublishKind } from "./publish_workflow.ts";

/** The task's name. */
export const INTERNAL_DESTINATIONS_TASK = "publish:internal_destinations";
/** Superdesk's macro that publishes the copy. */
export const AUTO_PUBLISH_MACRO = "Internal_Destination_Auto_Publish";

const LOCK_TTL_MS = 60_000;
/** Claims of actions on published copies, by destination, item and version. */
const CLAIMS = "internal_destination_claims";
/** Fields of the item not carried to its published copy (Superdesk's `remove_after_copy`). */
const NOT_CARRIED = new Set([
  "guid",
  "family_id",
  "event_id",
  "state",
  "operation",
  "task",
  "source",
  "unique_id",
  "unique_name",
  "original_id",
  "expiry",
  "correction_sequence",
  "processed_from",
  "firstcreated",
  "versioncreated",
  "version_creator",
  "original_creator",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "firstpublished",
  "sign_off",
]);

/** The task's arguments. */
export interface InternalDestinationArgs {
  item_id: string;
  version: number;
  after_scheduled: boolean;
}

/** Requests the sending of version `item` (as published) when any destination is active. */
export async function requestInternalDestinations(
  services: Pick<ServiceContext, "documents" | "queue">,
  item: Doc,
  afterScheduled: boolean,
): Promise<void> {
  const active = await services.documents.collection("internal_destinations").findOne(
    { is_active: true },
    { projection: { _id: 1 } },
  );
  if (!active) return;
  const args: InternalDestinationArgs = {
    item_id: String(item._id),
    version: Number(item._current_version),
    after_scheduled: afterScheduled,
  };
  await (services.queue as TaskQueue).enqueue(
    { name: INTERNAL_DESTINATIONS_TASK, queue: "publish" },
    args,
    { uniqueKey: `${INTERNAL_DESTINATIONS_TASK}:${args.item_id}:${args.version}` },
  );
}

/** The task: one run per item at a time; a run that finds the item busy is retried. */
export const internalDestinationsTask = defineTask<InternalDestinationArgs, ServiceContext>({
  name: INTERNAL_DESTINATIONS_TASK,
  queue: "publish",
  timeoutMs: LOCK_TTL_MS,
  async handler(args, { services }) {
    const outcome = await withLock(
      services.locks,
      `${INTERNAL_DESTINATIONS_TASK}:${args.item_id}`,
      LOCK_TTL_MS,
      () => sendToDestinations(services, args),
    );
    if (!outcome.acquired) throw new Error(`item ${args.item_id} is being sent; retried`);
  },
});

/** Sends version `args.version` of the item to every destination that takes it. */
export async function sendToDestinations(
  services: ServiceContext,
  args: InternalDestinationArgs,
): Promise<void> {
  const { registry, documents } = services;
  const archive = registry.service<ArchiveService>("archive");
  const current = await archive.findOne({ _id: args.item_id });
  const item = current && Number(current._current_version) === args.version
    ? current
    : await archive.versions?.get(args.item_id, args.version);
  if (!item) return;
  const destinations = await documents.collection("internal_destinations").find(
    { is_active: true },
    { sort: [["_id", 1]] },
  );
  const filters = await registry.service<ContentFiltersService>("content_filters").filterSet();
  for (const destination of destinations) {
    if (destination.desk === (item.task as Doc | undefined)?.desk) continue;
    if (destination.filter) {
      const filter = filters.contentFilters.get(String(destination.filter));
      if (!filter || !matchesContentFilter(filter, item, filters)) continue;
    }
    const scheduled = item.publish_schedule !== undefined && item.publish_schedule !== null;
    if (!args.after_scheduled && scheduled && destination.send_after_schedule) continue;
    if (args.after_scheduled && !destination.send_after_schedule) continue;
    const source: Doc = structuredClone(item);
    if (item.state === "published") {
      source.publish_schedule = null;
      source.schedule_settings = {};
    }
    await sendTo(services, source, destination, args.version);
  }
}

/** `send_to` and the destination's macro, then the copy (or, auto-publishing, the action). */
async function sendTo(services: ServiceContext, item: Doc, destination: Doc, version: number) {
  const desk = await services.documents.collection("desks").findOne({ _id: destination.desk });
  if (!desk) return;
  const stage = destination.stage ?? desk.incoming_stage;
  const copyId = `${item._id}.${destination._id}.${version}`;
  const place = { desk: String(desk._id), stage: String(stage) };
  item.task = { ...(item.task as Doc | undefined), ...place };
  if (destination.macro === AUTO_PUBLISH_MACRO) {
    return await autoPublish(services, item, { place, copyId, claim: `${copyId}:claim` });
  }
  const changed = destination.macro
    ? await applyMacro(services, String(destination.macro), item)
    : item;
  await routedCopy(services, changed, { place, copyId });
}

/** The routed copy `copyId` of `item`, made unless a run before made it. */
async function routedCopy(
  services: ServiceContext,
  item: Doc,
  { place, copyId, extra }: { place: { desk: string; stage: string }; copyId: string; extra?: Doc },
): Promise<Doc> {
  const archive = services.registry.service<ArchiveService>("archive");
  const made = await archive.findOne({ _id: copyId });
  if (made) return made;
  return await copyItem(services, item, {
    actor: SYSTEM_ACTOR,
    ...place,
    id: copyId,
    state: "routed",
    keepSchedule: true,
    extra,
  });
}

/**
 * Runs macro `name` on `item`; a missing macro is skipped, as in Superdesk. A macro that fails
 * fails the run (retried), rather than send a copy the macro was to change.
 */
async function applyMacro(services: ServiceContext, name: string, item: Doc): Promise<Doc> {
  const macros = services.registry.has("macros")
    ? services.registry.service<MacrosService>("macros")
    : undefined;
  const all = macros?.list({ backend: true, page: 1, maxResults: Number.MAX_SAFE_INTEGER });
  if (!all?.items.some((macro) => macro.name === name)) {
    services.log.warn("the macro of an internal destination is missing", { macro: name });
    return item;
  }
  const result = await macros!.run({ macro: name, item, commit: false }, SYSTEM_ACTOR);
  return result.item as Doc;
}

/**
 * Superdesk's `internal_destination_auto_publish`: a published item (or one with no published
 * copy on the desk yet) is copied and the copy published with the item's schedule; any other
 * action is applied to the copy published before, with the fields that differ.
 */
async function autoPublish(
  services: ServiceContext,
  item: Doc,
  { place, copyId, claim }: {
    place: { desk: string; stage: string };
    copyId: string;
    claim: string;
  },
) {
  const archive = services.registry.service<ArchiveService>("archive");
  const context = publishContext(services);
  const earlier = await archive.findOne({
    processed_from: String(item._id),
    "task.desk": place.desk,
  });
  if (item.state === "published" || !earlier || earlier._id === copyId) {
    const copy = await routedCopy(services, item, {
      place,
      copyId,
      extra: { processed_from: String(item._id) },
    });
    if (copy.state !== "routed") return;
    await publishItem(context, "publish", copyId, {
      actor: SYSTEM_ACTOR,
      updates: {
        publish_schedule: item.publish_schedule ?? null,
        schedule_settings: item.schedule_settings ?? {},
      },
    });
    return;
  }
  const kind = String(item.operation) as PublishKind;
  if (!PUBLISH_KINDS.includes(kind)) return;
  const claims = services.documents.collection(CLAIMS);
  let claimed = await claims.findOne({ _id: claim });
  if (!claimed) {
    claimed = { _id: claim, copy: earlier._id, before: Number(earlier._current_version) };
    await claims.insertMany([claimed]);
  }
  const target = await archive.findOne({ _id: claimed.copy });
  if (!target || await actionLanded(archive, target, kind, Number(claimed.before))) return;
  const updates: Doc = {};
  for (const [key, value] of Object.entries(item)) {
    if (key.startsWith("_") || NOT_CARRIED.has(key)) continue;
    if (!isDeepStrictEqual(target[key], value)) updates[key] = value;
  }
  await publishItem(context, kind, String(target._id), {
    actor: SYSTEM_ACTOR,
    etag: String(target._etag),
    updates,
  });
}

/**
 * Whether a version of `copy` after `before` (its version when the action was claimed) is an
 * action of `kind`: a run that crashed after acting. A user's edit in between is not, so the
 * action is still applied to the copy as it is now.
 */
async function actionLanded(
  archive: ArchiveService,
  copy: Doc,
  kind: PublishKind,
  before: number,
): Promise<boolean> {
  const after = Number(copy._current_version) - before;
  if (after <= 0) return false;
  const wanted = Array.from({ length: after }, (_, i) => ({
    id: String(copy._id),
    version: before + 1 + i,
  }));
  const versions = await archive.versions?.getEach(wanted, ["operation"]) ?? [];
  return versions.some((version) => version?.operation === kind);
}

/** Publishing as the system does it (no broadcast hooks: a copy has no broadcasts). */
function publishContext(services: ServiceContext): PublishContext {
  const { registry } = services;
  return {
    archive: registry.service<ArchiveService>("archive"),
    published: registry.service<PublishedService>("published"),
    validator: publishingValidator(registry, {
      media: services.config.validateMediaMetadataOnPublish,
      itemSchemas: services.config.itemSchemas,
    }),
    queue: services.queue,
    documents: services.documents,
    timeZone: services.config.defaultTimezone,
    hooks: [],
  };
}
