/**
 * Publish queue entries (Superdesk's `PublishQueueService`): a new entry starts `pending` with
 * the subscriber's next publish sequence number; every state change is pushed as
 * `publish_queue:update {queue_id, completed_at, state, error_message}`; a user setting an entry
 * back to `pending` (resend from the queue view) gets it transmitted again. The transmission
 * task moves entries between states with `transition`, a compare-and-set on the state.
 */
import type { Actor } from "../resources/actor.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter } from "../storage/document_store.ts";
import { nextSequence } from "../resources/sequences.ts";
import { MAX_PUBLISH_SEQUENCE } from "./subscribers_service.ts";
import { requestTransmission } from "./transmit_task.ts";

export class PublishQueueService extends ResourceService {
  protected override async onCreate(docs: Doc[]) {
    for (const doc of docs) {
      doc.state = "pending";
      doc.moved_to_legal = false;
      doc.retry_attempt = 0;
      doc.transmit_order ??= 0;
      if (doc.published_seq_num === undefined && typeof doc.subscriber_id === "string") {
        const subscriber = await this.ctx.documents.collection("subscribers").findOne({
          _id: doc.subscriber_id,
        });
        if (subscriber) doc.published_seq_num = await this.subscriberSequence(subscriber);
      }
    }
  }

  protected override async onUpdated(updates: Doc, original: Doc, actor: Actor) {
    if (!("state" in updates) || updates.state === original.state) return;
    await this.announceState({ ...original, ...updates });
    if (actor.kind === "user" && (updates.state === "pending" || updates.state === "retrying")) {
      await requestTransmission(this.ctx.queue, { ...original, ...updates });
    }
  }

  /** The next publish sequence number of `subscriber` (within its settings' range). */
  subscriberSequence(subscriber: Doc): Promise<number> {
    const settings = (subscriber.sequence_num_settings ?? {}) as Doc;
    return nextSequence(this.ctx.documents, `published_seq_num_${subscriber._id}`, {
      min: Number(settings.min ?? 1),
      max: Number(settings.max ?? MAX_PUBLISH_SEQUENCE),
    });
  }

  /** Inserts entries the enqueue step built (already complete: no hooks, no validation). */
  async insertPrepared(entries: Doc[]): Promise<void> {
    if (entries.length === 0) return;
    const now = new Date();
    for (const entry of entries) {
      entry._created = now;
      entry._updated = now;
      entry._etag = this.etagOf(entry);
    }
    await this.collection.insertMany(entries);
  }

  /**
   * Moves entry `id` from one of `from` to `set.state` (with `set`); the stored entry, or null
   * when its state changed meanwhile. Announces the change.
   */
  async transition(id: string, from: readonly string[], set: Doc): Promise<Doc | null> {
    const current = await this.collection.findOne({ _id: id, state: { $in: [...from] } });
    return current ? await this.advance(current, set) : null;
  }

  /**
   * Applies `set` to `entry` as it was read (compare-and-set on its etag); the stored entry, or
   * null when it changed since. Announces a state change.
   */
  async advance(entry: Doc, set: Doc): Promise<Doc | null> {
    const next: Doc = { ...entry, ...set, _updated: nextUpdated(entry._updated) };
    next._etag = this.etagOf(next);
    const stored = await this.collection.updateOne({ _id: entry._id, _etag: entry._etag }, {
      $set: { ...set, _updated: next._updated, _etag: next._etag },
    });
    if (stored && set.state !== undefined && set.state !== entry.state) {
      await this.announceState(stored);
    }
    return stored;
  }

  /** The first `limit` entries of a destination still to transmit, in transmission order. */
  waiting(destinationId: string, limit: number): Promise<Doc[]> {
    return this.collection.find({
      "destination._id": destinationId,
      state: { $in: ["pending", "in-progress", "retrying"] },
    }, { sort: [["transmit_order", 1], ["_id", 1]], limit });
  }

  /** Entries matching `filter` (system reads). */
  entries(filter: Filter, options: { limit?: number } = {}): Promise<Doc[]> {
    return this.collection.find(filter, { sort: [["_id", 1]], limit: options.limit });
  }

  private async announceState(entry: Doc) {
    const completed = entry.completed_at;
    await this.ctx.notify("publish_queue:update", {
      queue_id: String(entry._id),
      completed_at: completed instanceof Date ? completed.toISOString() : completed ?? null,
      state: entry.state,
      error_message: entry.error_message ?? null,
    });
  }
}
