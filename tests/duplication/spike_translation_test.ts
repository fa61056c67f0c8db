/**
 * Spiking translations (Superdesk's `archive_spike`), on both setups: the source loses them from
 * `translations`, also when two are spiked at once; a source that is itself a translation keeps
 * its own link (`translation_id`) when its last translation is spiked, so spiking it later
 * unlinks it too.
 */
import assert from "node:assert/strict";
import type { Client } from "../_client.ts";
import { body, createStory, newsroomTest, signIn } from "../newsroom/_newsroom.ts";

const TRANSLATOR = { archive: 1, translate: 1, spike: 1 } as const;

async function translate(client: Client, guid: string, language: string) {
  return await body(await client.post("/api/archive/translate", { guid, language }), 201);
}

async function spike(client: Client, id: string) {
  const item = await body(await client.get(`/api/archive/${id}`));
  await body(await client.patch(`/api/archive/spike/${id}`, {}, { etag: item._etag }));
}

newsroomTest("spiking a translation of a translation keeps the middle one linked", async (room) => {
  const translator = await signIn(room.app, "translator", TRANSLATOR);
  const first = await createStory(translator, { type: "text", language: "en" });
  const second = await translate(translator, first._id, "de");
  const third = await translate(translator, second._id, "fr");
  await spike(translator, third._id);
  const middle = await body(await translator.get(`/api/archive/${second._id}`));
  assert.deepEqual(middle.translations, []);
  assert.equal(middle.translation_id, second.translation_id);
  await spike(translator, second._id);
  const source = await body(await translator.get(`/api/archive/${first._id}`));
  assert.deepEqual(source.translations, []);
});

newsroomTest("two translations spiked at once both leave their source", async (room) => {
  const translator = await signIn(room.app, "translator", TRANSLATOR);
  const source = await createStory(translator, { type: "text", language: "en" });
  const de = await translate(translator, source._id, "de");
  const fr = await translate(translator, source._id, "fr");
  await Promise.all([spike(translator, de._id), spike(translator, fr._id)]);
  const after = await body(await translator.get(`/api/archive/${source._id}`));
  assert.deepEqual(after.translations, []);
  assert.equal(after.translation_id ?? null, null);
});
