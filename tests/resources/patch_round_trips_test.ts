/**
 * A PATCH through the resource service reads the document once: on MongoDB a read and the
 * etag-guarded findAndModify; on FerretDB the claim, the read under it, the write by `_id` and
 * the release (the write reuses the service's read). Concurrent PATCHes stay compare-and-set:
 * one winner per etag, no update lost among retried system writes. Gated on `MONGO_URI`.
 */
import assert from "node:assert/strict";
import { type CommandStartedEvent, MongoClient } from "mongodb";
import { Type } from "@sinclair/typebox";
import { EtagMismatchError } from "../../src/errors.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import type { ServiceContext } from "../../src/resources/service_context.ts";
import { isFerretDb } from "../../src/storage/mongo/ferretdb.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { CLAIMS_COLLECTION } from "../../src/storage/mongo/ferretdb_claims.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const url = engineUrl("MONGO_URI");

const notes = defineResource({
  name: "notes",
  schema: Type.Object({ n: Type.Optional(Type.Integer()), text: Type.Optional(Type.String()) }),
});

/** A service over a fresh database whose commands to `notes` and the claims are recorded. */
async function setUp() {
  const client = new MongoClient(url!, { monitorCommands: true });
  const dbName = uniqueName("test_patch_trips");
  const store = createMongoDocumentStore({ client, dbName });
  const service = new ResourceService(notes, { documents: store } as unknown as ServiceContext);
  const commands: string[] = [];
  client.on("commandStarted", (event: CommandStartedEvent) => {
    const target = event.command[event.commandName];
    if (target === "notes" || target === CLAIMS_COLLECTION) {
      commands.push(`${event.commandName} ${target}`);
    }
  });
  return {
    service,
    commands,
    ferretDb: await isFerretDb(client.db(dbName)),
    async close() {
      await client.db(dbName).dropDatabase();
      await store.close();
    },
  };
}

Deno.test({
  name: "a PATCH reads the document once and writes it once (plus FerretDB's claim)",
  ignore: !url,
  async fn() {
    const { service, commands, ferretDb, close } = await setUp();
    try {
      const [created] = await service.create([{ n: 0 }]);
      commands.length = 0;
      const etag = created!._etag as string;
      const stored = await service.update(String(created!._id), { n: 1 }, { etag });
      assert.equal(stored.n, 1);
      assert.deepEqual(
        commands,
        ferretDb
          ? [
            `insert ${CLAIMS_COLLECTION}`,
            "find notes",
            "findAndModify notes",
            `delete ${CLAIMS_COLLECTION}`,
          ]
          : ["find notes", "findAndModify notes"],
      );
    } finally {
      await close();
    }
  },
});

Deno.test({
  name: "concurrent PATCHes: one winner per etag, and no retried system write is lost",
  ignore: !url,
  async fn() {
    const { service, close } = await setUp();
    try {
      const [created] = await service.create([{ n: 0 }]);
      const id = String(created!._id);
      const etag = created!._etag as string;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) => service.update(id, { text: `t${i}` }, { etag })),
      );
      assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") assert.ok(outcome.reason instanceof EtagMismatchError);
      }
      // System writes without an etag retry after a concurrent change: every one lands.
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => service.update(id, { [`f${i}`]: i })),
      );
      const final = await service.getById(id);
      for (let i = 0; i < 5; i++) assert.equal(final[`f${i}`], i);
    } finally {
      await close();
    }
  },
});

Deno.test({
  name: "FerretDB: concurrent PATCHes of different documents take their claims in batches",
  ignore: !url,
  async fn() {
    const { service, commands, ferretDb, close } = await setUp();
    try {
      const created = await service.create(Array.from({ length: 8 }, (_, n) => ({ n })));
      commands.length = 0;
      await Promise.all(
        created.map((doc) =>
          service.update(String(doc._id), { text: "patched" }, { etag: doc._etag as string })
        ),
      );
      for (const doc of created) {
        assert.equal((await service.getById(String(doc._id))).text, "patched");
      }
      if (!ferretDb) return;
      const count = (name: string) => commands.filter((command) => command === name).length;
      assert.equal(count("findAndModify notes"), 8);
      assert.ok(count(`insert ${CLAIMS_COLLECTION}`) < 8, commands.join(", "));
    } finally {
      await close();
    }
  },
});
