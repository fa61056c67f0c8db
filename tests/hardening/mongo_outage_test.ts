/**
 * MongoDB outages answer 503 with a JSON body and `Retry-After`, never a 500: the app talks to
 * the real engine through a TCP proxy that is cut (every connection dropped, new ones refused)
 * and restored. Reads, writes, logins and authenticated requests are tried during the outage;
 * after it the same requests succeed again. A FerretDB write that waits too long for another
 * writer's claim is a 503 as well.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { createMongoDocumentStore } from "../../src/storage/mongo/mongo_document_store.ts";
import { CLAIMS_COLLECTION } from "../../src/storage/mongo/ferretdb_claims.ts";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { clientFor } from "../_client.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { startTcpProxy } from "../_tcp_proxy.ts";

const mongoUri = engineUrl("MONGO_URI");

/** `uri` with its host and port replaced by `proxy`'s. */
function throughProxy(uri: string, proxy: string): string {
  const { host } = new URL(proxy);
  return uri.replace(/^(mongodb:\/\/(?:[^@/]*@)?)[^/?]+/, `$1${host}`);
}

async function assertUnavailable(response: Response, what: string) {
  const text = await response.text();
  assert.equal(response.status, 503, `${what}: ${text}`);
  assert.match(response.headers.get("content-type") ?? "", /application\/json/, what);
  assert.ok(Number(response.headers.get("retry-after")) > 0, `${what}: Retry-After`);
  const body = JSON.parse(text);
  assert.equal(body._status, "ERR");
  assert.match(body._error.message, /document store is unavailable/);
}

Deno.test({
  name: "[mongodb] requests during a MongoDB outage answer 503 JSON with Retry-After",
  ignore: !mongoUri,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const upstream = new URL(mongoUri!.replace(/^mongodb:/, "http:"));
    const proxy = startTcpProxy(`http://${upstream.host}`);
    // Authenticated requests re-read the session at once, so the outage reaches them.
    const app = await createTestApp({
      mongoUri: throughProxy(mongoUri!, proxy.url),
      env: { AUTH_CACHE_SECONDS: "0" },
    });
    try {
      const admin = await loginAs(app, { username: "admin", admin: true });
      const me = await (await admin.get(`/api/users/${admin.userId}`)).json();
      proxy.stop();
      await assertUnavailable(await admin.get("/api/users"), "GET /api/users");
      await assertUnavailable(
        await admin.patch(`/api/users/${admin.userId}`, { biography: "x" }, { etag: me._etag }),
        "PATCH /api/users/<id>",
      );
      await assertUnavailable(
        await clientFor(app).post("/api/auth_db", { username: "admin", password: "whatever" }),
        "POST /api/auth_db",
      );
      proxy.start();
      const after = await admin.get("/api/users");
      assert.equal(after.status, 200, await after.clone().text());
      await after.body?.cancel();
    } finally {
      proxy.start();
      await app.close();
      proxy.stop();
    }
  },
});

Deno.test({
  name: "[mongodb] a FerretDB write waiting too long for another writer's claim is a 503",
  ignore: !mongoUri,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const client = new MongoClient(mongoUri!);
    const dbName = uniqueName("claims");
    const store = createMongoDocumentStore({ client, dbName, claimWaitMs: 50 });
    try {
      const items = store.collection("items");
      await items.insertMany([{ _id: "a", n: 1 }]);
      const onFerretDb = Boolean(
        (await client.db(dbName).command({ buildInfo: 1 })).ferretdbVersion,
      );
      if (!onFerretDb) return; // MongoDB writes atomically without claims.
      // Another writer holds the claim (fresh, so it is not taken as abandoned).
      await client.db(dbName).collection<{ _id: string; at: Date }>(CLAIMS_COLLECTION)
        .insertOne({ _id: "items/a", at: new Date() });
      await assert.rejects(
        () => items.updateOne({ _id: "a" }, { $set: { n: 2 } }),
        (error) => error instanceof ServiceUnavailableError && error.status === 503,
      );
      assert.equal((await items.findOne({ _id: "a" }))?.n, 1);
    } finally {
      await client.db(dbName).dropDatabase();
      await store.close();
    }
  },
});
