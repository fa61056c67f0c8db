/**
 * The durable trace of index writes that did not happen: one document-store entry per
 * `{resource, _id}` (collection `search_outbox`), upserted on each failure with `attempts`,
 * `next_attempt_at` and `last_error`. Entries say only "this document may be out of date in the
 * index"; the drain re-reads the document from the store, so retries are idempotent. Each record
 * sets a fresh `token`, and an entry is settled only under the token it was read with, so a
 * failure recorded while a retry runs is never erased by that retry.
 */
import { type Doc, type DocumentStore, DuplicateKeyError } from "../storage/document_store.ts";

/** The task that drains the outbox (`outbox_drain.ts`). */
export const OUTBOX_DRAIN_TASK = "search:outbox-drain";

/** The collection holding the outbox. */
export const OUTBOX_COLLECTION = "search_outbox";

/**
 * Retry delays: equal jitter between half and all of min(max, base·2^(attempts-1)); the max is
 * config `SEARCH_OUTBOX_RETRY_MAX_SECONDS` (this one when not given).
 */
export const OUTBOX_BACKOFF = { baseMs: 1_000, maxMs: 300_000 };

/** One pending index write. */
export interface OutboxEntry {
  _id: string;
  resource: string;
  doc_id: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string;
  created_at: Date;
  token: string;
}

/** Size and age of the backlog. */
export interface OutboxStats {
  pending: number;
  /** Age of the oldest entry in seconds; null when empty. */
  oldestAgeSeconds: number | null;
}

/** The outbox over one document store. */
export class SearchOutbox {
  #documents: DocumentStore;

  constructor(documents: DocumentStore) {
    this.#documents = documents;
  }

  get #collection() {
    return this.#documents.collection(OUTBOX_COLLECTION);
  }

  /** Records that `ids` of `resource` must be (re)indexed or removed; due now. */
  async record(resource: string, failures: { _id: string; reason: string }[]): Promise<void> {
    const now = new Date();
    for (const { _id: docId, reason } of failures) {
      const _id = `${resource}:${docId}`;
      const set = { next_attempt_at: now, last_error: reason, token: crypto.randomUUID() };
      if (await this.#collection.updateOne({ _id }, { $set: set })) continue;
      try {
        await this.#collection.insertMany([
          { _id, resource, doc_id: docId, attempts: 0, created_at: now, ...set },
        ]);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        await this.#collection.updateOne({ _id }, { $set: set });
      }
    }
  }

  /** Up to `limit` entries due at `now`, oldest due first. */
  async due(now: Date, limit: number): Promise<OutboxEntry[]> {
    const docs = await this.#collection.find({ next_attempt_at: { $lte: now } }, {
      sort: [["next_attempt_at", 1]],
      limit,
    });
    return docs as unknown as OutboxEntry[];
  }

  /** Settles `entry` after a successful retry (kept when re-recorded meanwhile). */
  async settle(entry: OutboxEntry): Promise<void> {
    await this.#collection.deleteOne({ _id: entry._id, token: entry.token });
  }

  /** Counts a failed retry and schedules the next one with backoff (at most `maxMs`). */
  async postpone(
    entry: OutboxEntry,
    reason: string,
    { now = new Date(), maxMs = OUTBOX_BACKOFF.maxMs }: { now?: Date; maxMs?: number } = {},
  ): Promise<void> {
    const attempts = entry.attempts + 1;
    const delay = retryDelay(attempts, Math.random, maxMs);
    await this.#collection.updateOne({ _id: entry._id, token: entry.token }, {
      $set: { attempts, last_error: reason, next_attempt_at: new Date(now.getTime() + delay) },
    });
  }

  /** Every entry (tests, diagnostics). */
  async all(): Promise<OutboxEntry[]> {
    return await this.#collection.find({}) as unknown as OutboxEntry[];
  }

  /** The backlog: how many entries and how old the oldest is. */
  async stats(now = Date.now()): Promise<OutboxStats> {
    const [pending, oldest] = await Promise.all([
      this.#collection.count({}),
      this.#collection.find({}, { sort: [["created_at", 1]], limit: 1 }),
    ]);
    const created = (oldest[0] as Doc | undefined)?.created_at;
    return {
      pending,
      oldestAgeSeconds: created instanceof Date
        ? Math.max(0, Math.round((now - created.getTime()) / 1000))
        : null,
    };
  }
}

/** The delay before retry number `attempts` + 1, at most `maxMs`. */
export function retryDelay(
  attempts: number,
  random = Math.random,
  maxMs = OUTBOX_BACKOFF.maxMs,
): number {
  const cap = Math.min(
    maxMs,
    OUTBOX_BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1),
  );
  return Math.floor(cap / 2 + random() * cap / 2);
}
