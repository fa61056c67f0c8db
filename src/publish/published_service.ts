/**
 * Published copies (Superdesk's `PublishedItemService`): the publishing actions record a copy of
 * the item per action, the enqueue step claims pending copies in sequence order and records how
 * routing went. Clients see Superdesk's swapped ids: `_id` is the item's guid and `item_id` the
 * copy's own id (`enhance_with_archive_items`).
 */
import { ConflictError } from "../errors.ts";
import { nextEtag } from "../resources/etag.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import type { Doc, Filter, Sort } from "../storage/document_store.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { Actor } from "../resources/actor.ts";
import { newObjectId } from "../resources/ids.ts";
import { HiddenStagesService } from "./hidden_stages_service.ts";

/** An archive item's lock, which a published copy never carries. */
const LOCK_FIELDS = ["lock_user", "lock_session", "lock_time", "lock_action"];

/** Fields of an archive item a published copy leaves out (the lock belongs to the archive). */
const NOT_COPIED = ["_id", "_etag", ...LOCK_FIELDS];

/** How often a transition re-reads a copy another write changed in between. */
const TRANSITION_ATTEMPTS = 20;

/** Copies of an item, newest version first (one version's: the last stored first). */
const NEWEST_FIRST: Sort = [["_current_version", -1], ["_id", -1]];

/** An item's published copy wanted: at `version`, or its newest without one. */
export interface CopyRef {
  itemId: string;
  version?: unknown;
}

export class PublishedService extends HiddenStagesService {
  /** Clients see the guid as `_id` and the copy's id as `item_id` (as Superdesk). */
  override toPublic(doc: Doc): Doc {
    return { ...doc, _id: doc.item_id, item_id: doc._id };
  }

