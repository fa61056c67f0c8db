/**
 * SQLite-specific guarantees beyond the contract: queries on indexed fields use the expression
 * indexes, guarded writes from several threads on one file never lose an update, `findJson`
 * answers `find`'s documents as wire JSON, `setFieldsJson` changes the stored text as a
 * spread of the decoded document would, and `incrementOne` is one statement.
 */
import assert from "node:assert/strict";
import { DatabaseSync, StatementSync } from "node:sqlite";
import {
  createSqliteDocumentStore,
  type SqliteDocumentStore,
} from "../../src/storage/sqlite/sqlite_document_store.ts";
import { withWireDates } from "../../src/wire_date.ts";
import { type Doc, DuplicateKeyError } from "../../src/storage/document_store.ts";

async function withStore(body: (store: SqliteDocumentStore, path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "docstore_" });
  const path = `${dir}/documents.db`;
  const store = createSqliteDocumentStore({ path });
  try {
    await body(store, path);
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
}

const usesIndex = (plan: string[], index: string) =>
  plan.some((line) => line.includes(`USING INDEX ${index}`));

Deno.test("sqlite store: equality, range, $in and sort on an indexed field use its index", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.ensureIndexes([
      { name: "state_1", keys: { state: 1 } },
      { name: "updated_1", keys: { "meta.updated": -1 } },
    ]);
    await items.insertMany(
      Array.from({ length: 50 }, (_, i) => ({
        _id: `i${i}`,
        state: i % 2 ? "draft" : "published",
        meta: { updated: new Date(Date.UTC(2024, 0, 1 + i)) },
      })),
    );
    const plan = (filter: Record<string, unknown>, sort?: Array<[string, 1 | -1]>) =>
      store.explain("items", filter, { sort, limit: 25 });
    assert.ok(
      usesIndex(plan({ state: "draft" }), "items__state_1"),
      plan({ state: "draft" }).join("\n"),
    );
    assert.ok(usesIndex(plan({ state: { $in: ["draft", "spiked"] } }), "items__state_1"));
    const since = { "meta.updated": { $gte: new Date(Date.UTC(2024, 1, 1)) } };
    assert.ok(usesIndex(plan(since), "items__updated_1"), plan(since).join("\n"));
    const sorted = plan({}, [["meta.updated", -1]]);
    assert.ok(usesIndex(sorted, "items__updated_1"), sorted.join("\n"));
    assert.ok(!sorted.some((line) => line.includes("TEMP B-TREE")), sorted.join("\n"));
    assert.equal(await items.count({ state: "draft" }), 25);
    assert.equal(await items.count(since), 19);
  });
});

Deno.test("sqlite store: an array stored in an indexed field switches its queries to array semantics", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.ensureIndexes([{ name: "tags_1", keys: { tags: 1 } }]);
    await items.insertMany([{ _id: "a", tags: "x" }, { _id: "b", tags: "y" }]);
    assert.ok(usesIndex(store.explain("items", { tags: "x" }), "items__tags_1"));
    await items.insertMany([{ _id: "c", tags: ["x", "z"] }]);
    assert.deepEqual((await items.find({ tags: "x" }, { sort: [["_id", 1]] })).map((d) => d._id), [
      "a",
      "c",
    ]);
    await items.updateOne({ _id: "b" }, { $set: { tags: ["x"] } });
    assert.equal(await items.count({ tags: "x" }), 3);
  });
});

Deno.test("sqlite store: two worker threads incrementing one document never lose an update", async () => {
  await withStore(async (store, path) => {
    const counters = store.collection("counters");
    await counters.insertMany([{ _id: "c", _etag: "start", n: 0 }]);
    const run = () =>
      new Promise<{ successes: number; retries: number; errors: string[] }>((resolve, reject) => {
        const worker = new Worker(new URL("./sqlite_counter_worker.ts", import.meta.url), {
          type: "module",
        });
        worker.onmessage = (event) => {
          worker.terminate();
          resolve(event.data);
        };
        worker.onerror = (event) => {
          worker.terminate();
          reject(event.message);
        };
        worker.postMessage({ path, id: "c", increments: 100 });
      });
    const results = await Promise.all([run(), run()]);
    assert.deepEqual(results.flatMap((r) => r.errors), []);
    const total = results.reduce((sum, r) => sum + r.successes, 0);
    assert.equal(total, 200);
    assert.equal((await counters.findOne({ _id: "c" }))?.n, total);
  });
});

