/**
 * The document store's frequent single-collection operations, two ways: through the
 * `npm:mongodb` driver's collection methods, or as the same server commands over our own
 * connections (`wire_pool.ts`) when the server allows it. Both answer alike: the driver's
 * error types, documents decoded with the driver's defaults (the `bson` of the driver).
 */
import { type Collection as MongoCollection, type Filter as MongoFilter, Long } from "mongodb";
import { MongoServerError } from "mongodb";
import type { Doc, Projection } from "../document_store.ts";
import { isOutage } from "./mongo_errors.ts";
import type { WirePool } from "./wire_pool.ts";

/** A find's shape (validated by the store). */
export interface FindShape {
  sort?: Array<[string, 1 | -1]>;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

/** See the module doc; every selector is already validated and adapted by the store. */
export interface MongoOperations {
  /** The first document `selector` selects, in one `find` command of one batch. */
  first(selector: Doc, projection?: Projection): Promise<Doc | null>;
  find(selector: Doc, shape: FindShape): Promise<Doc[]>;
  /** An ordered insert; a failure carries `writeErrors[0].index` (see duplicate_key.ts). */
  insertOrdered(docs: Doc[]): Promise<void>;
  /**
   * The document after `operations`, or null when nothing matched; with `upsert`, one is
   * created when none matches.
   */
  findOneAndUpdate(
    selector: Doc,
    operations: Doc,
    options?: { upsert?: boolean },
  ): Promise<Doc | null>;
  replaceOne(selector: Doc, doc: Doc): Promise<boolean>;
  deleteOne(selector: Doc): Promise<boolean>;
  deleteMany(selector: Doc): Promise<number>;
}

/** The operations through the driver's collection `collection`. */
export function driverOperations(
  collection: MongoCollection<Doc>,
  queryTimeMs: number,
): MongoOperations {
  const db = collection.db;
  return {
    async first(selector, projection) {
      // One `find` command: the driver's `findOne` builds, runs and closes a cursor around
      // it, which costs this process more CPU than the command itself. The driver does not
      // retry a command as it retries a read (a replica set's failover), so an outage's error
      // gets one retry through `findOne`.
      const command = findFirstCommand(collection.collectionName, selector, {
        projection,
        queryTimeMs,
      });
      try {
        return firstOf(await db.command(command));
      } catch (error) {
        if (!isOutage(error)) throw error;
        return await collection.findOne(selector as MongoFilter<Doc>, {
          projection,
          maxTimeMS: queryTimeMs,
        });
      }
    },
    async find(selector, { sort, skip, limit, projection }) {
      const cursor = collection.find(selector as MongoFilter<Doc>, {
        sort,
        skip,
        limit,
        projection,
        maxTimeMS: queryTimeMs,
      });
      return await cursor.toArray();
    },
    async insertOrdered(docs) {
      await collection.insertMany(docs, { ordered: true });
    },
    async findOneAndUpdate(selector, operations, { upsert = false } = {}) {
      return await collection.findOneAndUpdate(selector as MongoFilter<Doc>, operations, {
        returnDocument: "after",
        upsert,
      });
    },
    async replaceOne(selector, doc) {
      return (await collection.replaceOne(selector as MongoFilter<Doc>, doc)).matchedCount > 0;
    },
    async deleteOne(selector) {
      return (await collection.deleteOne(selector as MongoFilter<Doc>)).deletedCount > 0;
    },
    async deleteMany(selector) {
      return (await collection.deleteMany(selector as MongoFilter<Doc>)).deletedCount;
    },
  };
}

/** The operations as commands on database `dbName` over `pool`. */
export function wireOperations(
  pool: WirePool,
  dbName: string,
  name: string,
  queryTimeMs: number,
): MongoOperations {
  const read = (command: Doc) => pool.command(dbName, command, { retryable: true });
  const write = async (command: Doc) => {
    const reply = await pool.command(dbName, command);
    throwWriteErrors(reply);
    return reply;
  };
  return {
    async first(selector, projection) {
      return firstOf(await read(findFirstCommand(name, selector, { projection, queryTimeMs })));
    },
    async find(selector, { sort, skip, limit, projection }) {
      const command: Doc = { find: name, filter: selector, maxTimeMS: queryTimeMs };
      // A Map keeps the keys' order whatever they look like (an integer-like key would move).
      if (sort && sort.length > 0) command.sort = new Map(sort);
      if (skip) command.skip = skip;
      if (limit) {
        command.limit = limit;
        command.batchSize = limit;
      }
      if (projection) command.projection = projection;
      let cursor = (await read(command)).cursor as CursorReply;
      const docs = cursor.firstBatch ?? [];
      while (!isClosedCursor(cursor.id)) {
        const more = await read({
          getMore: typeof cursor.id === "number" ? Long.fromNumber(cursor.id) : cursor.id,
          collection: name,
        });
        cursor = more.cursor as CursorReply;
        for (const doc of cursor.nextBatch ?? []) docs.push(doc);
      }
      return docs;
    },
    async insertOrdered(docs) {
      await write({ insert: name, documents: docs, ordered: true });
    },
    async findOneAndUpdate(selector, operations, { upsert = false } = {}) {
      const reply = await write({
        findAndModify: name,
        query: selector,
        update: operations,
        new: true,
        upsert,
      });
      return (reply.value as Doc | null | undefined) ?? null;
    },
    async replaceOne(selector, doc) {
      const reply = await write({ update: name, updates: [{ q: selector, u: doc }] });
      return Number(reply.n) > 0;
    },
    async deleteOne(selector) {
      const reply = await write({ delete: name, deletes: [{ q: selector, limit: 1 }] });
      return Number(reply.n) > 0;
    },
    async deleteMany(selector) {
      const reply = await write({ delete: name, deletes: [{ q: selector, limit: 0 }] });
      return Number(reply.n);
    },
  };
}

interface CursorReply {
  id: number | Long;
  firstBatch?: Doc[];
  nextBatch?: Doc[];
}

function isClosedCursor(id: number | Long | undefined): boolean {
  return id === undefined || (typeof id === "number" ? id === 0 : id.isZero());
}

function findFirstCommand(
  name: string,
  selector: Doc,
  { projection, queryTimeMs }: { projection?: Projection; queryTimeMs: number },
): Doc {
  const command: Doc = {
    find: name,
    filter: selector,
    limit: 1,
    singleBatch: true,
    maxTimeMS: queryTimeMs,
  };
  if (projection) command.projection = projection;
  return command;
}

function firstOf(reply: Doc): Doc | null {
  return (reply.cursor as { firstBatch?: Doc[] } | undefined)?.firstBatch?.[0] ?? null;
}

/**
 * A write command's per-document failures as the driver reports them: a `MongoServerError`
 * with the first failure's code and message, and `writeErrors` (each with its `index`).
 */
export function throwWriteErrors(reply: Doc): void {
  const failures = reply.writeErrors as Array<{ code?: number; errmsg?: string }> | undefined;
  if (failures && failures.length > 0) {
    // The first failure whole, as the driver raises it: a duplicate key's keyPattern/keyValue
    // name the index that refused it.
    throw new MongoServerError({
      ...failures[0]!,
      ok: 0,
      errmsg: failures[0]!.errmsg ?? "write failed",
      writeErrors: failures,
    });
  }
  const concern = reply.writeConcernError as { code?: number; errmsg?: string } | undefined;
  if (concern) throw new MongoServerError({ ok: 0, ...concern, errmsg: concern.errmsg ?? "" });
}
