/**
 * On FerretDB an etag-guarded write reaches the server only with `_id`-only filters (the one form
 * its SQLite backend pushes down), and is still a compare-and-set. Gated on `MONGO_URI`; on a
 * real MongoDB the guarded filter goes to the server as it is.
 */
import assert from "node:assert/strict";
import { type CommandStartedEvent, MongoClient } from "mongodb";
import { isFerretDb } from "../../src/storage/mongo/ferretdb.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const url = engineUrl("MONGO_URI");

/** The commands sent to `things` while `fn` runs: name and filter (or query). */
async function commandsOf(
  fn: (store: ReturnType<typeof createMongoDocumentStore>) => Promise<void>,
) {
  const client = new MongoClient(url!, { monitorCommands: true });
  const dbName = uniqueName("test_id_writes");
  const store = createMongoDocumentStore({ client, dbName });
  const seen: Array<{ name: string; filter: unknown }> = [];
  try {
    const things = store.collection("things");
    await things.insertMany([{ _id: "a", _etag: "e1", n: 1 }]);
    const ferretDb = await isFerretDb(client.db(dbName));
    client.on("commandStarted", (event: CommandStartedEvent) => {
      const { command } = event;
      if (command[event.commandName] !== "things") return;
      const filter = command.filter ?? command.query ?? command.deletes?.[0]?.q ??
        command.updates?.[0]?.q;
      seen.push({ name: event.commandName, filter });
    });
    await fn(store);
    return { seen, ferretDb };
  } finally {
    await client.db(dbName).dropDatabase();
    await store.close();
  }
}

Deno.test({
  name: "FerretDB: an etag-guarded update, replace and delete filter the server by _id alone",
  ignore: !url,
  async fn() {
    const { seen, ferretDb } = await commandsOf(async (store) => {
      const things = store.collection("things");
      assert.equal(await things.updateOne({ _id: "a", _etag: "stale" }, { $set: { n: 9 } }), null);
      const updated = await things.updateOne({ _id: "a", _etag: "e1" }, {
        $set: { _etag: "e2", n: 2 },
      });
      assert.deepEqual(updated, { _id: "a", _etag: "e2", n: 2 });
      assert.equal(await things.replaceOne({ _id: "a", _etag: "e1" }, { _id: "a", n: 0 }), false);
      assert.equal(
        await things.replaceOne({ _id: "a", _etag: "e2" }, { _id: "a", _etag: "e3", n: 3 }),
        true,
      );
      assert.equal(await things.deleteOne({ _id: "a", _etag: "e2" }), false);
      assert.equal(await things.deleteOne({ _id: "a", _etag: "e3" }), true);
      assert.equal(await things.findOne({ _id: "a" }), null);
    });
    if (!ferretDb) {
      assert.ok(seen.some(({ filter }) => JSON.stringify(filter).includes("_etag")));
      return;
    }
    for (const { name, filter } of seen) {
      assert.deepEqual(Object.keys(filter as object), ["_id"], `${name} ${JSON.stringify(filter)}`);
    }
    assert.deepEqual(seen.map(({ name }) => name), [
      "find", // stale etag: read, nothing written
      "find",
      "findAndModify",
      "find", // stale etag
      "find",
      "update",
      "find", // stale etag
      "find",
      "delete",
      "find",
    ]);
  },
});
