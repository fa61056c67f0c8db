/**
 * Autosave (Superdesk's `ArchiveSaveService` and `ItemAutosave`): `POST archive_autosave
 * {_id, ...changes}` stores the item with the changes as its autosave, replacing the previous
 * one; only the user holding the item's lock in this session may do it (403 otherwise, 404 for
 * an unknown item). Readers see only their own autosaves, marked `_type: "archive"`. The
 * content hooks remove an item's autosave when it is saved or unlocked.
 */
import {
  BadRequestError,
  EtagMismatchError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { SERVER_FIELDS } from "../newsroom/archive_resource.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { expandDottedKeys } from "../resources/dotted.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { coerceDates, documentValidator } from "../resources/schema/validate_document.ts";
import { type Doc, DuplicateKeyError, type Filter } from "../storage/document_store.ts";
import { generateFields } from "./fields_meta.ts";

/** Item meta fields the copy does not keep (the autosave has its own). */
const ITEM_META = [
  "_etag",
  "_created",
  "_updated",
  "_links",
  "_status",
  "_latest_version",
  "_type",
];

/** Workflow and identity fields an autosave never carries back into the item. */
const NOT_CONTENT = new Set([
  ...SERVER_FIELDS,
  "guid",
  "state",
  "task",
  "original_creator",
  "version_creator",
  "versioncreated",
  "firstcreated",
  "version",
  "type",
  "family_id",
  "event_id",
  "unique_id",
  "unique_name",
]);

/** Attempts of the insert-or-replace before giving up as contended. */
const ATTEMPTS = 5;

export class ArchiveAutosaveService extends ResourceService {
  /** POST: each input is `{_id, ...changes}` of an item the caller holds the lock on. */
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    const saved: Doc[] = [];
    for (const input of inputs) saved.push(await this.autosave(input, actor));
    return saved;
  }

  /** The autosave of item `id`, if any (any owner; for the content hooks). */
  ofItem(id: string): Promise<Doc | null> {
    return this.collection.findOne({ _id: id });
  }

  /** Removes item `id`'s autosave; true when there was one. */
  async removeFor(id: string): Promise<boolean> {
    return await this.collection.deleteOne({ _id: id });
  }

  /** The content fields of an autosave, to save them onto its item. */
  changesOver(autosave: Doc): Doc {
    const changes: Doc = {};
    for (const [key, value] of Object.entries(autosave)) {
      if (!key.startsWith("_") && !NOT_CONTENT.has(key)) changes[key] = value;
    }
    return changes;
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system") return undefined;
    return { lock_user: actor.userId ?? null };
  }

  protected override onFetched(docs: Doc[]) {
    for (const doc of docs) doc._type = "archive";
  }

  private async autosave(input: Doc, actor: Actor): Promise<Doc> {
    const changes = expandDottedKeys(input);
    const id = changes._id;
    if (typeof id !== "string" || id === "") {
      throw new BadRequestError("Request for Auto-save must have _id");
    }
    for (const field of ITEM_META) delete changes[field];
    delete changes._id;
    for (const field of SERVER_FIELDS) delete changes[field];
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const item = await archive.findOne({ _id: id }, actor);
      if (!item) throw new NotFoundError("Invalid item identifier");
      if (
        actor.kind === "user" &&
        (item.lock_user !== actor.userId || item.lock_session !== actor.sessionId)
      ) {
        throw new ForbiddenError(
          item.lock_user && item.lock_user !== actor.userId
            ? "The item was locked by another user"
            : "The item must be locked by you in this session to autosave it",
        );
      }
      const copy: Doc = { ...item };
      for (const field of ITEM_META) delete copy[field];
      const merged: Doc = { ...copy, ...changes };
      const { _id, _current_version, _deleted, ...fields } = merged;
      const issues = documentValidator(this.definition.schema).issues(fields) ?? {};
      for (const key of Object.keys(issues)) if (!(key in changes)) delete issues[key];
      if (Object.keys(issues).length > 0) throw new ValidationError(issues);
      coerceDates(merged, documentValidator(this.definition.schema).datePaths);
      generateFields(merged);
      merged._id = id;
      const stored = await this.upsert(merged);
      if (stored) {
        this.onFetched([stored]);
        return stored;
      }
    }
    throw new EtagMismatchError("The autosave changed concurrently; try again");
  }

  /** Inserts or replaces the autosave; null when another write won a race (retry). */
  private async upsert(doc: Doc): Promise<Doc | null> {
    const existing = await this.collection.findOne({ _id: doc._id });
    const now = new Date();
    doc._created = existing?._created ?? now;
    doc._updated = existing ? nextUpdated(existing._updated) : now;
    doc._etag = this.etagOf(doc);
    if (!existing) {
      try {
        await this.collection.insertMany([doc]);
        return doc;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null;
        throw error;
      }
    }
    const replaced = await this.collection.replaceOne({ _id: doc._id, _etag: existing._etag }, doc);
    return replaced ? doc : null;
  }
}
