/**
 * Publish queue entries (Superdesk's `PublishQueueService`): a new entry starts `pending` with
 * the subscriber's next publish sequence number; every state change is pushed as
 * `publish_queue:update {queue_id, completed_at, state, error_message}`; a user setting an entry
 * back to `pending` (resend from the queue view) gets it transmitted again. The transmission
 * task moves entries between states with `transition`, a compare-and-set on the state.
 *
 * The formatted item of an entry the enqueue step stores is kept apart, in the
 * `publish_queue_payloads` collection (one document per distinct formatted text of a copy, so
 * the destinations of a NINJS copy share one), and the entry holds its id: each state change
 * then rewrites a small document rather than the whole formatted item. Reads through the API
 * put `formatted_item` back, as Superdesk returns it.
 */
import { isDeepStrictEqual } from "node:util";
import { ConflictError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import { nextEtag } from "../resources/etag.ts";
import { nextUpdated } from "../resources/next_updated.ts";
import { ResourceService } from "../resources/resource_service.ts";
import {
  type Collection,
  type Doc,
  DuplicateKeyError,
  type Filter,
} from "../storage/document_store.ts";
import { nextSequences } from "../resources/sequences.ts";
import { ETAG_CHANGED, setFieldsIfEtag } from "../storage/set_fields_if_etag.ts";
import { MAX_PUBLISH_SEQUENCE } from "./subscribers_service.ts";
import { requestTransmission } from "./transmit_task.ts";

/** Where formatted items of stored entries are kept, by id. */
const PAYLOADS = "publish_queue_payloads";

/** How often `advance` reads again an entry other writes keep changing in the state it read. */
const ADVANCE_ATTEMPTS = 20;

/** The entry field naming its payload (internal: the API shows `formatted_item` instead). */
const PAYLOAD_ID = "formatted_item_id";

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
      const destination = ({ ...original, ...updates }.destination ?? {}) as Doc;
      await requestTransmission(this.ctx.queue, [String(destination._id ?? "")]);
    }
  }

  /** The next publish sequence number of `subscriber` (within its settings' range). */
  async subscriberSequence(subscriber: Doc): Promise<number> {
    return (await this.subscriberSequences([subscriber]))[0]!;
  }

  /**
   * The next publish sequence number of each of `subscribers` (one per occurrence, in order),
   * reserved with one write per subscriber.
   */
  async subscriberSequences(subscribers: readonly Doc[]): Promise<number[]> {
    const wanted = new Map<string, { subscriber: Doc; count: number }>();
    for (const subscriber of subscribers) {
      const id = String(subscriber._id);
      const slot = wanted.get(id) ?? { subscriber, count: 0 };
      slot.count++;
      wanted.set(id, slot);
    }
    const reserved = new Map(
      await Promise.all(
        [...wanted].map(async ([id, { subscriber, count }]) => {
          const settings = (subscriber.sequence_num_settings ?? {}) as Doc;
          const values = await nextSequences(this.ctx.documents, `published_seq_num_${id}`, {
            min: Number(settings.min ?? 1),
            max: Number(settings.max ?? MAX_PUBLISH_SEQUENCE),
            count,
          });
          return [id, values] as const;
        }),
      ),
    );
    return subscribers.map((subscriber) => reserved.get(String(subscriber._id))!.shift()!);
  }

  /**
   * Inserts entries the enqueue step built (already complete: no hooks, no validation), in one
   * write, their formatted items first (see the module comment; `entries` keep theirs). With
   * `skipExisting`, entries and payloads whose id is stored already are left as they are.
   */
  async insertPrepared(entries: Doc[], { skipExisting = false } = {}): Promise<void> {
    if (entries.length === 0) return;
    const now = new Date();
    const payloads = new Map<string, string>();
    const rows = entries.map((entry) => {
      const { formatted_item: text, ...row } = entry;
      if (typeof text === "string") {
        if (!payloads.has(text)) payloads.set(text, String(entry._id));
        row[PAYLOAD_ID] = payloads.get(text);
      }
      row._created = entry._created = now;
      row._updated = entry._updated = now;
      // A new row's etag, from its id and creation time (hashing the whole row cost a fifth of
      // storing it); each change derives the next one from it (`advance`).
      row._etag = entry._etag = nextEtag(row._id, { _created: now });
      return row;
    });
    const payloadDocs = [...payloads].map(([text, _id]) => ({ _id, formatted_item: text }));
    await insertAll(this.ctx.documents.collection(PAYLOADS), payloadDocs, skipExisting);
    await insertAll(this.collection, rows, skipExisting);
  }

  /** The formatted item of each of `entries`, by entry id. */
  formattedItems(entries: readonly Doc[]): Promise<Map<string, string>> {
    return formattedItemsWith(entries, (ids) => this.payloadTexts(ids));
  }

  /** The stored formatted items `ids` name (see the module comment), by payload id. */
  async payloadTexts(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const stored = await this.ctx.documents.collection(PAYLOADS).find({ _id: { $in: [...ids] } });
    return new Map(stored.map((payload) => [String(payload._id), String(payload.formatted_item)]));
  }

  /** Entries read through the API show their formatted item, not the payload id. */
  protected override async onFetched(docs: Doc[]) {
    const texts = await this.formattedItems(docs);
    for (const doc of docs) {
      if (!(PAYLOAD_ID in doc)) continue;
      const text = texts.get(String(doc._id));
      if (text !== undefined) doc.formatted_item = text;
      delete doc[PAYLOAD_ID];
    }
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
   * Applies `set` to `entry` (compare-and-set on its etag); the stored entry, or null when it
   * changed since it was read (a user cancelled, resent or edited it: theirs to keep). The legal
   * archive's `moved_to_legal` alone is no such change: it is read again and kept, `set` applied
   * on top. Announces a state change. `set` holds top-level fields.
   */
  async advance(entry: Doc, set: Doc): Promise<Doc | null> {
    let current: Doc | null = entry;
    for (let attempt = 1; current && attempt <= ADVANCE_ATTEMPTS; attempt++) {
      const stored = await this.advanceOnce(current, set);
      if (stored) return stored;
      current = await this.collection.findOne({ _id: entry._id, state: entry.state });
      if (current && !flaggedOnly(entry, current)) return null;
    }
    if (!current) return null;
    throw new ConflictError(`Queue entry "${entry._id}" keeps changing; try again`);
  }

  /** `advance` on `entry` as it was read: null when it changed since, whatever changed. */
  private async advanceOnce(entry: Doc, set: Doc): Promise<Doc | null> {
    const _updated = nextUpdated(entry._updated);
    const fields = { ...set, _updated, _etag: nextEtag(entry._etag, { ...set, _updated }) };
    const stored = await this.setFields(entry, fields);
    if (stored && set.state !== undefined && set.state !== entry.state) {
      await this.announceState(stored);
    }
    return stored;
  }

  /**
   * `fields` set in `entry` when it is stored as it was read (same etag); the stored entry, or
   * null. A store keeping JSON text gets the fields spliced into it, without decoding and
   * re-encoding the entry; the stored entry is then the one read with the fields, which the
   * etag compare guarantees.
   */
  private async setFields(entry: Doc, fields: Doc): Promise<Doc | null> {
    if (!this.collection.setFieldsJson) {
      return await this.collection.updateOne({ _id: entry._id, _etag: entry._etag }, {
        $set: fields,
      });
    }
    const written = await setFieldsIfEtag(this.collection, { _id: entry._id }, {
      etag: entry._etag,
      change: () => fields,
    });
    return written === null || written === ETAG_CHANGED ? null : { ...entry, ...fields };
  }

  /** Applies each `set` to its `entry` (see `advance`) in one round: null where it changed. */
  advanceAll(changes: ReadonlyArray<{ entry: Doc; set: Doc }>): Promise<Array<Doc | null>> {
    return Promise.all(changes.map(({ entry, set }) => this.advance(entry, set)));
  }

  /** Whether a destination has an entry to send now (a `retrying` one once its time came). */
  async hasDue(destinationId: string): Promise<boolean> {
    // Two lookups on the (destination, state) index: an `$or` across states would read every
    // entry the destination ever had.
    const waiting = await this.collection.findOne(dueNow(destinationId), {
      projection: { _id: 1 },
    });
    if (waiting) return true;
    const retrying = await this.collection.findOne(dueRetry(destinationId), {
      projection: { _id: 1 },
    });
    return retrying !== null;
  }

  /**
   * Which of `destinationIds` have an entry to send now (see `hasDue`), in two reads of at most
   * one entry per destination for all of them (none has any: the usual end of a run); when a
   * read is cut off (one destination's entries may fill it), those it left out are looked up
   * alone.
   */
  async dueAmong(destinationIds: readonly string[]): Promise<Set<string>> {
    const ids = [...new Set(destinationIds)];
    if (ids.length === 1) return new Set(await this.hasDue(ids[0]!) ? ids : []);
    const due = new Set<string>();
    for (const filter of [dueNow, dueRetry]) {
      const rest = ids.filter((id) => !due.has(id));
      if (rest.length === 0) break;
      const found = await this.collection.find(filter({ $in: rest }), {
        projection: { destination: 1 },
        limit: rest.length,
      });
      for (const entry of found) due.add(String((entry.destination as Doc | undefined)?._id));
      if (found.length < rest.length) continue;
      for (const id of rest) {
        if (!due.has(id) && await this.collection.findOne(filter(id), { projection: { _id: 1 } })) {
          due.add(id);
        }
      }
    }
    return due;
  }

  /** Destinations with entries to send whose subscriber is none of `known`'s (deleted). */
  async orphanDestinations(known: ReadonlySet<string>): Promise<string[]> {
    const entries = await this.collection.find({
      state: { $in: WAITING_STATES },
      "destination._id": { $nin: [...known] },
    }, { projection: { destination: 1 }, limit: 1000 });
    return [
      ...new Set(entries.map((entry) => String((entry.destination as Doc | undefined)?._id ?? ""))),
    ].filter(Boolean);
  }

  /** The first `limit` entries of a destination still to transmit, in transmission order. */
  waiting(destinationId: string, limit: number): Promise<Doc[]> {
    return this.collection.find({
      "destination._id": destinationId,
      state: { $in: WAITING_STATES },
    }, { sort: TRANSMISSION_ORDER, limit });
  }

  /**
   * `waiting` of each of `destinationIds`, in one read when it finds them all: the first
   * `limit` × n waiting entries of all of them in transmission order hold each destination's
   * first entries; only a destination with fewer than `limit` of them in a read cut off at
   * that size is read again alone.
   */
  async waitingOf(destinationIds: readonly string[], limit: number): Promise<Map<string, Doc[]>> {
    const ids = [...new Set(destinationIds)];
    if (ids.length === 1) return new Map([[ids[0]!, await this.waiting(ids[0]!, limit)]]);
    const most = limit * ids.length;
    const entries = await this.collection.find({
      "destination._id": { $in: ids },
      state: { $in: WAITING_STATES },
    }, { sort: TRANSMISSION_ORDER, limit: most });
    const byDestination = new Map(ids.map((id) => [id, [] as Doc[]]));
    for (const entry of entries) {
      const list = byDestination.get(String((entry.destination as Doc | undefined)?._id));
      if (list && list.length < limit) list.push(entry);
    }
    if (entries.length === most) {
      for (const [id, list] of byDestination) {
        if (list.length < limit) byDestination.set(id, await this.waiting(id, limit));
      }
    }
    return byDestination;
  }

  /**
   * Flags `entry` (as read) as copied into the legal archive; false when it changed since (a
   * later import flags it).
   */
  async markMovedToLegal(entry: Doc): Promise<boolean> {
    // Once: the legal copy was made of `entry` as read, whatever another write changed since.
    return (await this.advanceOnce(entry, { moved_to_legal: true })) !== null;
  }

  /**
   * Removes the entries matching `filter` (content expiry); entries another run removed meanwhile
   * are no error.
   */
  async removeWhere(filter: Filter): Promise<void> {
    await this.collection.deleteMany(filter);
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

/**
 * Whether entry `now` is entry `read` but for the legal archive's flag (and the etag and time
 * every write changes): the only change a completion writes over.
 */
function flaggedOnly(read: Doc, now: Doc): boolean {
  const rest = (doc: Doc) =>
    Object.fromEntries(
      Object.entries(doc).filter(([key, value]) =>
        value !== undefined && !["moved_to_legal", "_etag", "_updated"].includes(key)
      ),
    );
  return isDeepStrictEqual(rest(read), rest(now));
}

/** Entries of `destination` waiting to be sent (`pending`, or left `in-progress`). */
function dueNow(destination: unknown): Filter {
  return { "destination._id": destination, state: { $in: ["pending", "in-progress"] } };
}

/** Entries of `destination` whose retry time has come. */
function dueRetry(destination: unknown): Filter {
  return {
    "destination._id": destination,
    state: "retrying",
    $or: [{ next_retry_attempt_at: { $lte: new Date() } }, { next_retry_attempt_at: null }],
  };
}

/** States of the entries still to transmit. */
const WAITING_STATES = ["pending", "in-progress", "retrying"];

/** The order entries of a destination are sent in (publish sequence, hence version order). */
const TRANSMISSION_ORDER = [["transmit_order", 1], ["_id", 1]] as const;

/**
 * The formatted item of each of `entries`, by entry id: the entry's own, else the stored one
 * `payloadTexts` reads by payload id.
 */
export async function formattedItemsWith(
  entries: readonly Doc[],
  payloadTexts: (ids: string[]) => Promise<Map<string, string>>,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const ids = new Set<string>();
  for (const entry of entries) {
    if (typeof entry.formatted_item === "string") {
      texts.set(String(entry._id), entry.formatted_item);
    } else if (typeof entry[PAYLOAD_ID] === "string") ids.add(entry[PAYLOAD_ID]);
  }
  if (ids.size === 0) return texts;
  const byId = await payloadTexts([...ids]);
  for (const entry of entries) {
    const text = byId.get(entry[PAYLOAD_ID] as string);
    if (text !== undefined) texts.set(String(entry._id), text);
  }
  return texts;
}

/** Inserts `docs` in one write; with `skipExisting`, those whose id is stored are left out. */
async function insertAll(collection: Collection, docs: Doc[], skipExisting: boolean) {
  if (docs.length === 0) return;
  try {
    await collection.insertMany(docs);
  } catch (error) {
    if (!skipExisting || !(error instanceof DuplicateKeyError)) throw error;
    const stored = await collection.find({ _id: { $in: docs.map((doc) => doc._id) } }, {
      projection: { _id: 1 },
    });
    const existing = new Set(stored.map((doc) => doc._id));
    const missing = docs.filter((doc) => !existing.has(doc._id));
    if (missing.length > 0) await collection.insertMany(missing);
  }
}
