/**
 * Differential test: random documents (scalars, dates, nulls, arrays, nested objects, missing
 * fields) and a few hundred random queries of the allowed language, answered by the SQLite store
 * and by the MongoDB store; both must return the same ids. Gated on `MONGO_URI`. Forms the
 * server refuses as unsupported (FerretDB, see src/storage/mongo/ferretdb.ts) are skipped.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { BadRequestError } from "../../src/errors.ts";
import type { Doc, DocumentStore, Filter } from "../../src/storage/document_store.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const url = engineUrl("MONGO_URI");

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  return { random, pick };
}

const SCALARS = [0, 1, 2, 5, "a", "b", "B", true, false, null, new Date(Date.UTC(2024, 0, 1))];
const FIELDS = ["a", "a.b", "a.c", "x", "x.b", "a.0", "y", "y.b"];

function randomData(seed: number, count: number): Doc[] {
  const { random, pick } = generator(seed);
  const value = (depth: number): unknown => {
    const r = random();
    if (r < 0.5 || depth > 1) return pick(SCALARS);
    if (r < 0.75) {
      return depth === 0 ? Array.from({ length: Math.floor(random() * 3) }, () => value(1)) : null;
    }
    return { b: value(depth + 1), c: pick(SCALARS) };
  };
  return Array.from({ length: count }, (_, i) => {
    const doc: Doc = { _id: `d${String(i).padStart(2, "0")}` };
    for (const field of ["a", "x"]) if (random() < 0.8) doc[field] = value(0);
    if (random() < 0.8) doc.y = pick(SCALARS);
    return doc;
  });
}

function randomQueries(seed: number, count: number): Filter[] {
  const { random, pick } = generator(seed);
  const condition = (): Filter => {
    const field = pick(FIELDS);
    const operator = pick([
      "",
      "$eq",
      "$ne",
      "$gt",
      "$lte",
      "$in",
      "$nin",
      "$exists",
      "$size",
      "$all",
      "$not",
      "$regex",
      "$elemMatch",
    ]);
    switch (operator) {
      case "":
        return { [field]: pick(SCALARS) };
      case "$gt":
      case "$lte":
        return { [field]: { [operator]: pick([0, 1, "a", "B", new Date(Date.UTC(2024, 5))]) } };
      case "$in":
      case "$nin":
      case "$all":
        return { [field]: { [operator]: [pick(SCALARS), pick(SCALARS)] } };
      case "$exists":
        return { [field]: { $exists: random() < 0.5 } };
      case "$size":
        return { [field]: { $size: Math.floor(random() * 3) } };
      case "$not":
        return { [field]: { $not: { $gt: pick([0, 1, "a"]) } } };
      case "$regex":
        return { [field]: { $regex: pick(["^a", "b", "^B$"]), $options: pick(["", "i"]) } };
      case "$elemMatch":
        return {
          [field]: { $elemMatch: pick([{ $gt: 0 }, { $in: [1, "b"] }, { $gt: 0, $lt: 2 }]) },
        };
      default:
        return { [field]: { [operator]: pick(SCALARS) } };
    }
  };
  const query = (depth: number): Filter =>
    random() < 0.7 || depth > 1
      ? condition()
      : { [pick(["$and", "$or", "$nor"])]: [query(depth + 1), query(depth + 1)] };
  return Array.from({ length: count }, () => query(0));
}

async function answer(store: DocumentStore, filter: Filter): Promise<string[] | "unsupported"> {
  try {
    return (await store.collection("things").find(filter, { sort: [["_id", 1]] })).map((d) =>
      String(d._id)
    );
  } catch (error) {
    if (error instanceof BadRequestError && /not supported by/.test(error.message)) {
      return "unsupported";
    }
    throw error;
  }
}

if (url) {
  Deno.test("sqlite and mongo stores give the same answers to 300 random queries", async () => {
    const dir = await Deno.makeTempDir({ prefix: "docstore_" });
    const sqlite = createSqliteDocumentStore({ path: `${dir}/documents.db` });
    const client = new MongoClient(url);
    const dbName = uniqueName("test_docstore_diff");
    const mongo = createMongoDocumentStore({ client, dbName });
    try {
      const docs = randomData(7, 40);
      await sqlite.collection("things").ensureIndexes(
        ["y", "a", "a.b"].map((field) => ({ name: field, keys: { [field]: 1 as const } })),
      );
      await sqlite.collection("things").insertMany(docs);
      await mongo.collection("things").insertMany(structuredClone(docs));
      const differences: string[] = [];
      for (const filter of randomQueries(11, 300)) {
        const expected = await answer(mongo, filter);
        if (expected === "unsupported") continue;
        const actual = await answer(sqlite, filter);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          differences.push(`${JSON.stringify(filter)}: sqlite ${actual}, mongo ${expected}`);
        }
      }
      assert.deepEqual(differences, []);
    } finally {
      await client.db(dbName).dropDatabase();
      await mongo.close();
      await sqlite.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