Deno.test("sqlite store: writes issued together each see the earlier ones, a failing one is rolled back alone, settled means committed", async () => {
  await withStore(async (store, path) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", n: 0, _etag: "e0" }]);
    const [first, second, duplicate, fresh] = await Promise.allSettled([
      items.updateOne({ _id: "a", _etag: "e0" }, { $set: { n: 1, _etag: "e1" } }),
      items.updateOne({ _id: "a", _etag: "e0" }, { $set: { n: 2, _etag: "e2" } }),
      items.insertMany([{ _id: "b" }, { _id: "a" }]),
      items.insertMany([{ _id: "c" }]),
    ]);
    assert.equal(first.status === "fulfilled" && first.value?.n, 1);
    assert.deepEqual(second, { status: "fulfilled", value: null }, "the second saw the first");
    assert.equal(duplicate.status, "rejected");
    assert.equal(fresh.status, "fulfilled");
    // Settled means committed: another connection sees exactly what succeeded.
    const other = createSqliteDocumentStore({ path });
    try {
      const ids = (await other.collection("items").find({}, { sort: [["_id", 1]] }))
        .map((doc) => doc._id);
      assert.deepEqual(ids, ["a", "c"], "the failed bulk insert left nothing behind");
      assert.equal((await other.collection("items").findOne({ _id: "a" }))?.n, 1);
    } finally {
      await other.close();
    }
  });
});

Deno.test("sqlite store: a write waiting for another connection's lock leaves the thread free, then commits", async () => {
  await withStore(async (store, path) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a" }]);
    const other = new DatabaseSync(path);
    other.exec("BEGIN IMMEDIATE");
    let settled = false;
    const write = items.insertMany([{ _id: "b" }]).then(() => settled = true);
    // The thread keeps running timers and reads while the write waits for the lock.
    let ticks = 0;
    while (ticks < 5) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      ticks++;
      assert.equal((await items.findOne({ _id: "a" }))?._id, "a");
    }
    assert.equal(settled, false, "the write waits while the other connection holds the lock");
    other.exec("COMMIT");
    other.close();
    await write;
    assert.deepEqual((await items.find({})).map((doc) => doc._id).sort(), ["a", "b"]);
  });
});

Deno.test("sqlite store: a write that cannot get the lock within busyTimeoutMs fails as unavailable (503), naming SQLite's busy error", async () => {
  const dir = await Deno.makeTempDir({ prefix: "docstore_" });
  const path = `${dir}/documents.db`;
  const store = createSqliteDocumentStore({ path, busyTimeoutMs: 30 });
  const other = new DatabaseSync(path);
  try {
    await store.collection("items").insertMany([{ _id: "a" }]);
    other.exec("BEGIN IMMEDIATE");
    await assert.rejects(
      store.collection("items").insertMany([{ _id: "b" }]),
      (error: Error & { status?: number }) => /locked/.test(error.message) && error.status === 503,
    );
    other.exec("ROLLBACK");
    await store.collection("items").insertMany([{ _id: "c" }]);
    assert.deepEqual((await store.collection("items").find({})).map((doc) => doc._id).sort(), [
      "a",
      "c",
    ]);
  } finally {
    other.close();
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sqlite store: findJson answers find's page as wire JSON, with each _updated", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    const day = (n: number) => new Date(Date.UTC(2026, 0, n, 9, 30, 15, 250));
    await items.insertMany(
      Array.from({ length: 12 }, (_, i) => ({
        _id: `i${String(i).padStart(2, "0")}`,
        state: i % 3 ? "draft" : "published",
        nested: { _updated: day(28), at: [day(i + 1)] },
        ...(i === 5 ? {} : { _updated: day(i + 1) }),
      })),
    );
    const filter = { state: "draft" };
    const options = { sort: [["_id", -1]] as Array<[string, -1]>, skip: 1, limit: 5 };
    const docs = await items.find(filter, options);
    const json = await items.findJson!(filter, options);
    assert.deepEqual(json.map((doc) => doc.id), docs.map((doc) => doc._id));
    assert.deepEqual(
      json.map((doc) => JSON.parse(doc.json)),
      docs.map((doc) => JSON.parse(JSON.stringify(withWireDates(doc)))),
    );
    assert.deepEqual(
      json.map((doc) => doc.updated),
      docs.map((doc) => (doc._updated as Date | undefined)?.getTime()),
    );
    assert.ok(json.some((doc) => doc.updated === undefined), "i05 has no _updated");
    assert.equal(JSON.parse(json[0]!.json).nested.at[0], "2026-01-11T09:30:15+0000");
  });
});