  /**
   * A list, with Superdesk's `published_id=1`: the copies keep their own ids as `_id` and the
   * item's guid as `item_id` (the swap `toPublic` makes is undone here, before it).
   */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const result = await super.find(query, actor);
    if (query.args?.published_id !== "1") return result;
    return { ...result, items: result.items.map((doc) => this.toPublic(doc)) };
  }

  /** A projected search answer keeps the guid `toPublic` shows as `_id`. */
  override publicSourceFields(): readonly string[] {
    return ["item_id"];
  }

  /**
   * Copies created through the service rather than by an action (fixtures, imports), as
   * Superdesk's `set_defaults`: the given `_id` is the item's (`item_id`), the copy gets its own,
   * is versioned now, and carries no lock.
   */
  protected override onCreate(docs: Doc[]) {
    const now = new Date();
    for (const doc of docs) {
      doc.item_id ??= String(doc._id);
      doc._id = newObjectId(now.getTime());
      doc.versioncreated = now;
      for (const field of LOCK_FIELDS) delete doc[field];
    }
  }

  /**
   * Stores a copy of `item` (its next version, as the action computed it); returns it once
   * stored, with `indexed`, which settles once the copy is in the search index (the action
   * writes the archive meanwhile).
   */
  async record(
    item: Doc,
    bookkeeping: Doc = {},
  ): Promise<{ copy: Doc; indexed: Promise<void> }> {
    const now = new Date();
    const copy: Doc = { ...item };
    for (const field of NOT_COPIED) delete copy[field];
    Object.assign(copy, {
      _id: newObjectId(now.getTime()),
      item_id: String(item._id),
      last_published_version: true,
      queue_state: "pending",
      moved_to_legal: false,
      _created: now,
      _updated: now,
      ...bookkeeping,
    });
    // From its new id, as queue entries' (hashing the whole copy cost more than its insert).
    copy._etag = nextEtag(copy._id, { _created: now });
    await this.collection.insertMany([copy]);
    return { copy, indexed: this.indexChanges({ index: [copy] }) };
  }

  /** Applies `set` to copy `id` if it still matches `expect`; the stored copy, or null. */
  async transition(id: string, expect: Filter, set: Doc): Promise<Doc | null> {
    return (await this.transitionAll([{ id, expect, set }]))[0]!;
  }

  /**
   * `transition` for several copies in one round (one write, one index call); the stored copies,
   * null where a copy no longer matched.
   */
  async transitionAll(
    changes: ReadonlyArray<{ id: string; expect: Filter; set: Doc }>,
  ): Promise<Array<Doc | null>> {
    const stored = await Promise.all(changes.map(async ({ id, expect, set }) => {
      const next = (current: Doc) => {
        const _updated = nextUpdated(current._updated);
        return { ...set, _updated, _etag: nextEtag(current._etag, { ...set, _updated }) };
      };
      // A store that reads and writes in one transaction changes the copy (a large document)
      // without reading it first.
      if (this.collection.modify && !Object.keys(set).some((key) => key.includes("."))) {
        return await this.collection.modify({ _id: id, ...expect }, (current) => ({
          ...current,
          ...next(current),
        }));
      }
      // Another write (the enqueue step's queue bookkeeping) may land between the read and the
      // write: the copy is read again while it still matches `expect`.
      for (let attempt = 1; attempt <= TRANSITION_ATTEMPTS; attempt++) {
        const current = await this.collection.findOne({ _id: id, ...expect });
        if (!current) return null;
        const stored = await this.collection.updateOne({ _id: id, _etag: current._etag }, {
          $set: next(current),
        });
        if (stored) return stored;
      }
      throw new ConflictError(`Published copy "${id}" keeps changing; try again`);
    }));
    const changed = stored.filter((copy): copy is Doc => copy !== null);
    if (changed.length > 0) await this.indexChanges({ index: changed });
    return stored;
  }

  /** Removes copy `id` (an action that did not complete). */
  async discard(id: string): Promise<void> {
    if (await this.collection.deleteOne({ _id: id })) await this.indexChanges({ remove: [id] });
  }

  /**
   * Removes the scheduled copies of `itemId` not yet routed (but `keep`): the item left that
   * schedule (a new action, a deschedule), once its own write is in the archive.
   */
  async discardScheduled(itemId: string, { keep }: { keep?: string } = {}): Promise<void> {
    for (const copy of await this.copiesOf(itemId, { queue_state: "pending" })) {
      if (copy.state === "scheduled" && copy._id !== keep) await this.discard(String(copy._id));
    }
  }

  /** Pending copies in the order they were stored, scheduled ones once their time has come. */
  pending(limit: number, now = new Date()): Promise<Doc[]> {
    return this.collection.find({
      queue_state: "pending",
      $or: [
        { state: { $ne: "scheduled" } },
        { "schedule_settings.utc_publish_schedule": { $lte: now } },
      ],
    }, { sort: [["_created", 1], ["_id", 1]], limit });
  }

  /**
   * The lowest version among the pending copies of the items of `page` (pending copies already
   * read), in one read of their other pending copies (a copy older than another pending copy of
   * its item goes first).
   */
  async lowestPendingVersions(page: readonly Doc[]): Promise<Map<string, number>> {
    const others = await this.collection.find({
      item_id: { $in: [...new Set(page.map((copy) => String(copy.item_id)))] },
      queue_state: "pending",
      _id: { $nin: page.map((copy) => String(copy._id)) },
    }, { projection: { item_id: 1, _current_version: 1 } });
    const lowest = new Map<string, number>();
    for (const copy of [...page, ...others]) {
      const id = String(copy.item_id);
      const version = Number(copy._current_version);
      if (!(version >= (lowest.get(id) ?? Infinity))) lowest.set(id, version);
    }
    return lowest;
  }

  /** Copies of `itemId`, newest version first, optionally limited by `filter`. */
  copiesOf(itemId: string, filter: Filter = {}): Promise<Doc[]> {
    return this.collection.find({ item_id: itemId, ...filter }, { sort: NEWEST_FIRST });
  }

  /** The newest copy of `itemId` matching `filter` (a read of that copy alone). */
  async newestCopy(itemId: string, filter: Filter = {}): Promise<Doc | undefined> {
    const [copy] = await this.collection.find({ item_id: itemId, ...filter }, {
      sort: NEWEST_FIRST,
      limit: 1,
    });
    return copy;
  }

  /**
   * For each of `refs` the newest copy of its item at its version (any version without one), in
   * one read of the copies they name.
   */
  async newestCopies(refs: readonly CopyRef[]): Promise<Array<Doc | undefined>> {
    if (refs.length === 0) return [];
    const wanted = (ref: CopyRef): Filter =>
      ref.version === undefined
        ? { item_id: ref.itemId }
        : { item_id: ref.itemId, _current_version: ref.version };
    const copies = await this.collection.find({ $or: refs.map(wanted) }, { sort: NEWEST_FIRST });
    return refs.map((ref) =>
      copies.find((copy) =>
        copy.item_id === ref.itemId &&
        (ref.version === undefined || copy._current_version === ref.version)
      )
    );
  }

  /** Flags the copies of `itemId` up to `version` as in the legal archive (`set_moved_to_legal`). */
  async markMovedToLegal(itemId: string, version: number): Promise<void> {
    const copies = await this.copiesOf(itemId, {
      moved_to_legal: { $ne: true },
      _current_version: { $lte: version },
    });
    await this.transitionAll(copies.map((copy) => ({
      id: String(copy._id),
      expect: { moved_to_legal: { $ne: true } },
      set: { moved_to_legal: true },
    })));
  }

  /** The copies matching `filter` (content expiry's legal archive check). */
  copiesMatching(filter: Filter): Promise<Doc[]> {
    return this.collection.find(filter, { projection: { _id: 1, item_id: 1 } });
  }

  /** Sends the `item:published` signal (Superdesk's `signals.item_published`). */
  async announcePublished(
    item: Doc,
    { afterScheduled, user }: { afterScheduled: boolean; user?: string },
  ) {
    await this.ctx.signals.emit("item:published", { item, afterScheduled, user });
  }

  /** Clears `last_published_version` on the copies older than each of `latest`, in one round. */
  async supersede(latest: readonly Doc[]): Promise<void> {
    if (latest.length === 0) return;
    const newest = new Map(latest.map((copy) => [String(copy.item_id), copy]));
    const flagged = await this.collection.find({
      item_id: { $in: [...newest.keys()] },
      last_published_version: true,
      _id: { $nin: latest.map((copy) => String(copy._id)) },
    }, { projection: { _id: 1, item_id: 1, _current_version: 1 } });
    const older = flagged.filter((copy) => {
      const copyOf = newest.get(String(copy.item_id))!;
      return copy._id !== copyOf._id &&
        Number(copy._current_version ?? 0) <= Number(copyOf._current_version ?? 0);
    });
    await this.transitionAll(older.map((copy) => ({
      id: String(copy._id),
      expect: { last_published_version: true },
      set: { last_published_version: false },
    })));
  }
}
