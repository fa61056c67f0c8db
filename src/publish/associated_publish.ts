/**
 * `PUBLISH_ASSOCIATED_ITEMS` for a story's associations (Superdesk's
 * `BasePublishService._publish_associated_items` and the association checks of
 * `_validate_associated_items`): publishing or correcting a story publishes or corrects the
 * archive items its associations name, with the association's fields as the action's changes,
 * and the story keeps each association with the state the action gave it; related items
 * (associations of a `related_content` field) are kept as references (`_id`, `type`, `order`).
 * Every association is checked first (it exists, it is not killed, recalled or spiked, it is not
 * locked), so a refusal stops the action before any item is written. A scheduled story schedules
 * the items it publishes with it. Kills, takedowns and unpublishing leave associations alone
 * (a deviation, README).
 */
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { BadRequestError } from "../errors.ts";
import { publishRefusal, pythonString } from "./publish_errors.ts";
import { PUBLISH_RULES, PUBLISHED_STATES, type PublishKind } from "./publish_workflow.ts";

/** Runs `kind` on archive item `id` (its etag given) with `updates`, as the story's user. */
export type ActOnAssociated = (
  kind: PublishKind,
  id: string,
  options: { etag: string; updates: Doc },
) => Promise<Doc>;

/** Fields of an association that are not changes to its item. */
const NOT_CHANGES = [
  "_id",
  "_type",
  "_etag",
  "_links",
  "_created",
  "_updated",
  "_latest_version",
  "_current_version",
  "desk",
  "archived",
  "task",
  "state",
  "operation",
  "is_queued",
  // A related item's place among the story's related items, not a field of the item.
  "order",
];

/** The associations `original` has with `updates` applied (key by key). */
function mergedAssociations(original: Doc, updates: Doc): Array<[string, Doc]> {
  const merged = { ...asDoc(original.associations), ...asDoc(updates.associations) };
  return Object.entries(merged).filter((entry): entry is [string, Doc] =>
    isDoc(entry[1]) && typeof entry[1]._id === "string"
  );
}

/**
 * Refuses the action when an association's item is missing, withdrawn or spiked, or locked
 * (Superdesk's messages, as a list).
 */
export async function checkAssociations(
  archive: ArchiveService,
  original: Doc,
  updates: Doc,
): Promise<void> {
  const errors: string[] = [];
  for (const [key, association] of mergedAssociations(original, updates)) {
    if (association._fetchable === false) continue;
    const stored = await archive.findOne({ _id: String(association._id) });
    if (!stored) {
      if (!PUBLISHED_STATES.has(String(association.state))) {
        throw publishRefusal(`Associated item "${key}" does not exist in the system`);
      }
      continue;
    }
    const state = String(stored.state ?? "published");
    if (["killed", "recalled", "spiked"].includes(state)) {
      errors.push(`Item cannot contain associated ${state} item.`);
    }
    if (stored.lock_user) {
      const name = association.headline ?? stored.headline ?? stored._id;
      errors.push(
        String(stored.lock_user) === String(original.lock_user ?? "")
          ? `${name}: packaged item is locked by you. Unlock it and try again`
          : `${name}: packaged item is locked by another user`,
      );
    }
  }
  if (errors.length > 0) {
    throw new BadRequestError(errors.join("; "), {
      issues: { "validator exception": `[${errors.map(pythonString).join(", ")}]` },
    });
  }
}

/**
 * Publishes or corrects the items the associations of `original` (with `updates`) name, and
 * writes the associations the story keeps into `updates`. `related` names the association
 * fields that hold related items.
 */
export async function publishAssociations(
  { archive, act, related }: {
    archive: ArchiveService;
    act: ActOnAssociated;
    related: ReadonlySet<string>;
  },
  kind: PublishKind,
  original: Doc,
  updates: Doc,
): Promise<void> {
  if (kind !== "publish" && kind !== "correct") return;
  const target = String(updates.state ?? PUBLISH_RULES[kind].to);
  const clientAssociations = asDoc(updates.associations);
  const kept: Doc = { ...clientAssociations };
  for (const [key, association] of mergedAssociations(original, updates)) {
    const id = String(association._id);
    const keep = (fields: Doc) => kept[key] = { ...association, ...fields };
    if (association._fetchable === false) {
      keep({ state: target, operation: kind });
      continue;
    }
    const stored = await archive.findOne({ _id: id });
    if (!stored) continue;
    const etag = String(stored._etag);
    const state = String(association.state ?? "");
    if (state === "unpublished" || !PUBLISHED_STATES.has(state)) {
      if (PUBLISHED_STATES.has(String(stored.state)) && stored.state !== "unpublished") {
        keep({ state: stored.state, operation: stored.operation ?? kind });
        continue;
      }
      const done = await act("publish", id, {
        etag,
        updates: inheritSchedule(
          kind,
          { original, updates },
          state === "unpublished" ? {} : changes(association, stored),
        ),
      });
      keep(synced(done, { state: target, operation: kind }));
    } else if (state !== target) {
      const sent = clientAssociations[key];
      if (isDoc(sent) && PUBLISHED_STATES.has(String(sent.state))) continue;
      await act(kind, id, { etag, updates: changes(isDoc(sent) ? sent : association) });
    }
  }
  for (const [key, association] of Object.entries(kept)) {
    if (!isDoc(association) || association._fetchable === false) continue;
    if (!related.has(key.split("--")[0]!)) continue;
    kept[key] = { _id: association._id, type: association.type, order: association.order ?? 1 };
  }
  if (Object.keys(kept).length > 0) updates.associations = kept;
}

