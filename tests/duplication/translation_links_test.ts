/**
 * The source's `translations` link (Superdesk's `system_update`): every one of many translations
 * made at once is listed, and the source keeps its etag, so its editor may still save it.
 */
import assert from "node:assert/strict";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";

Deno.test("POST /api/archive/translate twelve times at once lists all twelve translations", async () => {
  const app = await createTestApp();
  try {
    const admin = await loginAs(app, { username: "translator", admin: true });
    const source = await (await admin.post("/api/archive", { type: "text", language: "en" }))
      .json();
    const languages = Array.from({ length: 12 }, (_, n) => `x${n}`);
    const responses = await Promise.all(
      languages.map((language) =>
        admin.post("/api/archive/translate", { guid: source._id, language })
      ),
    );
    const translations = await Promise.all(responses.map(async (response) => {
      assert.equal(response.status, 201);
      return (await response.json())._id;
    }));
    const linked = await (await admin.get(`/api/archive/${source._id}`)).json();
    assert.deepEqual([...linked.translations].sort(), translations.sort());
  } finally {
    await app.close();
  }
});

Deno.test("the source of a translation can still be saved with the etag read before", async () => {
  const app = await createTestApp();
  try {
    const admin = await loginAs(app, { username: "translator", admin: true });
    const source = await (await admin.post("/api/archive", { type: "text", language: "en" }))
      .json();
    const translated = await admin.post("/api/archive/translate", {
      guid: source._id,
      language: "de",
    });
    assert.equal(translated.status, 201);
    await translated.body?.cancel();
    const saved = await admin.patch(`/api/archive/${source._id}`, { headline: "edited" }, {
      etag: source._etag,
    });
    assert.equal(saved.status, 200);
    assert.equal((await saved.json()).translations.length, 1);
  } finally {
    await app.close();
  }
});
