/**
 * A MongoDB document store whose first connect failed (the engine unreachable when the first
 * operation ran) recovers once the engine answers: the driver kept its closed topology, and
 * without `revive_client.ts` every later operation failed with "Topology is closed", for good.
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { createMongoClient } from "../../src/storage/mongo/mongo_client.ts";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { startTcpProxy } from "../_tcp_proxy.ts";

const url = engineUrl("MONGO_URI");

/** Generous: only a backstop against a store that never recovers, never a correct run's pace. */
const BACKSTOP_MS = 120_000;

Deno.test({
  name: "a mongo store whose first connect failed works once the engine answers",
  ignore: !url,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const proxy = startTcpProxy(url!);
    proxy.stop();
    const target = new URL(url!);
    target.host = new URL(proxy.url).host;
    // Short, so the first operation fails quickly; the recovery waits on no timer of its own.
    // Given in the URI, as a deployment would: the client the platform makes keeps it when it
    // connects anew.
    target.searchParams.set("serverSelectionTimeoutMS", "300");
    const client = createMongoClient(target.href);
    const dbName = uniqueName("test_revive");
    const store = createMongoDocumentStore({ client, dbName });
    try {
      const notes = store.collection("notes");
      await assert.rejects(notes.find({}), ServiceUnavailableError);
      proxy.start();
      const backstop = Date.now() + BACKSTOP_MS;
      const errors: string[] = [];
      for (;;) {
        try {
          await notes.insertMany([{ _id: "n1", text: "back" }]);
          break;
        } catch (error) {
          // While a reconnect's server selection is under way an operation may still time out.
          assert.ok(error instanceof ServiceUnavailableError, String(error));
          errors.push(error.message);
          assert.ok(
            Date.now() < backstop,
            `backstop: the store never recovered; errors since the engine came back: ${
              [...new Set(errors)].join(" | ")
            }`,
          );
          // Paces the retries; the reconnect runs in macrotasks of its own.
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      assert.deepEqual(await notes.find({}), [{ _id: "n1", text: "back" }]);
    } finally {
      await client.db(dbName).dropDatabase().catch(() => {});
      await store.close();
      proxy.stop();
    }
  },
});
