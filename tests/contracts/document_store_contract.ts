/**
 * The contract every `DocumentStore` implementation passes (MongoDB/FerretDB and SQLite): the
 * same calls give the same answers, so nothing above the seam needs to know which store it has.
 * Each case gets a fresh store from `makeStore` and releases it with `cleanup`.
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import {
  type Collection,
  type Doc,
  type DocumentStore,
  DuplicateKeyError,
  type Filter,
  type IndexSpec,
} from "../../src/storage/document_store.ts";

/** Query forms an engine may lack; the contract then expects a 400 instead of an answer. */
export type QueryFeature = "elemMatchOnObjects" | "elemMatchSeveralOperators";

/** A ready store, a way to remove everything it created, and the features its engine lacks. */
export interface ContractStore {
  store: DocumentStore;
  cleanup(): Promise<void>;
  unsupported?: readonly QueryFeature[];
}

/** Makes a fresh store for one contract case. */
export type StoreFactory = () => Promise<ContractStore>;

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Four documents covering scalars, arrays, nested objects, dates, nulls and missing fields. */
function fixtures(): Doc[] {
  return [
    {
      _id: "a1",
      n: 1,
      s: "apple",
      tags: ["x", "y"],
      nested: { k: "v1", num: 10 },
      items: [{ sku: "p1", qty: 5 }, { sku: "p2", qty: 1 }],
      d: day("2024-01-01"),
      flag: true,
      nul: null,
      nums: [1, 2, 3],
    },
    {
      _id: "a2",
      n: 2,
      s: "Banana",
      tags: ["y"],
      nested: { k: "v2", num: 20 },
      items: [{ sku: "p1", qty: 1 }],
      d: day("2024-06-01"),
      flag: false,
      nums: [2],
    },
    { _id: "a3", n: 3, s: "cherry", tags: [], nested: { k: "v1" }, d: day("2025-01-01") },
    { _id: "a4", s: "date", tags: "x", nested: { num: 5 }, nul: 7 },
  ];
}

