/**
 * The item history (Superdesk's `ArchiveHistoryService`): `record` writes one document per
 * operation. Each record is its own insert, never a read-modify-write of shared state, so
 * concurrent writers (two saves, a save and a lock, a worker firing a schedule) all keep theirs;
 * the version is the one of the item each operation stored, not one read back later. Records
 * are written straight to the collection (no schema check, a fresh etag: nothing hashed), as
 * the server is their only writer.
 */
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { freshEtag } from "../resources/etag.ts";
import { newObjectId } from "../resources/ids.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import { type HistoryEntry, historyRecord, lockRecord } from "./history_record.ts";
import { historyScope } from "./history_visibility.ts";

export class ArchiveHistoryService extends ResourceService {
  /** Lists what `actor` may read (`history_visibility.ts`). */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const scope = await historyScope(this.ctx.registry, actor, query.filter);
    if (!scope) return await super.find(query, actor);
    const filter = query.filter ? { $and: [query.filter, scope] } : scope;
    return await super.find({ ...query, filter }, actor);
  }

  /** One record, when `actor` may read its item's history. */
  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    if (actor.kind === "system" || actor.isAdmin) {
      return await super.findOne(filter, actor, options);
    }
    const record = await super.findOne(filter, actor);
    if (!record) return null;
    const scope = await historyScope(this.ctx.registry, actor, { item_id: String(record.item_id) });
    if ((scope?.item_id as { $in: string[] }).$in.length === 0) return null;
    return options.projection ? await super.findOne(filter, actor, options) : record;
  }

  /**
   * Records `entry`. The fetch of a routed item (a routing rule fetched it) whose creator is a
   * known user first gets that user's `create` record, dated when the item was first created
   * (Superdesk's auto-routing rule, which it applies to any operation on a routed item: we apply
   * it once).
   */
  async record(entry: HistoryEntry): Promise<void> {
    const records = [historyRecord(entry)];
    const creator = entry.operation === "fetch" ? await this.routedCreator(entry.item) : undefined;
    if (creator) {
      const firstcreated = entry.item.firstcreated;
      const at = firstcreated instanceof Date
        ? firstcreated
        : new Date(String(firstcreated ?? Date.now()));
      records.unshift({
        ...historyRecord({ ...entry, operation: "create", user: creator }),
        operation: "create",
        _created: Number.isNaN(at.getTime()) ? undefined : at,
      });
    }
    await this.insert(records);
  }

  /** Records that `item` was locked (`item_lock`) or unlocked (`item_unlock`) by `user`. */
  async recordLock(item: Doc, operation: "item_lock" | "item_unlock", user?: string) {
    await this.insert([lockRecord(item, operation, user)]);
  }

  /**
   * Copies the history of item `fromId` up to its version `upTo` (the one duplicated: records of
   * saves racing the duplicate are not its history) to its duplicate `toId`, each copy naming the
   * item it began on (`original_item_id`, kept through duplicates of duplicates).
   */
  async copy(fromId: string, toId: string, { upTo }: { upTo: number }): Promise<void> {
    const records = await this.collection.find({ item_id: fromId, version: { $lte: upTo } }, {
      sort: [["_created", 1], ["_id", 1]],
    });
    if (records.length === 0) return;
    await this.insert(records.map(({ _id, _etag, ...record }) => ({
      ...record,
      item_id: toId,
      original_item_id: record.original_item_id ?? fromId,
    })));
  }

  /** Removes the history of a deleted item. */
  async forget(itemId: string): Promise<void> {
    await this.collection.deleteMany({ item_id: itemId });
  }

  private async insert(records: Doc[]): Promise<void> {
    const now = new Date();
    await this.collection.insertMany(records.map((record) => ({
      _id: newObjectId(now.getTime()),
      ...record,
      _created: record._created ?? now,
      _updated: record._updated ?? record._created ?? now,
      _etag: freshEtag(),
    })));
  }

  /** The creator of a routed item not duplicated from another, when that user exists. */
  private async routedCreator(item: Doc): Promise<string | undefined> {
    if (item.state !== "routed" || !item.original_creator || item.original_id) return undefined;
    const user = await this.ctx.registry.service("users").findOne({
      _id: String(item.original_creator),
    });
    return user ? String(user._id) : undefined;
  }
}
