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
import type { Doc } from "../../src/storage/document_store.ts";
import { wirePoolFor } from "../../src/storage/mongo/wire_pool.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const url = engineUrl("MONGO_URI");

const notes = defineResource({
  name: "notes",
  schema: Type.Object({ n: Type.Optional(Type.Integer()), text: Type.Optional(Type.String()) }),
});

/**
 * The store's transports: the driver alone, and our own connections where the URI allows
 * (wire_pool.ts); each test runs on both.
 */
const transports = url && wirePoolFor(url) ? ["driver", "wire"] as const : ["driver"] as const;
type Transport = typeof transports[number];

/**
 * A service over a fresh database whose commands to `notes` and the claims are recorded (by the
 * driver's command monitoring or by the pool's `onCommand`).
 */
async function setUp(transport: Transport) {
  const client = new MongoClient(url!, { monitorCommands: true });
  const dbName = uniqueName("test_patch_trips");
  const commands: string[] = [];
  const record = (command: Doc) => {
    const name = Object.keys(command)[0]!;
    const target = command[name];
    if (target === "notes" || target === CLAIMS_COLLECTION) commands.push(`${name} ${target}`);
  };
  const wire = transport === "wire" ? wirePoolFor(url!, { onCommand: record }) : undefined;
  const store = createMongoDocumentStore({ client, dbName, wire });
  const service = new ResourceService(notes, { documents: store } as unknown as ServiceContext);
  client.on("commandStarted", (event: CommandStartedEvent) => record(event.command));
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

for (const transport of transports) {
  Deno.test({
    name:
      `[${transport}] a PATCH reads the document once and writes it once (plus FerretDB's claim)`,
    ignore: !url,
    async fn() {
      const { service, commands, ferretDb, close } = await setUp(transport);
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
    name:
      `[${transport}] concurrent PATCHes: one winner per etag, and no retried system write is lost`,
    ignore: !url,
    async fn() {
      const { service, close } = await setUp(transport);
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
    name:
      `[${transport}] FerretDB: concurrent PATCHes of different documents take their claims in batches`,
    ignore: !url,
    async fn() {
      const { service, commands, ferretDb, close } = await setUp(transport);
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
}
