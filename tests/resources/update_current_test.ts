/**
 * `update` with `current` (the caller's read, as the publishing actions pass the item they
 * checked): the service does not read the document again, and the write stays guarded by the
 * etag, so a change that landed after the caller's read is a 412 and is kept. On both stores
 * (the embedded one, and MongoDB where `MONGO_URI` is set).
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { Type } from "@sinclair/typebox";
import { EtagMismatchError } from "../../src/errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import type { ServiceContext } from "../../src/resources/service_context.ts";
import type { Doc, DocumentStore, Filter } from "../../src/storage/document_store.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const notes = defineResource({
  name: "current_notes",
  schema: Type.Object({ n: Type.Optional(Type.Integer()), text: Type.Optional(Type.String()) }),
});

/** A service with its own `findOne` (as the archive's), counting its reads. */
class CountingService extends ResourceService {
  reads = 0;
  override findOne(filter: Filter, actor: Actor = SYSTEM_ACTOR): Promise<Doc | null> {
    this.reads++;
    return super.findOne(filter, actor);
  }
}

const url = engineUrl("MONGO_URI");
const stores: Array<[string, () => Promise<{ store: DocumentStore; drop(): Promise<void> }>]> = [
  ["embedded", () => {
    const store = createSqliteDocumentStore({ path: ":memory:" });
    return Promise.resolve({ store, drop: () => store.close() });
  }],
];
if (url) {
  stores.push(["mongodb", () => {
    const client = new MongoClient(url);
    const dbName = uniqueName("test_update_current");
    const store = createMongoDocumentStore({ client, dbName });
    return Promise.resolve({
      store,
      async drop() {
        await client.db(dbName).dropDatabase();
        await store.close();
      },
    });
  }]);
}

for (const [name, open] of stores) {
  Deno.test(`[${name}] update with the caller's read: no read of its own, still guarded by the etag`, async () => {
    const { store, drop } = await open();
    try {
      const service = new CountingService(notes, { documents: store } as unknown as ServiceContext);
      const [created] = await service.create([{ n: 0, text: "a" }]);
      const id = String(created!._id);
      const current = await service.getById(id);
      service.reads = 0;
      const stored = await service.update(id, { n: 1 }, {
        etag: String(current._etag),
        current,
      });
      assert.equal(service.reads, 0, "the caller's read was used");
      assert.deepEqual([stored.n, stored.text], [1, "a"]);
      assert.notEqual(stored._etag, current._etag);

      // `current` is now stale: another write landed after it was read.
      await assert.rejects(
        service.update(id, { n: 2 }, { etag: String(current._etag), current }),
        EtagMismatchError,
      );
      assert.equal((await service.getById(id)).n, 1, "the later write is kept");

      // A `current` whose etag is not the one given is not trusted: the document is read.
      service.reads = 0;
      const again = await service.update(id, { text: "b" }, {
        etag: String(stored._etag),
        current,
      });
      assert.equal(service.reads, 1);
      assert.deepEqual([again.n, again.text], [1, "b"]);
    } finally {
      await drop();
    }
  });
}
