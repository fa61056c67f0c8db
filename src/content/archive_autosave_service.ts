/**
 * Autosave (Superdesk's `ArchiveSaveService` and `ItemAutosave`): `POST archive_autosave
 * {_id, ...changes}` stores the item with the changes as its autosave, replacing the previous
 * one, for whoever may edit the item unless its lock is held elsewhere (`autosave_access.ts`;
 * 403, 404 for an unknown item). An autosave is its author's (`version_creator`): only they read
 * or change it. Readers see it marked `_type: "archive"`. The content hooks remove an item's
 * autosave when it is saved, and save it into the item when its author's lock ends.
 */
import { BadRequestError, EtagMismatchError, NotFoundError, ValidationError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { SERVER_FIELDS } from "../newsroom/archive_resource.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { expandDottedKeys } from "../resources/dotted.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { coerceDates, documentValidator } from "../resources/schema/validate_document.ts";
import { type Doc, DuplicateKeyError, type Filter } from "../storage/document_store.ts";
import { assertMayAutosave } from "./autosave_access.ts";
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

/** Attempts of the insert-or-replace before giving up as contended. */
const ATTEMPTS = 5;

export class ArchiveAutosaveService extends ResourceService {
  /** POST: each input is `{_id, ...changes}` of an item the caller may autosave. */
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    const saved: Doc[] = [];
    for (const input of inputs) saved.push(await this.autosave(input, actor));
    return saved;
  }

  /** The autosave of item `id`, if any (any author; for the content hooks). */
  ofItem(id: string): Promise<Doc | null> {
    return this.collection.findOne({ _id: id });
  }

  /**
   * Removes item `id`'s autosave; true when there was one. Looked up first: every save calls
   * this and most items have none, and a read by id costs a fraction of a delete that finds
   * nothing (a write: its own turn in the store's write batch and commit).
   */
  async removeFor(id: string): Promise<boolean> {
    if (!(await this.collection.findOne({ _id: id }))) return false;
    return await this.collection.deleteOne({ _id: id });
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system") return undefined;
    return { version_creator: actor.userId ?? null };
  }

  protected override onFetched(docs: Doc[]) {
    for (const doc of docs) doc._type = "archive";
  }

  /** PATCH: the same rule as POST; the author stays the writer. */
  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    await this.assertMayWrite(String(original._id), actor);
    if (actor.kind === "user") updates.version_creator = actor.userId;
  }

  /** PUT over an existing autosave: the same rule as POST. */
  protected override async onReplace(doc: Doc, original: Doc, actor: Actor) {
    await this.assertMayWrite(String(original._id), actor);
    doc.version_creator = actor.kind === "user" ? actor.userId : original.version_creator;
  }

  private async assertMayWrite(id: string, actor: Actor): Promise<Doc> {
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    const item = await archive.findOne({ _id: id }, actor);
    if (!item) throw new NotFoundError("Invalid item identifier");
    await assertMayAutosave(archive, item, actor);
    return item;
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
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const item = await this.assertMayWrite(id, actor);
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
      if (actor.kind === "user") merged.version_creator = actor.userId;
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
