/**
 * What the server adds to a new item (Superdesk's `on_create_item`, `on_create` and
 * `copy_metadata_from_profile`, `copy_metadata_from_user_preferences`): identity, creators,
 * dates, state, source, dateline, sign-off, byline, priority, urgency, genre, location and
 * expiry.
 */
import { BadRequestError } from "../errors.ts";
import type { ManualArticleDefaults } from "../config/config.ts";
import { preferencesOfUser } from "../auth/user_preferences.ts";
import type { Actor } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { completeDateline } from "./dateline.ts";
import { refreshRefs } from "./item_refs.ts";
import { newAssociations } from "./item_associations.ts";
import { itemExpiry } from "./item_expiry.ts";
import { assertWritableStage, resolveLocation } from "./item_location.ts";
import { nextSignOff, signOffOf } from "./sign_off.ts";
import { wordCount } from "../text/html_text.ts";

/**
 * States a user may create an item in: the workflow before publishing (`fetched` and `routed`
 * are what fetching and routing from ingest make; Superdesk's specs create such items).
 */
const CREATE_STATES = new Set(["draft", "in_progress", "submitted", "fetched", "routed"]);

/** Fills a new item's server fields (in place); `doc._id` is set (its guid unless given). */
export async function prepareNewItem(
  archive: ArchiveService,
  doc: Doc,
  { actor, now }: { actor: Actor; now: Date },
): Promise<void> {
  const userId = actor.kind === "user" ? actor.userId : undefined;
  if (typeof doc.guid !== "string") doc.guid = doc._id;
  if (userId && doc.state !== undefined && !CREATE_STATES.has(String(doc.state))) {
    throw new BadRequestError(
      `Workflow transition is invalid: a new item cannot start as "${doc.state}"`,
      { issues: { state: doc.state } },
    );
  }
  doc.state ??= "draft";
  doc.type ??= "text";
  doc.profile ??= doc.type;
  doc.family_id ??= doc.guid;
  doc.event_id ??= newEventId(now);
  doc.operation ??= "create";
  doc.pubstatus ??= "usable";
  if (userId) doc.original_creator = userId;
  doc.version_creator = doc.original_creator || null;
  doc.firstcreated ??= now;
  doc.versioncreated ??= now;
  const task = (doc.task ?? {}) as Doc;
  const { desk, stage } = await resolveLocation(archive.registry, task, { actor });
  assertWritableStage(stage, actor, doc);
  const user = task.user ?? userId ?? null;
  // The system writes where it was told (fixtures, ingest); a user's stage decides the desk.
  const deskId = !userId && typeof task.desk === "string" ? task.desk : desk?._id;
  doc.task = desk ? { ...task, desk: deskId, stage: stage?._id ?? null, user } : { ...task, user };
  doc.language ??= desk?.desk_language || "en";
  if (!(doc.ingest_provider && doc.source)) {
    doc.source = desk?.source || archive.options.defaultSource;
  }
  completeDateline(doc.dateline, String(doc.source));
  if (doc.body_html && !("word_count" in doc)) doc.word_count = wordCount(doc.body_html);
  newAssociations(doc, now);
  await refreshRefs(archive, doc);
  if (typeof doc.unique_name === "string" && doc.unique_name !== "") {
    await archive.claimUniqueName(doc.unique_name, String(doc._id));
  }
  if (userId) {
    addManualDefaults(doc, archive.options.manualArticleDefaults);
    await addUserMetadata(archive, doc, actor);
  }
  doc.expiry = desk
    ? itemExpiry({ desk, stage, defaultMinutes: archive.options.contentExpiryMinutes, now })
    : null;
  if (doc.version === 0) doc._current_version = 0;
}

/**
 * Superdesk's `copy_metadata_from_profile`: a user's new item without (or with an empty)
 * priority, urgency or genre gets the configured ones.
 */
function addManualDefaults(doc: Doc, defaults: ManualArticleDefaults) {
  const values: Doc = {
    priority: defaults.priority,
    urgency: defaults.urgency,
    genre: defaults.genre.map((entry) => ({ ...entry })),
  };
  for (const [field, value] of Object.entries(values)) {
    const current = doc[field];
    if (current === undefined || current === null || current === "" || current === 0) {
      doc[field] = value;
    } else if (Array.isArray(current) && current.length === 0) doc[field] = value;
  }
}

/**
 * Superdesk's `copy_metadata_from_user_preferences`: the writer's sign-off, byline, and the
 * dateline place and places of their preferences (`PreferencesService.userPreferences`), unless
 * the item has its own.
 */
async function addUserMetadata(archive: ArchiveService, doc: Doc, actor: Actor) {
  const user = await archive.registry.service("users").findOne({ _id: actor.userId });
  if (!user) return;
  const preferences = await preferencesOfUser(archive.registry, user);
  const located = (preferences["dateline:located"] as Doc | undefined)?.located;
  const hasPlace = Boolean((doc.dateline as Doc | undefined)?.located);
  if (!hasPlace && located && typeof located === "object") {
    doc.dateline = { date: new Date(), source: doc.source, located };
    completeDateline(doc.dateline, String(doc.source));
  }
  if (!("byline" in doc) && user.byline) doc.byline = user.byline;
  const place = (preferences["article:default:place"] as Doc | undefined)?.place;
  if (!("place" in doc) && Array.isArray(place)) doc.place = place;
  if (!("sign_off" in doc)) {
    const mine = await signOffOf(archive.registry, actor);
    if (mine !== undefined) doc.sign_off = nextSignOff("", mine) ?? "";
  }
}

/** Superdesk's `event_id`: a tag URI shared by an item and its updates. */
export function newEventId(now = new Date()): string {
  return `tag:localhost:${now.getUTCFullYear()}:${crypto.randomUUID()}`;
}
