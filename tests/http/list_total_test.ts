/**
 * A list's `_meta.total` stays exact while counts are saved: a page that ends the list gives it
 * without a count, a cached MongoDB count is forgotten by this process's writes at once, and by
 * another process's writes as soon as their resource event arrives on the bus.
 */
import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { defineApp, defineResource } from "../../src/app_api.ts";
import { createTestApp, type TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import type { Client } from "../_client.ts";
import { engineMissing, ENGINES, onEachEngine } from "../_engine_app.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

const tallies = defineResource({
  name: "tallies",
  schema: Type.Object({ name: Type.String() }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "DELETE"],
  notifications: true,
});

const talliesModule = defineApp({
  name: "tallies_test",
  register(app) {
    app.resource(tallies);
  },
});

/** An app with `tallies`; on the engines, on MongoDB (and Redis when REDIS_URL is set). */
function talliesApp(engine: (typeof ENGINES)[number], env: Record<string, string> = {}) {
  if (engine === "embedded") return createTestApp({ apps: [talliesModule], env });
  const redis = Deno.env.get("REDIS_URL");
  return createTestApp({
    apps: [talliesModule],
    mongoUri: engineUrl("MONGO_URI"),
    env: { ...(redis ? { REDIS_URL: redis } : {}), ...env },
  });
}

async function total(client: Client, query: string) {
  const response = await client.get(`/api/tallies?${query}`);
  assert.equal(response.status, 200);
  const body = await response.json();
  return { total: body._meta.total, items: body._items.length };
}

async function post(client: Client, ...names: string[]) {
  const response = await client.post("/api/tallies", names.map((name) => ({ name })));
  assert.equal(response.status, 201);
  const body = await response.json();
  return (names.length === 1 ? [body] : body._items).map((item: { _id: string }) => item._id);
}

onEachEngine(
  "list totals: full, ending and past-the-end pages, right after each write",
  async (engine) => {
    const app = await talliesApp(engine, { COUNT_CACHE_SECONDS: "60" });
    try {
      const admin = await loginAs(app, { username: "admin", admin: true });
      assert.deepEqual(await total(admin, "max_results=2"), { total: 0, items: 0 });
      const ids = await post(admin, "a", "b", "c");
      assert.deepEqual(await total(admin, "max_results=2"), { total: 3, items: 2 });
      assert.deepEqual(await total(admin, "max_results=2&page=2"), { total: 3, items: 1 });
      assert.deepEqual(await total(admin, "max_results=2&page=3"), { total: 3, items: 0 });
      assert.deepEqual(await total(admin, "max_results=3"), { total: 3, items: 3 });
      await post(admin, "d");
      assert.deepEqual(await total(admin, "max_results=2"), { total: 4, items: 2 });
      assert.deepEqual(await total(admin, "max_results=2&page=3"), { total: 4, items: 0 });
      const gone = await admin.get(`/api/tallies/${ids[0]}`);
      const etag = (await gone.json())._etag;
      const deleted = await admin.delete(`/api/tallies/${ids[0]}`, { etag });
      assert.equal(deleted.status, 204);
      assert.deepEqual(await total(admin, "max_results=2"), { total: 3, items: 2 });
      assert.deepEqual(await total(admin, 'max_results=2&where={"name":"b"}'), {
        total: 1,
        items: 1,
      });
    } finally {
      await app.close();
    }
  },
  { sanitize: true },
);

Deno.test({
  name: "[engines] a write in another process reaches this process's cached list total",
  ignore: engineMissing("engines") || !Deno.env.get("REDIS_URL"),
  async fn() {
    const env = { COUNT_CACHE_SECONDS: "60", MONGO_DBNAME: uniqueName("test_totals") };
    const apps: TestApp[] = [];
    try {
      apps.push(await talliesApp("engines", env), await talliesApp("engines", env));
      const [here, there] = apps as [TestApp, TestApp];
      const reader = await loginAs(here, { username: "here", admin: true });
      const writer = await loginAs(there, { username: "there", admin: true });
      await post(writer, "a", "b", "c");
      assert.deepEqual(await total(reader, "max_results=2"), { total: 3, items: 2 });
      const arrived = new Promise<void>((resolve) => {
        const off = here.platform.bus.subscribe(({ event, extra }) => {
          if (event === "resource:created" && extra.resource === "tallies") off(), resolve();
        });
      });
      await post(writer, "d");
      await arrived;
      assert.deepEqual(await total(reader, "max_results=2"), { total: 4, items: 2 });
    } finally {
      for (const app of apps) await app.close();
    }
  },
});
