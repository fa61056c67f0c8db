/**
 * Published copies (Superdesk's `PublishedItemService`): the publishing actions record a copy of
 * the item per action, the enqueue step claims pending copies in sequence order and records how
 * routing went. Clients see Superdesk's swapped ids: `_id` is the item's guid and `item_id` the
 * copy's own id (`enhance_with_archive_items`).
 */
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import { newObjectId } from "../resources/ids.ts";

/** Fields of an archive item a published copy leaves out (the lock belongs to the archive). */
const NOT_COPIED = ["_id", "_etag", "lock_user", "lock_session", "lock_time", "lock_action"];

export class PublishedService extends ResourceService {
  /** Clients see the guid as `_id` and the copy's id as `item_id` (as Superdesk). */
  override toPublic(doc: Doc): Doc {
    return { ...doc, _id: doc.item_id, item_id: doc._id };
  }

  /** A projected search answer keeps the guid `toPublic` shows as `_id`. */
  override publicSourceFields(): readonly string[] {
    return ["item_id"];
  }

  /** Stores a copy of `item` (its next version, as the action computed it); returns it. */
  async record(item: Doc, bookkeeping: Doc): Promise<Doc> {
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
    copy._etag = this.etagOf(copy);
    await this.collection.insertMany([copy]);
    await this.indexChanges({ index: [copy] });
    return copy;
  }

  /** Applies `set` to copy `id` if it still matches `expect`; the stored copy, or null. */
  async transition(id: string, expect: Filter, set: Doc): Promise<Doc | null> {
    const current = await this.collection.findOne({ _id: id, ...expect });
    if (!current) return null;
    const next: Doc = { ...current, ...set, _updated: nextUpdated(current._updated) };
    next._etag = this.etagOf(next);
    const stored = await this.collection.updateOne({ _id: id, _etag: current._etag }, {
      $set: { ...set, _updated: next._updated, _etag: next._etag },
    });
    if (stored) await this.indexChanges({ index: [stored] });
    return stored;
  }

  /** Removes copy `id` (an action that did not complete). */
  async discard(id: string): Promise<void> {
    if (await this.collection.deleteOne({ _id: id })) await this.indexChanges({ remove: [id] });
  }

  /** Pending copies in sequence order. */
  pending(limit: number): Promise<Doc[]> {
    return this.collection.find({ queue_state: "pending" }, {
      sort: [["publish_sequence_no", 1]],
      limit,
    });
  }

  /** Copies of `itemId`, newest sequence first, optionally limited by `filter`. */
  copiesOf(itemId: string, filter: Filter = {}): Promise<Doc[]> {
    return this.collection.find({ item_id: itemId, ...filter }, {
      sort: [["publish_sequence_no", -1]],
    });
  }

  /** Sends the `item:published` signal (Superdesk's `signals.item_published`). */
  async announcePublished(
    item: Doc,
    { afterScheduled, user }: { afterScheduled: boolean; user?: string },
  ) {
    await this.ctx.signals.emit("item:published", { item, afterScheduled, user });
  }

  /** Clears `last_published_version` on the older copies of `itemId`. */
  async supersede(itemId: string, latestId: string): Promise<void> {
    for (const copy of await this.copiesOf(itemId, { last_published_version: true })) {
      if (copy._id !== latestId) {
        await this.transition(String(copy._id), {}, { last_published_version: false });
      }
    }
  }
}