/**
 * Without `PUBLISH_ASSOCIATED_ITEMS` (Superdesk's `_publish_associated_items` when it may not
 * publish them): the published copy of the story shows each association it already had as sent
 * by the action (`state`, `operation`), while the items and the story in archive stay as they
 * are. An action whose client (`input`) sends associations of its own replaces them as they were
 * sent (`undefined` here). `story` is the story as the action leaves it.
 */
export function associationsAsSent(
  kind: PublishKind,
  story: Doc,
  input: Doc,
): Doc | undefined {
  if (!isDoc(story.associations) || "associations" in input) return undefined;
  const marked: Doc = {};
  for (const [key, association] of Object.entries(story.associations)) {
    marked[key] = isDoc(association) && association._id
      ? { ...association, state: PUBLISH_RULES[kind].to, operation: kind }
      : association;
  }
  return marked;
}

/**
 * Superdesk's `_inherit_publish_schedule`: publishing a scheduled story schedules the
 * associated items it publishes with it, unless they have a schedule of their own.
 */
function inheritSchedule(
  kind: PublishKind,
  { original, updates }: { original: Doc; updates: Doc },
  changes: Doc,
): Doc {
  if (kind !== "publish") return changes;
  const schedule = "publish_schedule" in updates
    ? updates.publish_schedule
    : original.publish_schedule;
  if (!schedule || changes.publish_schedule) return changes;
  const settings = asDoc(updates.schedule_settings ?? original.schedule_settings);
  const { utc_publish_schedule: _utc, ...zone } = settings;
  return { ...changes, publish_schedule: schedule, schedule_settings: zone };
}

/**
 * The system fields a publishing action sets on an item that the story's association takes
 * from it (its content fields stay the association's own).
 */
const SYNCED_FIELDS = ["pubstatus", "firstpublished", "versioncreated", "version_creator"];

/**
 * What the story keeps of an associated item it published (Superdesk's
 * `sync_associated_item_changes`): the item's new version, the system fields its publish set and
 * its schedule, then `fields`.
 */
function synced(item: Doc, fields: Doc): Doc {
  const kept: Doc = { _current_version: item._current_version };
  for (const field of SYNCED_FIELDS) if (item[field]) kept[field] = item[field];
  Object.assign(kept, fields);
  if (item.publish_schedule) {
    kept.publish_schedule = item.publish_schedule;
    kept.schedule_settings = item.schedule_settings;
  }
  return kept;
}

/** The fields (vocabularies) whose associations are related items (`related_content`). */
export async function relatedFields(archive: ArchiveService): Promise<Set<string>> {
  const found = await archive.registry.service("vocabularies").find({
    filter: { field_type: "related_content" },
    page: 1,
    maxResults: 1000,
    skipCount: true,
  });
  return new Set(found.items.map((vocabulary) => String(vocabulary._id)));
}

/** Item types whose stored fields win over an older association's (Superdesk's `MEDIA_TYPES`). */
const MEDIA_TYPES = new Set(["picture", "video", "audio", "graphic"]);

/**
 * Not the item's content but when the story publishes it: a schedule the item kept from a
 * deschedule is not to win over the story's (Superdesk's `_set_updates_for_media_items` keeps
 * content fields only).
 */
const SCHEDULE_FIELDS = new Set(["publish_schedule", "schedule_settings"]);

/**
 * An association's fields as changes to its item `stored`. A media item edited since it was
 * associated keeps its own fields (Superdesk's `_set_updates_for_media_items`): the association
 * only adds what the item lacks.
 */
function changes(association: Doc, stored?: Doc): Doc {
  const out: Doc = { ...association };
  for (const field of NOT_CHANGES) delete out[field];
  const older = !(Number(association._current_version) >= Number(stored?._current_version));
  if (stored && MEDIA_TYPES.has(String(stored.type)) && older) {
    for (const [field, value] of Object.entries(stored)) {
      if (SCHEDULE_FIELDS.has(field)) continue;
      if (field in out && value !== undefined && value !== null && value !== "") delete out[field];
    }
  }
  return out;
}

function asDoc(value: unknown): Doc {
  return isDoc(value) ? value : {};
}