Deno.test("sqlite store: a count is never stale after a write by this or another connection", async () => {
  await withStore(async (store, path) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", n: 1 }, { _id: "b", n: 2 }, { _id: "c", n: 2 }]);
    const other = createSqliteDocumentStore({ path });
    const raw = new DatabaseSync(path);
    try {
      const twos = { n: 2 };
      assert.equal(await items.count(twos), 2);
      assert.equal(await items.count(twos), 2);
      await other.collection("items").insertMany([{ _id: "d", n: 2 }]);
      assert.equal(await items.count(twos), 3, "another connection's insert");
      assert.equal(await items.count({}), 4);
      assert.equal(await items.deleteOne({ _id: "b" }), true);
      assert.equal(await items.count(twos), 2, "this connection's delete");
      assert.equal(await items.count({}), 3);
      await other.collection("items").updateOne({ _id: "a" }, { $set: { n: 2 } });
      assert.equal(await items.count(twos), 3, "another connection's update");
      raw.exec(`DELETE FROM items WHERE id = 'a'`);
      assert.equal(await items.count(twos), 2, "a plain SQL delete on the file");
      await store.collection("others").insertMany([{ _id: "x", n: 2 }]);
      assert.equal(await items.count(twos), 2, "another collection's rows are not counted");
      assert.equal(await store.collection("others").count(twos), 1);
    } finally {
      raw.close();
      await other.close();
    }
  });
});

Deno.test("sqlite store: a reserved update applies to the row as it is when it changed after the read", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", _etag: "e1", n: 1, marks: ["x"] }]);
    const stored = await items.reserve("a", async (reserved) => {
      const read = await reserved.findOne({ _id: "a" });
      assert.deepEqual(read, { _id: "a", _etag: "e1", n: 1, marks: ["x"] });
      // Another writer changes a field the etag does not cover (Superdesk's etag-ignored fields).
      await items.updateOne({ _id: "a" }, { $set: { marks: ["x", "y"] } });
      return await reserved.updateOne({ _id: "a", _etag: "e1" }, { $set: { _etag: "e2", n: 2 } });
    });
    const expected = { _id: "a", _etag: "e2", n: 2, marks: ["x", "y"] };
    assert.deepEqual(stored, expected);
    assert.deepEqual(await items.findOne({ _id: "a" }), expected);
    const unchanged = await items.reserve("a", async (reserved) => {
      const read = await reserved.findOne({ _id: "a" });
      return await reserved.updateOne({ _id: "a", _etag: read!._etag as string }, {
        $set: { _etag: "e3" },
        $unset: ["marks"],
      });
    });
    assert.deepEqual(unchanged, { _id: "a", _etag: "e3", n: 2 });
    assert.deepEqual(await items.findOne({ _id: "a" }), unchanged);
  });
});

Deno.test("sqlite store: a reserved update forgets the remembered counts", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", _etag: "e1", state: "draft" }, {
      _id: "b",
      state: "draft",
    }]);
    const drafts = { state: "draft" };
    assert.equal(await items.count(drafts), 2);
    await items.reserve("a", async (reserved) => {
      const read = await reserved.findOne({ _id: "a" });
      return await reserved.updateOne({ _id: "a", _etag: read!._etag as string }, {
        $set: { _etag: "e2", state: "published" },
      });
    });
    assert.equal(await items.count(drafts), 1);
    assert.equal(await items.count({ state: "published" }), 1);
  });
});