/** Query → the ids (sorted) it must match in `fixtures()`, and the feature it needs if any. */
const QUERY_CASES: Array<[string, Filter, string[], QueryFeature?]> = [
  ["equality", { n: 2 }, ["a2"]],
  ["$eq", { n: { $eq: 2 } }, ["a2"]],
  ["$ne includes missing fields", { n: { $ne: 2 } }, ["a1", "a3", "a4"]],
  ["$gt", { n: { $gt: 1 } }, ["a2", "a3"]],
  ["$gte with $lt", { n: { $gte: 2, $lt: 3 } }, ["a2"]],
  ["$lte", { n: { $lte: 1 } }, ["a1"]],
  ["$gt on strings", { s: { $gt: "b" } }, ["a3", "a4"]],
  ["$in", { n: { $in: [1, 3] } }, ["a1", "a3"]],
  ["$nin includes missing fields", { n: { $nin: [1, 3] } }, ["a2", "a4"]],
  ["scalar matches an array element or a scalar", { tags: "x" }, ["a1", "a4"]],
  ["$in on an array field", { tags: { $in: ["y"] } }, ["a1", "a2"]],
  ["$ne on an array field", { tags: { $ne: "y" } }, ["a3", "a4"]],
  ["$size 0", { tags: { $size: 0 } }, ["a3"]],
  ["$size 2", { tags: { $size: 2 } }, ["a1"]],
  ["$all", { tags: { $all: ["x", "y"] } }, ["a1"]],
  ["dotted nested field", { "nested.k": "v1" }, ["a1", "a3"]],
  ["range on a dotted field", { "nested.num": { $gte: 10 } }, ["a1", "a2"]],
  ["dotted field through an array of objects", { "items.sku": "p2" }, ["a1"]],
  ["range through an array of objects", { "items.qty": { $gt: 4 } }, ["a1"]],
  [
    "$elemMatch with a query on objects",
    {
      items: { $elemMatch: { sku: "p1", qty: { $gte: 2 } } },
    },
    ["a1"],
    "elemMatchOnObjects",
  ],
  [
    "$elemMatch with $in on objects",
    {
      items: { $elemMatch: { sku: { $in: ["p1"] }, qty: 1 } },
    },
    ["a2"],
    "elemMatchOnObjects",
  ],
  [
    "$elemMatch with $or on objects",
    {
      items: { $elemMatch: { $or: [{ sku: "p2" }, { qty: { $gt: 4 } }] } },
    },
    ["a1"],
    "elemMatchOnObjects",
  ],
  ["$elemMatch with an operator on values", { nums: { $elemMatch: { $gte: 3 } } }, ["a1"]],
  ["$elemMatch with operators on values", { nums: { $elemMatch: { $gte: 2, $lt: 3 } } }, [
    "a1",
    "a2",
  ], "elemMatchSeveralOperators"],
  [
    "$elemMatch needs one element to satisfy all",
    {
      nums: { $elemMatch: { $gt: 1, $lt: 2 } },
    },
    [],
    "elemMatchSeveralOperators",
  ],
  ["null matches null and missing", { nul: null }, ["a1", "a2", "a3"]],
  ["$exists true includes null", { nul: { $exists: true } }, ["a1", "a4"]],
  ["$exists false", { nul: { $exists: false } }, ["a2", "a3"]],
  ["$exists false on a scalar field", { n: { $exists: false } }, ["a4"]],
  ["$ne null", { nul: { $ne: null } }, ["a4"]],
  ["$regex with option i", { s: { $regex: "^b", $options: "i" } }, ["a2"]],
  ["$regex is case-sensitive by default", { s: { $regex: "^b" } }, []],
  ["$regex on array elements", { tags: { $regex: "^x$" } }, ["a1", "a4"]],
  ["$or", { $or: [{ n: 1 }, { s: "date" }] }, ["a1", "a4"]],
  ["$and", { $and: [{ "nested.k": "v1" }, { n: { $gt: 1 } }] }, ["a3"]],
  ["$nor", { $nor: [{ n: 1 }, { n: 2 }] }, ["a3", "a4"]],
  ["$not includes missing fields", { n: { $not: { $gt: 1 } } }, ["a1", "a4"]],
  ["boolean true", { flag: true }, ["a1"]],
  ["boolean false", { flag: false }, ["a2"]],
  ["number does not match boolean", { flag: 1 }, []],
  ["date range", { d: { $gte: day("2024-03-01") } }, ["a2", "a3"]],
  ["date upper bound", { d: { $lt: day("2024-06-01") } }, ["a1"]],
  ["date equality", { d: day("2024-06-01") }, ["a2"]],
  ["string does not match a date", { d: "2024-06-01T00:00:00.000Z" }, []],
  ["embedded document equality", { nested: { k: "v1", num: 10 } }, ["a1"]],
  ["$in with an array value", { nums: { $in: [3, 9] } }, ["a1"]],
  ["numeric path step", { "items.0.sku": "p1" }, ["a1", "a2"]],
  ["$exists through an array of objects", { "items.qty": { $exists: true } }, ["a1", "a2"]],
  ["$ne through an array of objects", { "items.sku": { $ne: "p2" } }, ["a2", "a3", "a4"]],
  ["$exists false on a dotted field", { "nested.num": { $exists: false } }, ["a3"]],
  ["null on a missing dotted field", { "nested.none": null }, ["a1", "a2", "a3", "a4"]],
  ["empty $all matches nothing", { tags: { $all: [] } }, []],
  ["empty $in matches nothing", { n: { $in: [] } }, []],
  ["whole-array equality", { nums: [1, 2, 3] }, ["a1"]],
  ["$size 1", { nums: { $size: 1 } }, ["a2"]],
  ["$or across dotted fields", { $or: [{ "items.sku": "p2" }, { nul: 7 }] }, ["a1", "a4"]],
  ["$not with $regex", { s: { $not: { $regex: "^[a-c]" } } }, ["a2", "a4"]],
  ["a string range does not match dates", { d: { $gt: "2000" } }, []],
  ["a string range does not match numbers", { n: { $gt: "0" } }, []],
  ["$elemMatch does not match a scalar", { tags: { $elemMatch: { $eq: "x" } } }, ["a1"]],
  ["null through an array without objects", { "tags.k": null }, ["a1", "a2", "a3", "a4"]],
  ["null through an array of objects", { "items.sku": null }, ["a3", "a4"]],
  ["$in null through an array of objects", { "items.qty": { $in: [null, 5] } }, [
    "a1",
    "a3",
    "a4",
  ]],
  ["$ne true", { flag: { $ne: true } }, ["a2", "a3", "a4"]],
  ["$in with null", { nul: { $in: [null, 7] } }, ["a1", "a2", "a3", "a4"]],
  ["_id $in", { _id: { $in: ["a2", "a4", "zz"] } }, ["a2", "a4"]],
];

