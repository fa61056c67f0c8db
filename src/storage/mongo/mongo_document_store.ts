/**
 * The MongoDB implementation of the document store (`npm:mongodb`). It also runs on FerretDB
 * 1.24, which CI uses as its MongoDB; what FerretDB lacks is worked around where it matters:
 * `duplicate_key.ts` (error details), `ferretdb.ts` (query forms), `ferretdb_claims.ts`
 * (atomic compare-and-set), `insertMany` below (no transactions).
 */
import type { Collection as MongoCollection, Filter as MongoFilter, MongoClient } from "mongodb";
import { measureStatus } from "../../engines/engine_status.ts";
import { BadRequestError } from "../../errors.ts";
import { checkIncrement } from "../increment_check.ts";
import type {
  Collection,
  Doc,
  DocumentStore,
  Filter,
  FindOptions,
  IndexSpec,
  Projection,
  Update,
} from "../document_store.ts";
import { validateFindOptions, validateProjection } from "../find_options.ts";
import { validateFilter } from "../where_filter.ts";
import { idLookup, matchesEqualities } from "../id_lookup.ts";
import { failedWriteIndex, isDuplicateKeyFailure, toDuplicateKeyError } from "./duplicate_key.ts";
import { adaptFilterForFerretDb, isFerretDb } from "./ferretdb.ts";
import { claimKey, type Claims, CLAIMS_COLLECTION, createClaims } from "./ferretdb_claims.ts";
import { mappingErrors } from "./mongo_errors.ts";
import { reviveAfterFailedConnect } from "./revive_client.ts";
import { driverOperations, type MongoOperations, wireOperations } from "./mongo_operations.ts";
import type { WirePool } from "./wire_pool.ts";

/** Options for `createMongoDocumentStore`. */
export interface MongoDocumentStoreOptions {
  /** A client built by the caller; `close()` closes it. */
  client: MongoClient;
  /**
   * Our own connections to the same server (`wirePoolFor(uri)`), used for the frequent
   * commands when the server is a standalone one; `close()` closes them. Without it every
   * command goes through the driver.
   */
  wire?: WirePool;
  dbName: string;
  /**
   * Server-side time limit of each read (`maxTimeMS`): bounds the cost of a client's query,
   * `$regex` included (MongoDB's PCRE backtracks; FerretDB's Go engine is linear). A read over
   * it is a 503.
   */
  queryTimeMs?: number;
  /** How long a FerretDB write waits for another writer of the same document. */
  claimWaitMs?: number;
}

/** Default `queryTimeMs`. */
export const QUERY_TIME_MS = 10_000;

/** The indexes of `collection`; none when it does not exist yet (NamespaceNotFound). */
async function existingIndexes(collection: MongoCollection<Doc>): Promise<{ name?: string }[]> {
  try {
    return await collection.listIndexes().toArray();
  } catch (error) {
    if ((error as { code?: number }).code === 26) return [];
    throw error;
  }
}

/** A document store over the database `dbName` of `client`. */
export function createMongoDocumentStore(
  { client, dbName, wire, queryTimeMs = QUERY_TIME_MS, claimWaitMs }: MongoDocumentStoreOptions,
): DocumentStore {
  const db = client.db(dbName);
  reviveAfterFailedConnect(client);
  const onWire = async () => wire !== undefined && (wire.isUsable ?? await wire.usable());
  const claims = createClaims(async (command) =>
    await onWire() ? await wire!.command(dbName, command) : await db.command(command)
  );
  const collections = new Map<string, Collection>();
  let ferretDb: Promise<boolean> | undefined;
  const onFerretDb = () =>
    ferretDb ??= isFerretDb(db).catch((error) => {
      ferretDb = undefined; // not cached: ask again once the server answers
      throw error;
    });
  return {
    engine: "mongodb",
    collection(name) {
      let collection = collections.get(name);
      if (!collection) {
        const driverCollection = db.collection<Doc>(name);
        const viaDriver = driverOperations(driverCollection, queryTimeMs);
        const viaWire = wire && wireOperations(wire, dbName, name, queryTimeMs);
        collection = mongoCollection({
          claims,
          collection: driverCollection,
          operations: async () => await onWire() ? viaWire! : viaDriver,
          onFerretDb,
          queryTimeMs,
          claimWaitMs,
        });
        collections.set(name, collection);
      }
      return collection;
    },
    async collectionNames() {
      const found = await db.listCollections({}, { nameOnly: true }).toArray();
      // The claims of writers still running (FerretDB) are the store's, not data to erase.
      return found.map((info) => info.name)
        .filter((name) => !name.startsWith("system.") && name !== CLAIMS_COLLECTION)
        .sort();
    },
    ping: () =>
      measureStatus("documents", "mongodb", async () => {
        const info = await db.command({ buildInfo: 1 });
        return info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : String(info.version);
      }),
    close: async () => {
      wire?.close();
      await client.close();
    },
  };
}

