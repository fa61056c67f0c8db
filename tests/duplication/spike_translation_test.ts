/**
 * Spiking translations (Superdesk's `archive_spike`): the source loses them from `translations`,
 * also when two are spiked at once; a source that is itself a translation keeps its own link
 * (`translation_id`) when its last translation is spiked, so spiking it later unlinks it too.
 */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import type { Client } from "../_client.ts";

async function translate(admin: Client, guid: string, language: string) {
  const response = await admin.post("/api/archive/translate", { guid, language });
  assert.equal(response.status, 201);
  return await response.json();
}

async function spike(admin: Client, id: string) {
  const item = await (await admin.get(`/api/archive/${id}`)).json();
  const response = await admin.patch(`/api/archive/spike/${id}`, {}, { etag: item._etag });
  assert.equal(response.status, 200, await response.clone().text());
  await response.body?.cancel();
}

async function read(admin: Client, id: string) {
  return await (await admin.get(`/api/archive/${id}`)).json();
}

Deno.test("spiking a translation of a translation keeps the middle one linked to the first", async () => {
  const app = await createTestApp();
  try {
    const admin = await loginAs(app, { username: "translator", admin: true });
    const first = await (await admin.post("/api/archive", { type: "text", language: "en" })).json();
    const second = await translate(admin, first._id, "de");
    const third = await translate(admin, second._id, "fr");
    await spike(admin, third._id);
    const middle = await read(admin, second._id);
    assert.deepEqual(middle.translations, []);
    assert.equal(middle.translation_id, second.translation_id);
    await spike(admin, second._id);
    assert.deepEqual((await read(admin, first._id)).translations, []);
  } finally {
    await app.close();
  }
});

Deno.test("two translations spiked at once both leave their source", async () => {
  const app = await createTestApp();
  try {
    const admin = await loginAs(app, { username: "translator", admin: true });
    const source = await (await admin.post("/api/archive", { type: "text", language: "en" }))
      .json();
    const de = await translate(admin, source._id, "de");
    const fr = await translate(admin, source._id, "fr");
    await Promise.all([spike(admin, de._id), spike(admin, fr._id)]);
    const after = await read(admin, source._id);
    assert.deepEqual(after.translations, []);
    assert.equal(after.translation_id ?? null, null);
  } finally {
    await app.close();
  }
});