Deno.test("sqlite store: a reserved update answers a document of its own, not the read's objects", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", _etag: "e1", task: { desk: "d1" } }]);
    let read: Doc | null = null;
    const stored = await items.reserve("a", async (reserved) => {
      read = await reserved.findOne({ _id: "a" });
      return await reserved.updateOne({ _id: "a", _etag: "e1" }, { $set: { _etag: "e2" } });
    });
    (read as unknown as { task: { desk: string } }).task.desk = "changed by a hook";
    assert.deepEqual(stored, { _id: "a", _etag: "e2", task: { desk: "d1" } });
  });
});

Deno.test("sqlite store: modify writes what the change makes of the stored document, in one transaction", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.insertMany([{ _id: "a", n: 0, state: "draft", task: { desk: "d1" } }]);
    assert.equal(await items.count({ state: "draft" }), 1);
    // Each change sees the one before: no increment is lost.
    await Promise.all(
      Array.from(
        { length: 20 },
        () => items.modify!({ _id: "a" }, (doc) => ({ ...doc, n: (doc.n as number) + 1 })),
      ),
    );
    assert.equal((await items.findOne({ _id: "a" }))!.n, 20);
    const written = await items.modify!({ _id: "a", state: "draft" }, (doc) => {
      assert.deepEqual(doc.task, { desk: "d1" });
      return { ...doc, state: "published", at: new Date(0) };
    });
    assert.deepEqual(written, {
      _id: "a",
      n: 20,
      state: "published",
      task: { desk: "d1" },
      at: new Date(0),
    });
    assert.deepEqual(await items.findOne({ _id: "a" }), written);
    assert.equal(await items.count({ state: "draft" }), 0);
    // Nothing matched: the change does not run.
    assert.equal(await items.modify!({ _id: "a", state: "draft" }, () => assert.fail()), null);
    assert.equal(await items.modify!({ _id: "b" }, () => assert.fail()), null);
    // A change that throws, or changes the id, writes nothing.
    await assert.rejects(
      items.modify!({ _id: "a" }, () => {
        throw new Error("refused");
      }),
      /refused/,
    );
    await assert.rejects(items.modify!({ _id: "a" }, (doc) => ({ ...doc, _id: "c" })), /_id/);
    assert.deepEqual(await items.findOne({ _id: "a" }), written);
  });
});

Deno.test("sqlite store: a scalar index keeps no multikey triggers, and drops those of an earlier definition", async () => {
  await withStore(async (store, path) => {
    const items = store.collection("items");
    await items.ensureIndexes([{ name: "state_1", keys: { state: 1 } }]);
    const triggers = () => {
      const db = new DatabaseSync(path);
      try {
        return db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
          .all().map((row) => String(row.name));
      } finally {
        db.close();
      }
    };
    assert.deepEqual(triggers(), [
      "items__multikey__insert__state",
      "items__multikey__update__state",
    ]);
    await items.ensureIndexes([
      { name: "state_1", keys: { state: 1 }, scalar: true },
      { name: "kind_n", keys: { kind: 1, "meta.n": 1 }, scalar: true },
      // A field a tracked index also names keeps its triggers.
      { name: "kind_tags", keys: { kind: 1, tags: 1 } },
    ]);
    assert.deepEqual(triggers(), [
      "items__multikey__insert__kind",
      "items__multikey__insert__tags",
      "items__multikey__update__kind",
      "items__multikey__update__tags",
    ]);
    await items.insertMany(
      Array.from(
        { length: 20 },
        (_, i) => ({ _id: `i${i}`, state: i % 2 ? "a" : "b", meta: { n: i } }),
      ),
    );
    const plan = store.explain("items", { state: "a" });
    assert.ok(usesIndex(plan, "items__state_1"), plan.join("\n"));
    assert.equal(await items.count({ state: "a" }), 10);
    assert.equal(await items.count({ "meta.n": { $gte: 15 } }), 5);
  });
});