const FORBIDDEN: Array<[string, Filter]> = [
  ["$where", { $where: "this.n == 1" }],
  ["$function", { n: { $function: { body: "", args: [], lang: "js" } } }],
  ["$accumulator", { n: { $accumulator: {} } }],
  ["$expr", { $expr: { $eq: ["$n", 1] } }],
  ["$foo", { n: { $foo: 1 } }],
  ["$jsonSchema", { $jsonSchema: {} }],
];

const ids = (docs: Doc[]) => docs.map((doc) => doc._id);

/** Runs every query case (find and count); returns a line per case that answered wrongly. */
async function mismatches(
  things: Collection,
  unsupported: readonly QueryFeature[] = [],
): Promise<string[]> {
  const wrong: string[] = [];
  for (const [title, filter, expected, feature] of QUERY_CASES) {
    if (feature && unsupported.includes(feature)) {
      const refused = await things.find(filter).then(
        () => false,
        (e) => e instanceof BadRequestError,
      );
      if (!refused) wrong.push(`${title}: unsupported by the engine but not refused with a 400`);
      continue;
    }
    const outcome = await things.find(filter, { sort: [["_id", 1]] }).then(ids, String);
    const count = await things.count(filter).catch(String);
    if (JSON.stringify(outcome) !== JSON.stringify(expected) || count !== expected.length) {
      wrong.push(`${title} ${JSON.stringify(filter)}: ${JSON.stringify(outcome)}, count ${count}`);
    }
  }
  return wrong;
}

