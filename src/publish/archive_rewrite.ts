/**
 * Updating a story (Superdesk's `ArchiveRewriteService`, `POST /api/archive/<id>/rewrite`): with
 * `{desk_id}`, a new item on that desk's working stage (else the story's desk) carrying the
 * story's event, profile and fields (`rewrite_article.ts`); with `{update: {_id ...}}`, an
 * existing story becomes the update. The update names the story (`rewrite_of`,
 * `rewrite_sequence`, `anpa_take_key`), the story and its published copies name the update
 * (`rewritten_by`). Refused with Superdesk's messages: a story under embargo, without an event,
 * updated before, killed, spiked or scheduled (412), an unpublished update (unless
 * `WORKFLOW_ALLOW_MULTIPLE_UPDATES`), and a linked story that is an update already, is out, is
 * not text, is a broadcast or has another profile.
 */
import { BadRequestError, NotFoundError } from "../errors.ts";
import { DEFAULT_SCHEMA_TYPES, defaultSchemaFor } from "../content/default_profile.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { newGuid } from "../resources/ids.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";
import type { ItemFields } from "../apps/item_field_registry.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { pushContentUpdate } from "../newsroom/content_events.ts";
import {
  assertWritableStage,
  currentLocation,
  resolveLocation,
} from "../newsroom/item_location.ts";
import { PreconditionFailedError } from "../newsroom/precondition_failed.ts";
import { utcEmbargo } from "./item_embargo.ts";
import type { PublishedService } from "./published_service.ts";
import { PUBLISHED_STATES } from "./publish_workflow.ts";
import { rewriteArticle } from "./rewrite_article.ts";
import { syncEditorState } from "./rewrite_editor_state.ts";
import { linkStory, NOT_REWRITABLE, unlinkUpdate } from "./rewrite_links.ts";

/** `WORKFLOW_ALLOW_MULTIPLE_UPDATES` and `RESET_PRIORITY_VALUE_FOR_UPDATE_ARTICLES`. */
export interface RewriteSettings {
  allowMultiple: boolean;
  resetPriority: boolean;
}

/** What updating reads and writes. */
export interface RewriteContext {
  archive: ArchiveService;
  published: PublishedService;
  settings: Readonly<RewriteSettings>;
  /** Apps' item fields, which a new update copies unless told not to (`AppContext.itemField`). */
  itemFields: ItemFields;
}

/** How far back a chain of updates is followed to find its first story. */
const MAX_CHAIN = 1000;
/** States of a story that cannot become an update. */
const NOT_LINKABLE = new Set([
  "published",
  "corrected",
  "killed",
  "recalled",
  "scheduled",
  "spiked",
]);

/** Updates story `originalId` as `body` says; returns the update as stored. */
export async function rewriteItem(
  context: RewriteContext,
  originalId: string,
  { actor, body }: { actor: Actor; body: Doc },
): Promise<Doc> {
  const { archive } = context;
  const original = await archive.findOne({ _id: originalId }, actor);
  const client = isDoc(body.update) ? body.update : undefined;
  const stored = client ? await archive.findOne({ _id: String(client._id) }, actor) : undefined;
  if (client && !stored) throw new NotFoundError("Cannot find the update");
  // The client's copy of the linked story carries its unsaved edits (fields it leaves out are the
  // store's); its state, type and link are the store's.
  const existing = stored
    ? { ...stored, ...client, ...pick(stored, ["state", "rewrite_of", "type"]) }
    : null;
  assertRewritable(context, original, existing);
  if (stored) await assertLinkable(archive, original, stored, actor);
  const rewrite = rewriteArticle(original, existing ?? undefined, {
    profileFields: existing ? [] : await profileFields(archive, original),
    appFields: context.itemFields.copiedOnRewrite(),
    resetPriority: context.settings.resetPriority
      ? archive.options.manualArticleDefaults.priority
      : undefined,
  });
  await syncEditorState(archive.registry, rewrite, { original, existing: existing ?? undefined });
  const update = stored
    ? await linkExisting(archive, stored, rewrite)
    : await createUpdate(archive, original, rewrite, { actor, deskId: body.desk_id });
  const link = { updateId: String(update._id), storyId: String(original._id) };
  await linkStory(context, original, update, {
    undo: () =>
      stored
        ? unlinkUpdate(archive, { ...link, restore: fieldsBefore(stored, rewrite) })
        : dropNew(archive, update, link),
  });
  await pushContentUpdate(archive.notify, actor.userId, [original, update]);
  // The histories of both (Superdesk's `ITEM_LINK` and `ITEM_REWRITE`); broadcasts follow the
  // story's (`register_broadcast.ts`).
  const user = actor.userId;
  await archive.signals.emit("item:operation", {
    item: stored ?? update,
    operation: "link",
    updates: { rewrite_of: link.storyId },
    user,
  });
  await archive.signals.emit("item:operation", {
    item: original,
    operation: "rewrite",
    updates: { rewritten_by: link.updateId },
    user,
  });
  return update;
}