Deno.test("sqlite store: setFieldsJson sets top-level fields in the stored text, in one transaction", async () => {
  await withStore(async (store) => {
    const items = store.collection("items");
    await items.ensureIndexes([
      { name: "ref_1", keys: { ref: 1 }, unique: true },
      { name: "tags_1", keys: { tags: 1 } },
    ]);
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    const original = {
      _id: "a",
      ref: "r1",
      n: 0,
      task: { desk: "d1", user: "u1" },
      note: 'quote " and \u0001 and ☃',
      _updated: at,
      _etag: "e0",
    };
    await items.insertMany([original, { _id: "b", ref: "r2" }]);
    const heads: unknown[] = [];
    const set = {
      task: { desk: "d2" },
      tags: ["x"],
      none: null,
      when: new Date(0),
      _updated: new Date(at.getTime() + 1),
      _etag: "e1",
    };
    const written = await items.setFieldsJson!({ _id: "a" }, (head) => (heads.push(head), set));
    assert.deepEqual(heads, [{ etag: "e0", updated: at.getTime() }]);
    // As the decoded document spread with the fields: keys in place, new ones appended.
    const expected = { ...original, ...set };
    assert.deepEqual(await items.findOne({ _id: "a" }), expected);
    assert.deepEqual(written, {
      id: "a",
      json: JSON.stringify(withWireDates(expected)),
      updated: at.getTime() + 1,
      etag: "e1",
    });
    // The multikey bookkeeping follows the write: `tags` now holds an array.
    assert.equal(await items.count({ tags: "x" }), 1);
    // A key a JSON path cannot spell plainly.
    const odd = await items.setFieldsJson!({ _id: "a" }, () => ({ "odd-key": 1, _etag: "e2" }));
    Object.assign(expected, { "odd-key": 1, _etag: "e2" });
    assert.equal(odd!.json, JSON.stringify(withWireDates(expected)));
    assert.deepEqual(await items.findOne({ _id: "a" }), expected);
    // Each change sees the write before it: no increment is lost.
    await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          items.setFieldsJson!(
            { _id: "b" },
            (head) => ({ _etag: `${Number(head.etag ?? 0) + 1}` }),
          ),
      ),
    );
    assert.equal((await items.findOne({ _id: "b" }))!._etag, "20");
    // Nothing matched: the change does not run.
    assert.equal(await items.setFieldsJson!({ _id: "a", ref: "r2" }, () => assert.fail()), null);
    assert.equal(await items.setFieldsJson!({ _id: "c" }, () => assert.fail()), null);
    // A change that throws, or a duplicate unique value, writes nothing.
    await assert.rejects(
      items.setFieldsJson!({ _id: "a" }, () => {
        throw new Error("refused");
      }),
      /refused/,
    );
    await assert.rejects(
      items.setFieldsJson!({ _id: "a", ref: "r1" }, () => ({ ref: "r2", n: 5 })),
      (error) => error instanceof DuplicateKeyError && error.field === "ref",
    );
    assert.deepEqual(await items.findOne({ _id: "a" }), expected);
  });
});

Deno.test("sqlite store: incrementOne is one statement of the table, a field holding no number too", async () => {
  await withStore(async (store) => {
    const things = store.collection("things");
    await things.insertMany([{ _id: "t", n: 1, s: "abc" }]);
    const statements = countStatements("things");
    try {
      assert.deepEqual(await things.incrementOne("t", "n", 2), { _id: "t", n: 3, s: "abc" });
      assert.equal(statements.count, 1);
      await things.incrementOne("u", "n", 1, { insert: {} });
      assert.equal(statements.count, 2);
      await assert.rejects(things.incrementOne("t", "s", 1), /holds no number/);
      assert.equal(statements.count, 3);
      assert.equal(await things.incrementOne("missing", "n", 1), null);
      assert.equal(statements.count, 4);
    } finally {
      statements.restore();
    }
    assert.deepEqual(await things.findOne({ _id: "t" }), { _id: "t", n: 3, s: "abc" });
  });
});

/** Counts the statements run on `table` (any SQL naming it) until `restore`. */
function countStatements(table: string) {
  const proto = StatementSync.prototype as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  const counter = {
    count: 0,
    restore: () => {
      for (const [name, run] of originals) proto[name] = run;
    },
  };
  for (const name of ["get", "all", "run", "iterate"]) {
    const run = proto[name] as (this: StatementSync, ...args: unknown[]) => unknown;
    originals.set(name, run);
    proto[name] = function (this: StatementSync, ...args: unknown[]) {
      if (this.sourceSQL.includes(`"${table}"`)) counter.count++;
      return run.apply(this, args);
    };
  }
  return counter;
}
