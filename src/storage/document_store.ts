/**
 * The document-store seam: the source of truth for every resource. Two implementations,
 * `mongo/mongo_document_store.ts` and `sqlite/sqlite_document_store.ts`, pass one contract
 * suite (`tests/contracts/document_store_contract.ts`). Nothing above this interface knows
 * which one it got.
 *
 * Documents are plain JSON-like objects whose values may also be `Date`. `_id` is always a
 * string (24-hex ObjectId-style for most resources, a guid for content items).
 */
import type { EngineStatus } from "../engines/engine_status.ts";

/** A stored document. */
export type Doc = Record<string, unknown>;

/** True when `value` is a document (an object, not null, not an array). */
export function isDoc(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A MongoDB query document restricted to the allow-listed operators (see
 * `where_filter.ts`); both stores give it the same meaning.
 */
export type Filter = Record<string, unknown>;

/** Sort keys in priority order; 1 ascending, -1 descending. */
export type Sort = ReadonlyArray<readonly [field: string, direction: 1 | -1]>;

/** Inclusive (1) or exclusive (0) projection, Mongo style. `_id` is always returned unless 0. */
export type Projection = Record<string, 0 | 1>;

export interface FindOptions {
  sort?: Sort;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

/** A secondary index derived from a resource definition. */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  /** Only documents with all keys present are indexed (Mongo partial/sparse). */
  sparse?: boolean;
  /**
   * Every document holds a single value (never an array) or nothing on each key's path and its
   * prefixes, as the writers guarantee: the embedded store then keeps no per-write array
   * bookkeeping for those fields (`sqlite_indexes.ts`). Ignored by MongoDB.
   */
  scalar?: boolean;
  /** An index an earlier version declared: removed where it exists, never created. */
  dropped?: boolean;
}

/** Update operations: `$set` dotted paths to values, `$unset` dotted paths. */
export interface Update {
  $set?: Doc;
  $unset?: string[];
}

/** One collection (a Mongo collection or a SQLite table). */
export interface Collection {
  /**
   * Inserts all documents or none. Throws `DuplicateKeyError` naming the id (or unique field)
   * when one exists already.
   */
  insertMany(docs: Doc[]): Promise<void>;
  /**
   * Optional (a store that keeps documents as JSON text): `insertMany`, answering each document
   * as stored, as `findOneJson` would (with its etag), in the order given.
   */
  insertManyJson?(docs: Doc[]): Promise<JsonDoc[]>;
  findOne(filter: Filter, options?: { projection?: Projection }): Promise<Doc | null>;
  find(filter: Filter, options?: FindOptions): Promise<Doc[]>;
  /**
   * Optional (a store that keeps documents as JSON text): what `find` would return, as JSON
   * text with every date in the wire form (`dateToWire`, `src/wire_date.ts`), so a list can be
   * answered without decoding and re-encoding each document. Same meaning as
   * `JSON.stringify(withWireDates(doc))`, not always the same bytes (key order of integer-like
   * keys, escapes). No projection.
   */
  findJson?(filter: Filter, options?: Omit<FindOptions, "projection">): Promise<JsonDoc[]>;
  /** Optional, with `findJson`: what `findOne` would return (without projection), as JSON text. */
  findOneJson?(filter: Filter): Promise<JsonDoc | null>;
  count(filter: Filter): Promise<number>;
  /**
   * Atomically applies `update` to the one document matching `filter` (which typically holds
   * `_id` and `_etag`: a compare-and-set) and returns the new document, or null when nothing
   * matched.
   */
  updateOne(filter: Filter, update: Update): Promise<Doc | null>;
  /**
   * Optional (a store whose writes are local transactions): reads the one document matching
   * `filter` and writes the whole document `change` makes of it (same `_id`), in one transaction
   * no other writer can interleave with, so nothing needs guarding; the written document, or
   * null when nothing matched. `change` runs synchronously on the document as stored, must not
   * change it in place, and may throw: that is the write's error, and nothing is written.
   */
  modify?(filter: Filter, change: (doc: Doc) => Doc): Promise<Doc | null>;
  /**
   * Optional (a store that keeps documents as JSON text and writes in local transactions): in
   * one transaction no other writer can interleave with, reads the `_etag` and `_updated` of the
   * one document matching `filter`, asks `change` for the top-level fields to set (keys without
   * a dot) and sets them in the stored text, without decoding the document in JavaScript; the
   * new document as `findOneJson` answers it (with its etag), or null when nothing matched.
   * `change` runs synchronously and may throw: that is the write's error, and nothing is written.
   */
  setFieldsJson?(filter: Filter, change: (head: StoredHead) => Doc): Promise<JsonDoc | null>;
  /**
   * Atomically adds `by` to the number `field` (top level) of the document `id` in one write of
   * the engine (MongoDB's `$inc`, one SQLite statement), so concurrent increments are all counted
   * and none has to be retried; the document after it. When there is no document `id`, with
   * `insert` one is created as `{ ...insert, _id: id, [field]: by }` (a concurrent creation counts
   * as an increment), without it nothing is written and the answer is null.
   */
  incrementOne(id: string, field: string, by: number, options?: { insert?: Doc }): Promise<
    Doc | null
  >;
  /** Atomically replaces the one document matching `filter`; false when nothing matched. */
  replaceOne(filter: Filter, doc: Doc): Promise<boolean>;
  /** Deletes the one document matching `filter`; false when nothing matched. */
  deleteOne(filter: Filter): Promise<boolean>;
  /** Deletes every matching document and returns how many. */
  deleteMany(filter: Filter): Promise<number>;
  /** Creates the indexes that do not exist yet (idempotent). */
  ensureIndexes(indexes: IndexSpec[]): Promise<void>;
  /** Drops every document (tests and admin commands). */
  drop(): Promise<void>;
  /**
   * Runs `body` with the document `id` reserved for a read-check-write that no other writer of
   * `id` may interleave with; `body` reads and writes `id` through `reserved`, and a guarded
   * write of `id` there may rely on the document `reserved.findOne` read last instead of reading
   * it again. On MongoDB and SQLite `reserved` is this collection (their guarded writes are atomic
   * and cheap to repeat). On FerretDB other writers of `id` wait until `body` settles, and the
   * guarded write reuses the read. Documents read through `reserved` must not be changed in
   * place; `body` must not write `id` other than through `reserved`, nor wait for another writer
   * of it (on FerretDB it would wait for itself).
   */
  reserve<T>(id: string, body: (reserved: Collection) => Promise<T>): Promise<T>;
}

/** A document as `Collection.findJson` answers it. */
export interface JsonDoc {
  /** The document's `_id`. */
  id: string;
  /** The whole document as JSON text, dates in the wire form. */
  json: string;
  /** The milliseconds of the document's top-level `_updated`, when it is a date. */
  updated?: number;
  /** The document's top-level `_etag`, when it is a string (`findOneJson` and the writes only). */
  etag?: string;
}

/** What `Collection.setFieldsJson` reads of the stored document before changing it. */
export interface StoredHead {
  /** Its top-level `_etag`, when it is a string. */
  etag?: string;
  /** The milliseconds of its top-level `_updated`, when it is a date. */
  updated?: number;
}

/** The seam itself. */
export interface DocumentStore {
  readonly engine: "mongodb" | "sqlite";
  collection(name: string): Collection;
  /** The names of the collections that exist in the database, sorted (erase and admin tools). */
  collectionNames(): Promise<string[]>;
  ping(): Promise<EngineStatus>;
  close(): Promise<void>;
}

/** A unique constraint was violated; `field` names it (`_id` for a duplicate id). */
export class DuplicateKeyError extends Error {
  readonly field: string;
  readonly value: unknown;
  constructor(field: string, value: unknown) {
    super(`Duplicate value for "${field}": ${JSON.stringify(value)}`);
    this.name = "DuplicateKeyError";
    this.field = field;
    this.value = value;
  }
}