/** Registers the contract's `Deno.test` cases for one implementation. */
export function documentStoreContract(name: string, makeStore: StoreFactory): void {
  const test = (
    title: string,
    body: (store: DocumentStore, unsupported: readonly QueryFeature[]) => Promise<void>,
  ) =>
    Deno.test(`${name}: ${title}`, async () => {
      const { store, cleanup, unsupported = [] } = await makeStore();
      try {
        await body(store, unsupported);
      } finally {
        await cleanup();
      }
    });

  test("insertMany then findOne, find and count return the documents", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    assert.equal(await things.count({}), 4);
    assert.deepEqual(ids(await things.find({}, { sort: [["_id", 1]] })), ["a1", "a2", "a3", "a4"]);
    assert.deepEqual(await things.findOne({ _id: "a3" }), fixtures()[2]);
    assert.equal(await things.findOne({ _id: "nope" }), null);
  });

  test("collectionNames lists the collections written to, and drop empties one", async (store) => {
    await store.collection("things").insertMany(fixtures());
    await store.collection("others").insertMany([{ _id: "o1" }]);
    const names = await store.collectionNames();
    assert.ok(names.includes("things") && names.includes("others"), names.join());
    assert.deepEqual(names, [...names].sort());
    await store.collection("things").drop();
    assert.equal(await store.collection("things").count({}), 0);
    assert.equal(await store.collection("others").count({}), 1);
  });

  test("collectionNames leaves out the store's own bookkeeping", async (store) => {
    await store.collection("things").insertMany(fixtures());
    // Inside a reservation, where FerretDB holds a claim document of its own.
    const names = await store.collection("things").reserve("a1", () => store.collectionNames());
    assert.ok(names.includes("things"), names.join());
    assert.deepEqual(names.filter((name) => name.startsWith("_docstore_")), []);
  });

  test("every allowed operator matches as MongoDB does", async (store, unsupported) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    assert.deepEqual(await mismatches(things, unsupported), []);
  });

  test("indexes on the queried fields do not change any answer", async (store, unsupported) => {
    const things = store.collection("things");
    const fields = ["n", "s", "tags", "nested.k", "nested.num", "items.sku", "d", "flag", "nul"];
    await things.ensureIndexes(fields.map((field) => ({ name: field, keys: { [field]: 1 } })));
    await things.insertMany(fixtures());
    assert.deepEqual(await mismatches(things, unsupported), []);
    assert.deepEqual(ids(await things.find({}, { sort: [["n", -1]] })), ["a3", "a2", "a1", "a4"]);
  });

  test("dates round-trip as Date objects", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    const found = await things.findOne({ _id: "a2" });
    assert.ok(found?.d instanceof Date);
    assert.equal(found.d.toISOString(), "2024-06-01T00:00:00.000Z");
  });

  test("sort ascending and descending on several keys, missing values first", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    assert.deepEqual(ids(await things.find({}, { sort: [["n", 1]] })), ["a4", "a1", "a2", "a3"]);
    assert.deepEqual(ids(await things.find({}, { sort: [["n", -1]] })), ["a3", "a2", "a1", "a4"]);
    assert.deepEqual(
      ids(await things.find({}, { sort: [["nested.k", 1], ["n", -1]] })),
      ["a4", "a3", "a1", "a2"],
    );
    assert.deepEqual(ids(await things.find({}, { sort: [["d", -1]] })), ["a3", "a2", "a1", "a4"]);
    assert.deepEqual(
      ids(await things.find({}, { sort: [["n", 1]], skip: 1, limit: 2 })),
      ["a1", "a2"],
    );
  });

  test("projection includes or excludes fields, dotted ones too", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    const one = (projection: Record<string, 0 | 1>) =>
      things.findOne({ _id: "a1" }, { projection });
    assert.deepEqual(await one({ s: 1 }), { _id: "a1", s: "apple" });
    assert.deepEqual(await one({ _id: 0, s: 1, "nested.k": 1 }), {
      s: "apple",
      nested: { k: "v1" },
    });
    const excluded = await one({ tags: 0, items: 0, "nested.k": 0, d: 0, nums: 0 });
    assert.deepEqual(excluded, {
      _id: "a1",
      n: 1,
      s: "apple",
      nested: { num: 10 },
      flag: true,
      nul: null,
    });
    const listed = await things.find({ n: { $gte: 2 } }, {
      projection: { n: 1 },
      sort: [["n", 1]],
    });
    assert.deepEqual(listed, [{ _id: "a2", n: 2 }, { _id: "a3", n: 3 }]);
  });

  test("a projection keeps a nested _id as any other field", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{
      _id: "q1",
      destination: { _id: "d1", name: "wire" },
      copies: [{ _id: "c1", n: 1 }, { _id: "c2", n: 2 }],
    }]);
    const one = (projection: Record<string, 0 | 1>) =>
      things.findOne({ _id: "q1" }, { projection });
    assert.deepEqual(await one({ "destination._id": 1 }), {
      _id: "q1",
      destination: { _id: "d1" },
    });
    assert.deepEqual(await one({ _id: 0, "copies._id": 1 }), {
      copies: [{ _id: "c1" }, { _id: "c2" }],
    });
    assert.deepEqual(await one({ "destination._id": 0, copies: 0 }), {
      _id: "q1",
      destination: { name: "wire" },
    });
  });

  test("a projection of _id alone returns only the _id", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "p1", s: "x", nested: { _id: "n1", k: 1 } }]);
    assert.deepEqual(await things.findOne({ _id: "p1" }, { projection: { _id: 1 } }), {
      _id: "p1",
    });
    assert.deepEqual(await things.find({}, { projection: { _id: 1 } }), [{ _id: "p1" }]);
    assert.deepEqual(await things.findOne({ _id: "p1" }, { projection: { _id: 0 } }), {
      s: "x",
      nested: { _id: "n1", k: 1 },
    });
  });

  test("a duplicate _id is refused and a bulk insert with one inserts nothing", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    await assert.rejects(
      () => things.insertMany([{ _id: "a1", n: 9 }]),
      (error) => error instanceof DuplicateKeyError && error.field === "_id",
    );
    await assert.rejects(
      () => things.insertMany([{ _id: "b1" }, { _id: "b2" }, { _id: "a2" }, { _id: "b3" }]),
      (error) => error instanceof DuplicateKeyError && error.field === "_id",
    );
    await assert.rejects(
      () => things.insertMany([{ _id: "c1" }, { _id: "c1" }]),
      DuplicateKeyError,
    );
    assert.equal(await things.count({}), 4);
    assert.equal((await things.findOne({ _id: "a1" }))?.n, 1);
  });

  test("a unique index violation names the field, on insert and on update", async (store) => {
    const users = store.collection("users");
    const index = { name: "username_1", keys: { username: 1 as const }, unique: true };
    await users.ensureIndexes([index]);
    await users.ensureIndexes([index]);
    await users.insertMany([{ _id: "u1", username: "ann" }, { _id: "u2", username: "bob" }]);
    await assert.rejects(
      () => users.insertMany([{ _id: "u3", username: "cid" }, { _id: "u4", username: "ann" }]),
      (error) => error instanceof DuplicateKeyError && error.field === "username",
    );
    assert.equal(await users.count({}), 2);
    await assert.rejects(
      () => users.updateOne({ _id: "u2" }, { $set: { username: "ann" } }),
      (error) => error instanceof DuplicateKeyError && error.field === "username",
    );
    assert.equal((await users.findOne({ _id: "u2" }))?.username, "bob");
  });

  test("ensureIndexes of several existing indexes is a no-op, as at every restart", async (store) => {
    const items = store.collection("restarts");
    const indexes: IndexSpec[] = [
      { name: "a_1", keys: { a: 1 as const } },
      { name: "b_c", keys: { b: 1 as const, "c.d": -1 as const } },
      { name: "unique_e", keys: { e: 1 as const }, unique: true },
    ];
    await items.insertMany([{ _id: "x", a: 1, e: "one" }]);
    await items.ensureIndexes(indexes);
    await items.ensureIndexes(indexes);
    await items.ensureIndexes([...indexes, { name: "f_1", keys: { f: 1 as const } }]);
    await items.insertMany([{ _id: "y", a: 2, e: "two" }]);
    await assert.rejects(
      () => items.insertMany([{ _id: "z", e: "one" }]),
      (error) => error instanceof DuplicateKeyError && error.field === "e",
    );
  });

  test("a dropped index is removed where it exists and never created", async (store) => {
    const items = store.collection("reindexed");
    await items.ensureIndexes([
      { name: "a_1", keys: { a: 1 as const }, unique: true },
      { name: "b_1", keys: { b: 1 as const } },
    ]);
    await items.insertMany([{ _id: "x", a: 1 }]);
    await assert.rejects(() => items.insertMany([{ _id: "y", a: 1 }]), DuplicateKeyError);
    const next: IndexSpec[] = [
      { name: "a_1", keys: { a: 1 as const }, dropped: true },
      { name: "c_1", keys: { c: 1 as const }, dropped: true },
      { name: "b_1", keys: { b: 1 as const } },
    ];
    await items.ensureIndexes(next);
    await items.ensureIndexes(next);
    // The unique index is gone: the same value is accepted now.
    await items.insertMany([{ _id: "y", a: 1 }]);
    assert.equal(await items.count({ a: 1 }), 2);
  });

  test("updateOne sets dotted paths, unsets fields and returns the new document", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    const updated = await things.updateOne({ _id: "a1", n: 1 }, {
      $set: { "nested.k": "new", "extra.deep": 1, "extra.when": day("2030-01-01"), s: "apricot" },
      $unset: ["tags", "items"],
    });
    const { tags: _tags, items: _items, ...kept } = fixtures()[0]!;
    assert.deepEqual(updated, {
      ...kept,
      s: "apricot",
      nested: { k: "new", num: 10 },
      extra: { deep: 1, when: day("2030-01-01") },
    });
    assert.deepEqual(await things.findOne({ _id: "a1" }), updated);
  });

  test("updateOne guarded by a stale etag returns null and changes nothing", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "e1", _etag: "one", n: 1 }]);
    const result = await things.updateOne({ _id: "e1", _etag: "two" }, { $set: { n: 2 } });
    assert.equal(result, null);
    assert.deepEqual(await things.findOne({ _id: "e1" }), { _id: "e1", _etag: "one", n: 1 });
  });

  test("20 concurrent etag-guarded updates: exactly one wins", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "c", _etag: "e0", n: 0 }]);
    const results = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) =>
          things.updateOne({ _id: "c", _etag: "e0" }, { $set: { _etag: `e${i + 1}`, n: i + 1 } }),
      ),
    );
    const winners = results.filter((doc) => doc !== null);
    assert.equal(winners.length, 1);
    assert.deepEqual(await things.findOne({ _id: "c" }), winners[0]);
  });

  test("incrementOne: 300 concurrent increments of a new document count exactly", async (store) => {
    const things = store.collection("things");
    // 300: FerretDB's per-document claims once answered three in four of them 503.
    const answers = await Promise.all(
      Array.from(
        { length: 300 },
        () => things.incrementOne("k", "count", 1, { insert: { expires: 7, window: 3 } }),
      ),
    );
    // Each increment saw its own count: 1 to 300, every one once.
    const counts = answers.map((doc) => Number(doc?.count)).sort((a, b) => a - b);
    assert.deepEqual(counts, Array.from({ length: 300 }, (_, i) => i + 1));
    assert.deepEqual(await things.findOne({ _id: "k" }), {
      _id: "k",
      count: 300,
      expires: 7,
      window: 3,
    });
    const back = await Promise.all(
      Array.from({ length: 10 }, () => things.incrementOne("k", "count", -1)),
    );
    assert.ok(back.every((doc) => doc !== null));
    assert.equal((await things.findOne({ _id: "k" }))?.count, 290);
    // Without `insert` a missing document stays missing; other fields are left as they were.
    assert.equal(await things.incrementOne("none", "count", 1), null);
    assert.equal(await things.findOne({ _id: "none" }), null);
    await things.insertMany([{ _id: "m", s: "x", n: 2 }]);
    assert.deepEqual(await things.incrementOne("m", "n", 3, { insert: { s: "y" } }), {
      _id: "m",
      s: "x",
      n: 5,
    });
    assert.deepEqual(await things.incrementOne("m", "fresh", 2), {
      _id: "m",
      s: "x",
      n: 5,
      fresh: 2,
    });
  });

  test("incrementOne: a field that holds no number is refused and left as it was", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "t", s: "abc", o: { a: 1 }, n: 1 }]);
    for (const field of ["s", "o"]) {
      for (const options of [{}, { insert: {} }]) {
        await assert.rejects(
          things.incrementOne("t", field, 1, options),
          (error: Error) =>
            error instanceof BadRequestError && error.message.includes(`"${field}"`),
        );
      }
    }
    assert.deepEqual(await things.findOne({ _id: "t" }), { _id: "t", s: "abc", o: { a: 1 }, n: 1 });
  });

  test("incrementOne: both stores take the same fields and amounts", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "f", _n: 1 }]);
    assert.deepEqual(await things.incrementOne("f", "_n", 2), { _id: "f", _n: 3 });
    for (const [field, by] of [["n", NaN], ["n", Infinity], ["a.b", 1], ["$n", 1], ["_id", 1]]) {
      await assert.rejects(
        things.incrementOne("f", field as string, by as number),
        BadRequestError,
        `${field} by ${by}`,
      );
    }
    assert.deepEqual(await things.findOne({ _id: "f" }), { _id: "f", _n: 3 });
  });

  test("reserve: concurrent read-check-writes of one document lose no update", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "r", _etag: "r0", n: 0 }]);
    let misses = 0;
    const increment = async (i: number) => {
      for (;;) {
        const stored = await things.reserve("r", async (reserved) => {
          const current = await reserved.findOne({ _id: "r" });
          return await reserved.updateOne({ _id: "r", _etag: current!._etag as string }, {
            $set: { _etag: `r${i}-${misses}`, n: (current!.n as number) + 1 },
          });
        });
        if (stored) return;
        misses++;
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => increment(i + 1)));
    assert.equal((await things.findOne({ _id: "r" }))!.n, 10);
  });

  test("reserve: a guarded write checks the etag read through the reservation", async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "s", _etag: "s0", n: 0 }]);
    const stale = await things.reserve("s", async (reserved) => {
      await reserved.findOne({ _id: "s" });
      return await reserved.updateOne({ _id: "s", _etag: "other" }, { $set: { n: 1 } });
    });
    assert.equal(stale, null);
    const written = await things.reserve("s", async (reserved) => {
      const current = await reserved.findOne({ _id: "s" });
      const first = await reserved.updateOne({ _id: "s", _etag: current!._etag as string }, {
        $set: { _etag: "s1", n: 1 },
      });
      assert.deepEqual(first, { _id: "s", _etag: "s1", n: 1 });
      // The document changed since that read: the next guarded write looks again.
      return await reserved.updateOne({ _id: "s", _etag: "s0" }, { $set: { n: 2 } });
    });
    assert.equal(written, null);
    assert.deepEqual(await things.findOne({ _id: "s" }), { _id: "s", _etag: "s1", n: 1 });
    assert.equal(
      await things.reserve("missing", (reserved) => reserved.findOne({ _id: "x" })),
      null,
    );
  });

  test("replaceOne, deleteOne and deleteMany report what they did", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    assert.equal(await things.replaceOne({ _id: "a1" }, { _id: "a1", z: day("2020-01-01") }), true);
    assert.deepEqual(await things.findOne({ _id: "a1" }), { _id: "a1", z: day("2020-01-01") });
    assert.equal(await things.replaceOne({ _id: "zz" }, { _id: "zz" }), false);
    assert.equal(await things.deleteOne({ _id: "a2" }), true);
    assert.equal(await things.deleteOne({ _id: "a2" }), false);
    assert.equal(await things.deleteMany({ "nested.k": "v1" }), 1);
    assert.deepEqual(ids(await things.find({}, { sort: [["_id", 1]] })), ["a1", "a4"]);
    await things.drop();
    assert.equal(await things.count({}), 0);
  });

  test("disallowed query operators are refused with a 400 naming them", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    for (const [operator, filter] of FORBIDDEN) {
      await assert.rejects(
        () => things.find(filter),
        (error) => error instanceof BadRequestError && error.message.includes(`"${operator}"`),
        operator,
      );
    }
    await assert.rejects(() => things.count({ $foo: 1 }), BadRequestError);
    await assert.rejects(() => things.deleteMany({ n: { $where: "1" } }), BadRequestError);
    assert.equal(await things.count({}), 4);
  });

  test("malformed find options and ids are refused with a 400", async (store) => {
    const things = store.collection("things");
    await things.insertMany(fixtures());
    const refusals: Array<[string, () => Promise<unknown>]> = [
      ["mixed projection", () => things.find({}, { projection: { s: 1, n: 0 } })],
      ["mixed projection on findOne", () => things.findOne({}, { projection: { s: 0, n: 1 } })],
      ["negative skip", () => things.find({}, { skip: -1 })],
      ["sort on a $ field", () => things.find({}, { sort: [["$where", 1]] })],
      ["numeric _id", () => things.insertMany([{ _id: 5 }])],
    ];
    for (const [title, call] of refusals) await assert.rejects(call, BadRequestError, title);
  });

  test("ping reports the engine as reachable", async (store) => {
    const status = await store.ping();
    assert.equal(status.ok, true, status.error);
    assert.equal(status.seam, "documents");
    assert.equal(status.engine, store.engine);
  });
}
