/**
 * `DEFAULT_CONTENT_TYPE` on items created in archive, as Superdesk's `on_create_item` gives it
 * to every new text item: a text item naming no profile, or a type's, takes it; other types keep
 * their own; the default profile is taken as given on text without a stored profile of that
 * name, while any other unknown profile (and the default one on a picture) is refused.
 */
import assert from "node:assert/strict";
import { body, createStory, newsroomTest, refused } from "../newsroom/_newsroom.ts";
import { INVALID } from "./_content.ts";
import type { IngestService } from "../../src/ingest/ingest_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";

newsroomTest("a new text item takes DEFAULT_CONTENT_TYPE over none or a type's profile", async (
  room,
) => {
  const { writer } = room;
  assert.equal((await createStory(writer, { headline: "none" })).profile, "bar");
  assert.equal((await createStory(writer, { profile: "text" })).profile, "bar");
  assert.equal((await createStory(writer, { profile: "picture" })).profile, "bar");
  assert.equal((await createStory(writer, { type: "preformatted" })).profile, "preformatted");
  assert.equal((await createStory(writer, { profile: "bar" })).profile, "bar");
  const unknown = await refused(await writer.post("/api/archive", { profile: "foo" }), INVALID);
  assert.ok(unknown._issues.profile);
  const picture = await refused(
    await writer.post("/api/archive", { type: "picture", profile: "bar" }),
    INVALID,
  );
  assert.match(String(picture._issues.profile), /unknown content profile 'bar'/);
  const list = await body(await writer.get('/api/archive?where={"type":"picture"}'));
  assert.equal(list._items.length, 0, "the refused picture is not stored");
}, { env: { DEFAULT_CONTENT_TYPE: "bar" } });

newsroomTest("without DEFAULT_CONTENT_TYPE a new text item's profile is its type", async (room) => {
  assert.equal((await createStory(room.writer, { headline: "none" })).profile, "text");
});

newsroomTest("an ingested text item naming profile 'graphic' keeps it, as Superdesk's", async (
  room,
) => {
  // Superdesk's `on_create_item` replaces `DEFAULT_PROFILES` (text, picture, audio, video,
  // composite), not every type with a default schema: "graphic" is not one of them.
  const ingest = room.app.platform.registry.service<IngestService>("ingest");
  await ingest.create([
    { guid: "ingested-none", headline: "none" },
    { guid: "ingested-picture", headline: "picture", profile: "picture" },
    { guid: "ingested-graphic", headline: "graphic", profile: "graphic" },
  ], SYSTEM_ACTOR);
  const profileOf = async (guid: string) => (await ingest.findOne({ guid }, SYSTEM_ACTOR))?.profile;
  assert.equal(await profileOf("ingested-none"), "bar");
  assert.equal(await profileOf("ingested-picture"), "bar");
  assert.equal(await profileOf("ingested-graphic"), "graphic");
}, { env: { DEFAULT_CONTENT_TYPE: "bar" } });