function assertRewritable(
  context: RewriteContext,
  original: Doc | null,
  existing: Doc | null,
): asserts original is Doc {
  if (!original) throw new NotFoundError("Cannot find the article");
  const embargo = original.embargo ? utcEmbargo(original) : null;
  if (embargo && embargo.getTime() > Date.now()) {
    throw new BadRequestError("Rewrite of an Item having embargo isn't possible");
  }
  if (!original.event_id) throw new NotFoundError("Event id does not exist");
  if (original.rewritten_by) throw new BadRequestError("Article has been rewritten before !");
  if (NOT_REWRITABLE.has(String(original.state))) {
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
  if (
    original.rewrite_of && !PUBLISHED_STATES.has(String(original.state)) &&
    !context.settings.allowMultiple
  ) {
    throw new BadRequestError("Rewrite is not published. Cannot rewrite the story again.");
  }
  if (!existing) return;
  if (existing.rewrite_of) {
    throw new BadRequestError("Rewrite story has been used as update before !");
  }
  if (NOT_LINKABLE.has(String(existing.state))) {
    throw new PreconditionFailedError("Workflow transition is invalid.");
  }
  if (existing.type !== "text" && existing.type !== "preformatted") {
    throw new BadRequestError("Rewrite story can only be text or pre-formatted !");
  }
  const genres = Array.isArray(existing.genre) ? existing.genre as Doc[] : [];
  if (genres.some((genre) => String(genre?.value ?? "").toLowerCase() === "broadcast")) {
    throw new BadRequestError("Broadcast cannot be a update story !");
  }
  if (original.profile && existing.profile && original.profile !== existing.profile) {
    throw new BadRequestError("Rewrite item content profile does not match with Original item.");
  }
}

/**
 * The linked story must be one the user may edit (Superdesk patches it as the user: another's
 * lock or a read-only stage is a 403), and neither the story being updated nor the first story of
 * its chain of updates (either would make the story its own update, never publishable).
 */
async function assertLinkable(archive: ArchiveService, original: Doc, stored: Doc, actor: Actor) {
  assertWritableStage((await currentLocation(archive.registry, stored)).stage, actor, stored);
  await archive.assertEditable(stored, actor);
  let story: Doc | null = original;
  for (let step = 0; story && step < MAX_CHAIN; step++) {
    if (story._id === stored._id) {
      throw new BadRequestError(
        `Cannot link item "${stored._id}" as an update: it is the story being updated or one ` +
          "it updates",
      );
    }
    const previous: unknown = story.rewrite_of;
    story = typeof previous === "string" && previous
      ? await archive.findOne({ _id: previous }, SYSTEM_ACTOR)
      : null;
  }
}

/** The fields of the story's content profile (Superdesk's `content_types.get_schema`). */
async function profileFields(archive: ArchiveService, original: Doc): Promise<string[]> {
  const id = String(original.profile || original.type || "");
  const profile = await archive.registry.service("content_types").findOne({ _id: id });
  if (profile) return isDoc(profile.schema) ? Object.keys(profile.schema) : [];
  return DEFAULT_SCHEMA_TYPES.has(id) ? Object.keys(defaultSchemaFor(id)) : [];
}

/** A new item: the update, on `deskId`'s (else the story's desk's) working stage, as `actor`. */
async function createUpdate(
  archive: ArchiveService,
  original: Doc,
  rewrite: Doc,
  { actor, deskId }: { actor: Actor; deskId: unknown },
): Promise<Doc> {
  const desk = typeof deskId === "string" && deskId ? deskId : (original.task as Doc)?.desk;
  const { desk: target } = await resolveLocation(archive.registry, { desk }, { actor });
  const id = newGuid();
  const task: Doc = { desk: target?._id ?? null, stage: target?.working_stage ?? null };
  task.user = actor.userId ?? null;
  // As the client would send it (dates as ISO text, `dateline.date` too). Its fields are the
  // story's, not checked against the vocabularies again (Superdesk's service `post` validates
  // nothing).
  const sent = JSON.parse(JSON.stringify(rewrite));
  const copied = new Set(Object.keys(sent));
  const [created] = await archive.create([{ ...sent, _id: id, guid: id, task }], actor, { copied });
  return created!;
}

/**
 * The linked story gets the update's fields without a new version (Superdesk patches it through
 * the service, not the API), retried when it changes in between.
 */
async function linkExisting(archive: ArchiveService, stored: Doc, rewrite: Doc): Promise<Doc> {
  let current = stored;
  for (let attempt = 0; attempt < 5; attempt++) {
    const written = await archive.writeUnversioned(current, rewrite);
    if (written) return written;
    current = await archive.getById(String(stored._id), SYSTEM_ACTOR);
    if (current.rewrite_of) {
      throw new BadRequestError("Rewrite story has been used as update before !");
    }
  }
  throw new BadRequestError(`Cannot link item "${stored._id}": it keeps changing`);
}

/**
 * Undoes a new update when it cannot be the story's: removed, or (changed meanwhile) left
 * standing alone.
 */
async function dropNew(
  archive: ArchiveService,
  update: Doc,
  link: { updateId: string; storyId: string },
): Promise<void> {
  if (await archive.deleteIfUnchanged(update)) return;
  await unlinkUpdate(archive, {
    ...link,
    restore: { rewrite_of: null, rewrite_sequence: null, anpa_take_key: null },
  });
}

/** The linked story's values, before linking, of the fields linking wrote (null: it had none). */
function fieldsBefore(stored: Doc, rewrite: Doc): Doc {
  return Object.fromEntries(Object.keys(rewrite).map((field) => [field, stored[field] ?? null]));
}

function pick(doc: Doc, fields: string[]): Doc {
  return Object.fromEntries(fields.filter((field) => field in doc).map((f) => [f, doc[f]]));
}
