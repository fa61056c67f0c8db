/** `GET /api/allowed_values`: what the routed resources' schemas and services limit fields to. */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";
import { addUser, authed, login } from "../auth/_auth_fixtures.ts";

Deno.test("allowed_values lists schema literals of routed resources, lists' items included", async () => {
  const t = await createTestApp();
  try {
    await addUser(t, { username: "admin", admin: true });
    const { token } = await login(t, "admin");
    const response = await t.app.request("/api/allowed_values?max_results=500", authed(token));
    assert.equal(response.status, 200);
    const items = new Map<string, string[]>(
      (await response.json())._items.map((item: { _id: string; items: string[] }) => [
        item._id,
        item.items,
      ]),
    );
    assert.ok(items.get("archive.type")?.includes("picture"));
    assert.deepEqual(items.get("users.user_type"), ["user", "administrator"]);
    assert.ok(items.get("ingest_providers.content_types")?.includes("text"), "a list's items");
    assert.equal(items.has("auth_server_clients.scope"), false, "internal resources are not");
    assert.equal(items.has("search_providers.search_provider"), false, "no type registered");
  } finally {
    await t.close();
  }
});
