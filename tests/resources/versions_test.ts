/**
 * Version copies: `getEach` reads several (item, version) pairs at once, on both stores, with
 * the item's id restored, null for an unknown pair and only the asked fields when given.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { Versions } from "../../src/resources/versions.ts";
import type { ResourceDefinition } from "../../src/resources/resource_definition.ts";
import type { DocumentStore } from "../../src/storage/document_store.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { withTempStore } from "../_temp_store.ts";

const definition = {
  datasource: { source: "things" },
  hiddenFields: [],
} as unknown as ResourceDefinition;

async function checkGetEach(store: DocumentStore) {
  const versions = new Versions(definition, store);
  await versions.ensureIndexes();
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));
  await versions.record([
    { _id: "a", _current_version: 1, headline: "a1", versioncreated: at(1) },
    { _id: "b", _current_version: 1, headline: "b1", versioncreated: at(2) },
  ]);
  await versions.record([
    { _id: "a", _current_version: 2, headline: "a2", versioncreated: at(3) },
    { _id: "b", _current_version: 3, headline: "b3", versioncreated: at(4) },
  ]);
  const wanted = [
    { id: "b", version: 3 },
    { id: "a", version: 2 },
    { id: "a", version: 3 },
    { id: "a", version: 1 },
  ];
  const whole = await versions.getEach(wanted);
  assert.deepEqual(whole.map((doc) => doc && [doc._id, doc.headline]), [
    ["b", "b3"],
    ["a", "a2"],
    null,
    ["a", "a1"],
  ]);
  assert.equal(whole[0]!._id_document, undefined);
  const some = await versions.getEach(wanted, ["versioncreated"]);
  assert.equal(some[1]!.headline, undefined);
  assert.equal((some[1]!.versioncreated as Date).toISOString(), at(3).toISOString());
  assert.equal(some[1]!._current_version, 2);
  assert.deepEqual(await versions.getEach([]), []);
}

Deno.test("versions getEach [embedded]", () => withTempStore(checkGetEach));

const mongoUrl = engineUrl("MONGO_URI");
Deno.test({
  name: "versions getEach [engines]",
  ignore: !mongoUrl,
  async fn() {
    const client = new MongoClient(mongoUrl!);
    const dbName = uniqueName("test_versions");
    const store = createMongoDocumentStore({ client, dbName });
    try {
      await checkGetEach(store);
    } finally {
      await client.db(dbName).dropDatabase();
      await store.close();
    }
  },
});