interface MongoCollectionOptions {
  /** FerretDB's per-document write claims (see ferretdb_claims.ts). */
  claims: Claims;
  collection: MongoCollection<Doc>;
  /** The frequent operations: over our own connections when usable, else the driver's. */
  operations(): Promise<MongoOperations>;
  /** Whether the server is FerretDB (resolved once per store, on first use). */
  onFerretDb(): Promise<boolean>;
  queryTimeMs: number;
  claimWaitMs?: number;
}

/** A FerretDB claim held by `Collection.reserve`, and what was read under it. */
interface Reservation {
  id: string;
  key: string;
  /** A copy of the document as read under the claim, until the next write. */
  seen?: Doc;
}

/** The collection (error-mapped, see mongo_errors.ts), or its view under `reservation`. */
function mongoCollection(options: MongoCollectionOptions, reservation?: Reservation): Collection {
  return mappingErrors(rawCollection(options, reservation), options);
}

function rawCollection(
  options: MongoCollectionOptions,
  held: Reservation | undefined,
): Collection {
  const { claims, collection, operations, onFerretDb, queryTimeMs, claimWaitMs } = options;
  /** Validates a filter; on FerretDB also adapts it (see ferretdb.ts). */
  const query = async (filter: Filter) => {
    validateFilter(filter);
    return (await onFerretDb() ? adaptFilterForFerretDb(filter) : filter) as MongoFilter<Doc>;
  };
  const first = async (selector: MongoFilter<Doc>, projection?: Projection) =>
    await (await operations()).first(selector, projection);
  /**
   * A single-document write of what `filter` selects, or `missed` when it selects nothing. On
   * FerretDB it is serialised per document (see ferretdb_claims.ts), and a filter `{_id: "x",
   * field: "value", …}` (an etag guard) is checked in JavaScript on the document read by `_id`
   * while the claim is held, the write then naming `_id` alone: FerretDB's SQLite backend looks
   * up an `_id`-only filter by primary key but scans the whole collection for any other (a
   * guarded findAndModify on 500 documents: 81/s, against 205/s by `_id`). Every other
   * single-document write waits for the claim, so the document cannot change in between. Under
   * a reservation of the same document (`reserve`) the claim is held already, and the document
   * read through the reservation since its last write is the one checked.
   */
  const guarded = async <T>(
    filter: Filter,
    missed: T,
    write: (selector: MongoFilter<Doc>) => Promise<T>,
  ): Promise<T> => {
    const selector = await query(filter);
    if (!(await onFerretDb())) return await write(selector);
    const lookup = idLookup(filter);
    const key = claimKey(collection.collectionName, filter);
    const reserved = held?.key === key ? held : undefined;
    const checked = async () => {
      const seen = reserved?.seen;
      if (reserved) reserved.seen = undefined;
      if (!lookup || lookup.equalities.length === 0) return await write(selector);
      const byId = { _id: lookup.id } as Filter as MongoFilter<Doc>;
      const current = seen ?? await first(byId);
      if (!current || !matchesEqualities(current, lookup.equalities)) return missed;
      return await write(byId);
    };
    if (reserved) return await checked();
    return await claims.withClaim(key, checked, { maxWaitMs: claimWaitMs });
  };
  return {
    async insertMany(docs) {
      if (docs.length === 0) return;
      if (docs.some((doc) => typeof doc._id !== "string")) {
        throw new BadRequestError("A document _id must be a string");
      }
      const ops = await operations();
      try {
        await ops.insertOrdered(docs);
      } catch (error) {
        const failedAt = failedWriteIndex(error);
        const failed = failedAt === undefined ? undefined : docs[failedAt];
        const thrown = isDuplicateKeyFailure(error) && failed
          ? await toDuplicateKeyError(error, collection, failed)
          : error;
        // All-or-nothing without transactions: FerretDB has no multi-document transactions, so
        // the ordered insert stopped at `failedAt` and the documents before it (all new: an
        // existing id would have failed there) are removed again. When the failure point is
        // unknown (e.g. a lost connection) nothing is deleted, as it could hit older documents.
        if (failedAt !== undefined && failedAt > 0) {
          const ids = docs.slice(0, failedAt).map((doc) => doc._id);
          await ops.deleteMany({ _id: { $in: ids } });
        }
        throw thrown;
      }
    },
    async findOne(filter, options = {}) {
      if (options.projection) validateProjection(options.projection);
      const doc = await first(await query(filter), options.projection);
      if (held && doc?._id === held.id && !options.projection) held.seen = { ...doc };
      return doc;
    },
    async find(filter, options: FindOptions = {}) {
      validateFindOptions(options);
      return await (await operations()).find(await query(filter), {
        sort: options.sort?.map(([field, direction]) => [field, direction] as [string, 1 | -1]),
        skip: options.skip,
        limit: options.limit,
        projection: options.projection,
      });
    },
    async count(filter) {
      return await collection.countDocuments(await query(filter), { maxTimeMS: queryTimeMs });
    },
    async updateOne(filter, update: Update) {
      const changes: Doc = {};
      if (update.$set && Object.keys(update.$set).length > 0) changes.$set = update.$set;
      if (update.$unset && update.$unset.length > 0) {
        changes.$unset = Object.fromEntries(update.$unset.map((path) => [path, ""]));
      }
      if (Object.keys(changes).length === 0) {
        return await first(await query(filter));
      }
      return await guarded(filter, null, async (selector) => {
        try {
          return await (await operations()).findOneAndUpdate(selector, changes);
        } catch (error) {
          if (!isDuplicateKeyFailure(error)) throw error;
          throw await toDuplicateKeyError(error, collection, update.$set ?? {});
        }
      });
    },
    async incrementOne(id, field, by, { insert } = {}) {
      checkIncrement(field, by);
      const changes: Doc = { $inc: { [field]: by } };
      if (insert) {
        const { _id: _, [field]: __, ...fields } = insert;
        if (Object.keys(fields).length > 0) changes.$setOnInsert = fields;
      }
      return await guarded({ _id: id }, null, async (selector) => {
        // Two upserts of one new id may both insert, one failing on the key (MongoDB retries
        // such an upsert itself, FerretDB does not): the document exists then, so once more.
        for (let attempt = 1;; attempt++) {
          try {
            return await (await operations()).findOneAndUpdate(selector, changes, {
              upsert: insert !== undefined,
            });
          } catch (error) {
            // MongoDB's TypeMismatch (14): the field holds no number, refused as SQLite's store
            // refuses it.
            if ((error as { code?: unknown })?.code === 14) {
              throw new BadRequestError(
                `Cannot increment the field ${JSON.stringify(field)}: it holds no number`,
              );
            }
            if (!isDuplicateKeyFailure(error) || attempt >= 2) throw error;
          }
        }
      });
    },
    async replaceOne(filter, doc) {
      return await guarded(filter, false, async (selector) => {
        try {
          return await (await operations()).replaceOne(selector, doc);
        } catch (error) {
          if (!isDuplicateKeyFailure(error)) throw error;
          throw await toDuplicateKeyError(error, collection, doc);
        }
      });
    },
    async deleteOne(filter) {
      return await guarded(filter, false, async (selector) => {
        return await (await operations()).deleteOne(selector);
      });
    },
    async deleteMany(filter) {
      return await (await operations()).deleteMany(await query(filter));
    },
    async ensureIndexes(indexes: IndexSpec[]) {
      // Only the missing ones: FerretDB 1.24 panics (dropping the connection) when one
      // createIndexes command names several indexes that all exist already, i.e. every restart.
      const existing = new Set((await existingIndexes(collection)).map((index) => index.name));
      for (const index of indexes) {
        if (index.dropped && existing.has(index.name)) await collection.dropIndex(index.name);
      }
      const missing = indexes.filter((index) => !index.dropped && !existing.has(index.name));
      if (missing.length === 0) return;
      await collection.createIndexes(missing.map((index) => ({
        name: index.name,
        key: index.keys,
        ...(index.unique ? { unique: true } : {}),
        ...(index.sparse ? { sparse: true } : {}),
      })));
    },
    async drop() {
      await (await operations()).deleteMany({});
    },
    async reserve(id, body) {
      if (held?.id === id || !(await onFerretDb())) return await body(this);
      const key = claimKey(collection.collectionName, { _id: id });
      return await claims.withClaim(key, () => body(mongoCollection(options, { id, key })), {
        maxWaitMs: claimWaitMs,
      });
    },
  };
}
