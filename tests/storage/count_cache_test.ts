import assert from "node:assert/strict";
import { withCountCache } from "../../src/storage/count_cache.ts";
import type { Collection, Doc, DocumentStore } from "../../src/storage/document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";

/** An embedded store whose `count` calls are recorded and can be held until released. */
async function setUp(maxAgeMs = 1000) {
  const dir = await Deno.makeTempDir({ prefix: "count_cache_" });
  const inner = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  const counted: string[] = [];
  let hold: Promise<void> | undefined;
  const spying: DocumentStore = {
    engine: inner.engine,
    collection(name) {
      const collection = inner.collection(name);
      return {
        ...bound(collection),
        async count(filter) {
          counted.push(JSON.stringify(filter));
          const total = await collection.count(filter);
          await hold;
          return total;
        },
      };
    },
    collectionNames: () => inner.collectionNames(),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  let clock = 0;
  const store = withCountCache(spying, { maxAgeMs, now: () => clock });
  return {
    store,
    counted,
    advance: (ms: number) => clock += ms,
    holdCounts() {
      let release!: () => void;
      hold = new Promise((resolve) => release = resolve);
      return () => {
        hold = undefined;
        release();
      };
    },
    async close() {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

function bound(collection: Collection): Collection {
  const methods = [
    "insertMany",
    "findOne",
    "find",
    "count",
    "updateOne",
    "incrementOne",
    "replaceOne",
    "deleteOne",
    "deleteMany",
    "ensureIndexes",
    "drop",
    "reserve",
  ] as const;
  return Object.fromEntries(
    methods.map((
      name,
    ) => [name, (collection[name] as (...a: unknown[]) => unknown).bind(collection)]),
  ) as unknown as Collection;
}

const docs = (...ids: string[]): Doc[] => ids.map((_id) => ({ _id, kind: "a" }));

Deno.test("a count is served from the cache until it is older than the maximum age", async () => {
  const { store, counted, advance, close } = await setUp(1000);
  try {
    const things = store.collection("things");
    await things.insertMany(docs("a", "b"));
    assert.equal(await things.count({ kind: "a" }), 2);
    assert.equal(await things.count({ kind: "a" }), 2);
    assert.equal(await things.count({}), 2);
    assert.deepEqual(counted, ['{"kind":"a"}', "{}"]);
    advance(1000);
    assert.equal(await things.count({ kind: "a" }), 2);
    assert.deepEqual(counted, ['{"kind":"a"}', "{}", '{"kind":"a"}']);
  } finally {
    await close();
  }
});

Deno.test("every write through the store forgets the collection's counts at once", async () => {
  const { store, counted, close } = await setUp(60_000);
  try {
    const things = store.collection("things");
    const others = store.collection("others");
    await others.insertMany(docs("x"));
    assert.equal(await things.count({}), 0);
    assert.equal(await others.count({}), 1);
    await things.insertMany(docs("a", "b", "c"));
    assert.equal(await things.count({}), 3);
    await things.updateOne({ _id: "a" }, { $set: { kind: "b" } });
    assert.equal(await things.count({ kind: "a" }), 2);
    await things.replaceOne({ _id: "b" }, { _id: "b", kind: "b" });
    assert.equal(await things.count({ kind: "a" }), 1);
    await things.deleteOne({ _id: "c" });
    assert.equal(await things.count({}), 2);
    await things.deleteMany({ kind: "b" });
    assert.equal(await things.count({}), 0);
    await things.incrementOne("n", "count", 1, { insert: { kind: "a" } });
    assert.equal(await things.count({}), 1);
    assert.equal(await others.count({}), 1);
    assert.equal(counted.filter((filter) => filter === "{}").length, 6, "others counted once");
  } finally {
    await close();
  }
});

Deno.test("a count that overlapped a write is answered but not kept", async () => {
  const { store, counted, holdCounts, close } = await setUp(60_000);
  try {
    const things = store.collection("things");
    await things.insertMany(docs("a"));
    const release = holdCounts();
    const before = things.count({});
    await Promise.resolve();
    await things.insertMany(docs("b"));
    release();
    assert.equal(await before, 1, "counted before the write");
    assert.equal(await things.count({}), 2, "the overlapped answer was not kept");
    assert.equal(counted.length, 2);
  } finally {
    await close();
  }
});

Deno.test("invalidate (another process wrote) forgets the counts; dated filters are never kept", async () => {
  const { store, counted, close } = await setUp(60_000);
  try {
    const things = store.collection("things");
    await things.insertMany(docs("a"));
    await things.count({});
    store.invalidate("things");
    await things.count({});
    const since = { _created: { $gte: new Date(0) } };
    await things.count(since);
    await things.count(since);
    assert.equal(counted.length, 4);
  } finally {
    await close();
  }
});

Deno.test("a maximum age of 0 leaves the store's collections unwrapped", async () => {
  const dir = await Deno.makeTempDir({ prefix: "count_cache_" });
  const inner = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  const store = withCountCache(inner, { maxAgeMs: 0 });
  try {
    assert.equal(store.collection("things"), inner.collection("things"));
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("callers share a running count until a write ends it", async () => {
  const { store, counted, holdCounts, close } = await setUp(60_000);
  try {
    const things = store.collection("things");
    await things.insertMany(docs("a"));
    let release = holdCounts();
    const first = [things.count({}), things.count({}), things.count({})];
    await Promise.resolve();
    assert.equal(counted.length, 1, "one count for three callers");
    await things.insertMany(docs("b"));
    const after = things.count({});
    release();
    assert.deepEqual(await Promise.all(first), [1, 1, 1]);
    assert.equal(await after, 2, "a caller after the write counts again");
    assert.equal(counted.length, 2);
    release = holdCounts();
    const again = [things.count({}), things.count({})];
    release();
    assert.deepEqual(await Promise.all(again), [2, 2]);
    assert.equal(counted.length, 2, "served from the cache");
  } finally {
    await close();
  }
});
