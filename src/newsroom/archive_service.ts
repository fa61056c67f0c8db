/**
 * Content items (Superdesk's `ArchiveService`): users' writes get the server's fields and rules
 * (`archive_edits.ts`), every read and write is limited to what the caller may see
 * (`archive_visibility.ts`), and lock, spike, move and restore (their own files) build on the
 * compare-and-set primitives at the end.
 */
import { EtagMismatchError, ForbiddenError, ruleIssue, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { CreateContext } from "../resources/resource_hooks.ts";
import {
  type CreateOptions,
  ResourceService,
  type WriteOptions,
} from "../resources/resource_service.ts";
import type { Notify } from "../resources/notifier.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Signals } from "../signals/signals.ts";
import type { Doc, DocumentStore, Filter, Projection } from "../storage/document_store.ts";
import { prepareEdit, prepareReplace } from "./archive_edits.ts";
import { announceMove } from "./archive_move.ts";
import { prepareNewItem } from "./archive_new_item.ts";
import { pushContentUpdate } from "./content_events.ts";
import { VisibilityScopes, visibleItemsFilter } from "./archive_visibility.ts";
import { ARCHIVE_SEARCH_STATES, IMMUTABLE_STATES } from "./item_state.ts";
import type { NewsroomOptions } from "./newsroom_options.ts";
import { restoreVersion } from "./archive_restore.ts";
import { ITEM_ID_PATTERN } from "./archive_resource.ts";
import { assignUniqueIds } from "./item_unique_id.ts";
import { claimUniqueName, releaseUniqueName } from "./item_unique_name.ts";
import { unlinkMembers } from "./package_links.ts";

/** What an item id must look like to be reachable at `/api/archive/<id>`. */
const VALID_ID = new RegExp(`^${ITEM_ID_PATTERN}$`);
import { ItemHookList } from "./item_hooks.ts";

/** How often a compare-and-set write is retried after a concurrent change. */
const CAS_ATTEMPTS = 5;

export class ArchiveService extends ResourceService {
  readonly options: Readonly<NewsroomOptions>;
  /** What other modules add to items (`item_hooks.ts`). */
  readonly hooks = new ItemHookList();
  #scopes: VisibilityScopes;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, options: NewsroomOptions) {
    super(definition, ctx);
    this.options = options;
    this.#scopes = new VisibilityScopes(ctx.registry);
  }

  /** The registry, to reach desks, stages and sessions. */
  get registry(): ResourceRegistry {
    return this.ctx.registry;
  }

  /** The document store, for content expiry's own records (`expiry_intents.ts`). */
  get documents(): DocumentStore {
    return this.ctx.documents;
  }

  /** Publishes an event on the notification bus. */
  get notify(): Notify {
    return this.ctx.notify;
  }

  /** Sends an in-process signal to the apps (`item:locked`, `item:moved` ...). */
  get signals(): Signals {
    return this.ctx.signals;
  }

  /**
   * Lists hold the items still in the workflow (Superdesk's archive `elastic_filter`: published,
   * scheduled, killed ... items are listed by `published`) and hide never-saved drafts
   * (`_current_version` 0), as Superdesk does.
   */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const listed: Filter = {
      $and: [{ _current_version: { $ne: 0 } }, { state: { $in: [...ARCHIVE_SEARCH_STATES] } }],
    };
    const filter = query.filter ? { $and: [query.filter, listed] } : listed;
    return await super.find({ ...query, filter }, await this.scoped(actor));
  }

  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    return await super.findOne(filter, await this.scoped(actor, { byId: true }), options);
  }

  /**
   * The ids among `ids` of the items `actor` may open (`findOne`'s view, drafts never saved
   * included, unlike lists): what the comments of an item follow.
   */
  async openableIds(ids: readonly string[], actor: Actor): Promise<string[]> {
    if (ids.length === 0) return [];
    const scoped = this.scopeFilter(await this.scoped(actor, { byId: true }));
    const found = await this.collection.find(
      { $and: [...scoped, { _id: { $in: [...ids] } }] },
      { projection: { _id: 1 } },
    );
    return found.map((item) => String(item._id));
  }

  /**
   * `/api/search` (and the monitoring cards' `source` lists) apply the same visibility as lists,
   * and show archive's working states only, as Superdesk's archive `elastic_filter` does: a
   * published item is found through `published`, so a desk output card asking for
   * `archive,published` lists it once.
   */
  override async searchFilter(actor: Actor): Promise<Filter> {
    const visible = await this.visibleInSearch(actor);
    const working: Filter = { state: { $in: [...ARCHIVE_SEARCH_STATES] } };
    return Object.keys(visible).length ? { $and: [visible, working] } : working;
  }

  /** The items `actor` may see, in any state (the tasks' search adds its own states). */
  async visibleInSearch(actor: Actor): Promise<Filter> {
    return await super.searchFilter(await this.scoped(actor));
  }

  /**
   * The view of the desk overview's stage counts: `searchFilter`'s, but others' drafts on desks
   * count too, as in Superdesk's (which counts every item there; its searches hide those drafts).
   */
  async overviewFilter(actor: Actor): Promise<Filter> {
    return await this.searchFilter(this.#scopes.countingDrafts(await this.scoped(actor)));
  }

  /** PUT with `old_version` and `last_version` restores a version; otherwise a replace. */
  override async replace(id: string, input: Doc, options: WriteOptions = {}) {
    if ("old_version" in input || "last_version" in input) {
      return { doc: await restoreVersion(this, id, input, options), created: false };
    }
    return await super.replace(id, input, options);
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system" || this.#scopes.opensAny(actor)) return undefined;
    return visibleItemsFilter(this.#scopes.scopeOf(actor));
  }

  /** A new item's id is its guid unless the client gives both (Superdesk's `setdefault`). */
  override async create(
    inputs: Doc[],
    actor: Actor = SYSTEM_ACTOR,
    options: CreateOptions = {},
  ): Promise<Doc[]> {
    const identified = inputs.map((input) =>
      input._id === undefined && typeof input.guid === "string"
        ? { ...input, _id: input.guid }
        : input
    );
    for (const input of identified) {
      if (input._id !== undefined && !VALID_ID.test(String(input._id))) {
        throw new ValidationError({ _id: ruleIssue("pattern") });
      }
    }
    return await super.create(identified, actor, options);
  }

  protected override async onCreate(docs: Doc[], actor: Actor, { copied }: CreateContext) {
    const now = new Date();
    await assignUniqueIds(this.ctx.documents, docs);
    for (const doc of docs) {
      const touched = new Set(
        Object.keys(doc).filter((key) => !key.startsWith("_") && !copied?.has(key)),
      );
      await prepareNewItem(this, doc, { actor, now });
      await this.hooks.beforeCreate(doc, { actor, touched });
    }
  }

  protected override async onCreated(docs: Doc[], actor: Actor) {
    await this.hooks.afterCreate(docs, actor);
    await pushContentUpdate(this.ctx.notify, actor.userId, docs);
    // Not stored: Superdesk's client reads the item's kind from the creation answer.
    for (const doc of docs) doc._type = "archive";
    for (const item of docs) {
      await this.ctx.signals.emit("item:created", { item, user: actor.userId });
    }
  }

  /** A user's edit (PATCH); system updates (spike, move, ...) set their own fields. */
  protected override async onUpdate(updates: Doc, original: Doc, actor: Actor) {
    if (actor.kind !== "user") return;
    await prepareEdit(this, updates, { original, actor });
    await this.hooks.beforeSave(updates, original, actor);
  }

  protected override async onUpdated(updates: Doc, original: Doc, actor: Actor) {
    if ("unique_name" in updates && updates.unique_name !== original.unique_name) {
      await releaseUniqueName(this.ctx.documents, original.unique_name, String(original._id));
    }
    if (actor.kind !== "user") return;
    await this.hooks.afterSave(updates, original, actor);
    const item = { ...original, ...updates };
    const moved = updates.operation === "move"; // the edit named a new desk or stage
    if (!moved) await pushContentUpdate(this.ctx.notify, actor.userId, [original, item]);
    await this.ctx.signals.emit("item:updated", { item, original, updates, user: actor.userId });
    if (moved) await announceMove(this, actor, { original, moved: item, updates });
  }

  /** A user's save that was not stored after its `beforeSave` hooks ran. */
  protected override async onWriteRefused(changes: Doc, original: Doc, actor: Actor) {
    if (actor.kind !== "user") return;
    await this.hooks.saveRefused(changes, original, actor);
  }

  /** A user's plain PUT (a restore is a system replace, see `archive_restore.ts`). */
  protected override async onReplace(doc: Doc, original: Doc, actor: Actor) {
    if (actor.kind !== "user") return;
    await prepareReplace(this, doc, { original, actor });
    await this.hooks.beforeSave(doc, original, actor);
  }

  protected override async onReplaced(doc: Doc, original: Doc, actor: Actor) {
    if (actor.kind !== "user") return;
    await this.hooks.afterSave(doc, original, actor);
    await pushContentUpdate(this.ctx.notify, actor.userId, [original, doc]);
    await this.ctx.signals.emit("item:updated", {
      item: doc,
      original,
      updates: doc,
      user: actor.userId,
    });
  }

  protected override async onDeleted(doc: Doc) {
    await releaseUniqueName(this.ctx.documents, doc.unique_name, String(doc._id));
    if (doc.type === "composite") await unlinkMembers(this, doc);
    await this.ctx.documents.collection("archive_autosave").deleteOne({ _id: String(doc._id) });
    await this.hooks.afterDelete(doc);
  }

  /** Claims `name` as item `itemId`'s `unique_name` (a 400 when another item holds it). */
  async claimUniqueName(name: string, itemId: string): Promise<void> {
    await claimUniqueName(this.ctx.documents, name, itemId);
  }

  /** 403 when the lock is someone else's, or the item can no longer change. */
  async assertEditable(item: Doc, actor: Actor): Promise<void> {
    if (await this.lockedByOther(item, actor)) {
      throw new ForbiddenError("The item was locked by another user");
    }
    if (IMMUTABLE_STATES.has(String(item.state))) {
      throw new ForbiddenError("Item isn't in a valid state to be updated.");
    }
  }

  /** True when a live session of another user holds the item's lock. */
  async lockedByOther(item: Doc, actor: Actor): Promise<boolean> {
    if (!item.lock_user || actor.kind === "system") return false;
    if (item.lock_user === actor.userId) return false;
    return !(await this.isLockStale(item));
  }

  /** A lock whose session ended (logout or expiry) no longer binds anyone. */
  async isLockStale(item: Doc): Promise<boolean> {
    if (!item.lock_session) return false;
    const session = await this.ctx.registry.service("sessions").findOne({ _id: item.lock_session });
    return session === null;
  }

  /**
   * Writes fields that are not versioned (the lock, highlights) with compare-and-set on the
   * etag and `_updated`: no new version; `keepEtag` for marks that are not edits (highlights),
   * so a client holding the etag may still save. Null when the item changed since `current`
   * was read.
   */
  async writeUnversioned(
    current: Doc,
    set: Doc,
    { keepEtag = false }: { keepEtag?: boolean } = {},
  ): Promise<Doc | null> {
    const next: Doc = { ...current, ...set, _updated: nextUpdated(current._updated) };
    next._etag = keepEtag ? current._etag : this.etagOf(next);
    const guard = { _id: current._id, _etag: current._etag, _updated: current._updated };
    const stored = await this.collection.updateOne(guard, {
      $set: { ...set, _updated: next._updated, _etag: next._etag },
    });
    if (stored) await this.indexChanges({ index: [stored] });
    return stored;
  }

  /**
   * A versioned system update computed from the item as it is now (`build` may throw to
   * refuse), retried when another write lands in between. Returns the item before and after.
   */
  async updateChecked(
    id: string,
    actor: Actor,
    build: (current: Doc) => Promise<Doc>,
  ): Promise<{ original: Doc; stored: Doc }> {
    for (let attempt = 1;; attempt++) {
      const current = await this.getById(id, actor);
      const updates = await build(current);
      try {
        const stored = await this.update(id, updates, {
          etag: String(current._etag),
          actor: SYSTEM_ACTOR,
        });
        return { original: current, stored };
      } catch (error) {
        if (!(error instanceof EtagMismatchError) || attempt >= CAS_ATTEMPTS) throw error;
      }
    }
  }

  /** Deletes `item` (and its versions) if it has not changed since read; false otherwise. */
  async deleteIfUnchanged(item: Doc): Promise<boolean> {
    try {
      return await this.delete(String(item._id), { etag: String(item._etag), actor: SYSTEM_ACTOR });
    } catch (error) {
      if (error instanceof EtagMismatchError) return false;
      throw error;
    }
  }

  /** Up to `limit` spiked items expired at `now`, with ids after `afterId`, in id order. */
  expiredSpiked({ now, afterId, limit }: { now: Date; afterId?: string; limit: number }) {
    const filter: Filter = { state: "spiked", expiry: { $lte: now } };
    return this.collection.find(afterId ? { $and: [filter, { _id: { $gt: afterId } }] } : filter, {
      sort: [["_id", 1]],
      limit,
    });
  }

  /**
   * Up to `limit` items expired at `now` (on a desk, or spiked) and not held back by the legal
   * archive (`expiry_status: invalid`), with ids after `afterId`, in id order (Superdesk's
   * `get_expired_items`).
   */
  expiredItems({ now, afterId, limit }: { now: Date; afterId?: string; limit: number }) {
    const filter: Filter = {
      expiry: { $lte: now },
      $or: [{ "task.desk": { $ne: null } }, { state: "spiked" }],
      expiry_status: { $ne: "invalid" },
    };
    return this.collection.find(afterId ? { $and: [filter, { _id: { $gt: afterId } }] } : filter, {
      sort: [["_id", 1]],
      limit,
    });
  }

  /** The `associations` of every item that has some (content expiry's `expiry_referrers.ts`). */
  withAssociations(): Promise<Doc[]> {
    return this.collection.find({ associations: { $exists: true } }, {
      projection: { associations: 1 },
    });
  }

  /** The `groups` of every package (content expiry's `expiry_referrers.ts`). */
  packages(): Promise<Doc[]> {
    return this.collection.find({ type: "composite" }, { projection: { groups: 1 } });
  }

  /** The stored items among `ids`, whatever their state. */
  storedItems(ids: readonly string[]): Promise<Doc[]> {
    return this.collection.find({ _id: { $in: [...ids] } });
  }

  /**
   * Content expiry's `expiry_status: invalid` (the item waits for the legal archive), written
   * as Superdesk's `system_update`: no new version; skipped if the item changed since read.
   */
  async markExpiryInvalid(item: Doc): Promise<void> {
    await this.writeUnversioned(item, { expiry_status: "invalid" });
  }

  /** Expired items content expiry held back for the legal archive (`expiry_status: invalid`). */
  heldForLegal(now: Date): Promise<Doc[]> {
    return this.collection.find({ expiry: { $lte: now }, expiry_status: "invalid" });
  }

  /**
   * Lets an item held back for the legal archive expire again (Superdesk's `""` status). `item`
   * was read before the import, so another write (a package link, a lock) may have landed since:
   * the item is read again while it is still held back. Content expiry checks it again anyway.
   * False when it kept changing: it stays held until the next sweep.
   */
  async clearExpiryStatus(item: Doc): Promise<boolean> {
    let current: Doc | null = item;
    for (let attempt = 1; current && attempt <= CAS_ATTEMPTS; attempt++) {
      if (await this.writeUnversioned(current, { expiry_status: "" })) return true;
      current = await this.collection.findOne({ _id: item._id, expiry_status: "invalid" });
    }
    return current === null;
  }

  /** Items `userId` holds: locked by them, or assigned to them in personal space. */
  heldBy(userId: string): Promise<Doc[]> {
    return this.collection.find({
      $or: [{ lock_user: userId }, { "task.user": userId, "task.desk": null }],
    });
  }

  /** Items marked for highlight `highlightId`. */
  markedFor(highlightId: string): Promise<Doc[]> {
    return this.collection.find({ highlights: highlightId });
  }

  /**
   * At most `limit` items marked for `highlightId` whose version is from `since` on, newest
   * first, among the saved items `actor` may list (a search's scope, administrators' too).
   */
  async markedSince(
    highlightId: string,
    { since, limit, actor }: { since: Date; limit: number; actor: Actor },
  ): Promise<Doc[]> {
    const marked: Filter = {
      highlights: highlightId,
      versioncreated: { $gte: since },
      _current_version: { $ne: 0 },
    };
    const visible = await this.visibleInSearch(actor);
    return await this.collection.find(
      Object.keys(visible).length ? { $and: [marked, visible] } : marked,
      { sort: [["versioncreated", -1]], limit },
    );
  }

  /** Items whose `broadcast.master_id` is `masterId`, also matching `filter` (broadcasts). */
  broadcastsOf(masterId: string, filter: Filter = {}): Promise<Doc[]> {
    return this.collection.find({ "broadcast.master_id": masterId, ...filter });
  }

  /** Items whose lock belongs to `sessionId`. */
  lockedBySession(sessionId: string): Promise<Doc[]> {
    return this.collection.find({ lock_session: sessionId });
  }

  /** `actor` with its visibility resolved (users only), for lists or (`byId`) item reads. */
  private scoped(actor: Actor, { byId = false } = {}): Promise<Actor> {
    return this.#scopes.scoped(actor, { byId });
  }
}
