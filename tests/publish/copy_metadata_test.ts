/**
 * `COPY_METADATA_FROM_PARENT` without `PUBLISH_ASSOCIATED_ITEMS`: the published story's media
 * association carries the story's metadata, not the picture's own, even when the picture has
 * changed since it was associated (Superdesk's `_refresh_associated_items` copies from the story
 * alone); a kill's copy gives it to the associations the client sends; with
 * `PUBLISH_ASSOCIATED_ITEMS` a related picture stays a bare reference. Embedded default and real
 * engines.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest("a published story's picture takes the story's slugline, not its own", async (
  room,
) => {
  const archive = room.app.platform.registry.service("archive");
  await archive.create(
    [{
      _id: "pic-1",
      guid: "pic-1",
      type: "picture",
      state: "in_progress",
      headline: "A picture",
      slugline: "picture, edited since",
      _current_version: 2,
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const story = await room.story({
    slugline: "budget",
    associations: {
      featuremedia: {
        _id: "pic-1",
        guid: "pic-1",
        type: "picture",
        headline: "A picture",
        slugline: "picture",
        _current_version: 1,
      },
    },
  });
  const published = await body(await room.act("publish", story));
  assert.equal(published.associations.featuremedia.slugline, "budget");
  const where = JSON.stringify({ item_id: story._id });
  const copies = await body(await room.editor.get(`/api/published?where=${where}`));
  const [copy] = copies._items as Json[];
  assert.equal(copy!.associations.featuremedia.slugline, "budget");
  // Sent with the story, as without the setting (Superdesk marks the story's own associations).
  assert.equal(copy!.associations.featuremedia.state, "published");
  assert.equal(copy!.associations.featuremedia.operation, "publish");
}, { env: { COPY_METADATA_FROM_PARENT: "true", VALIDATE_MEDIA_METADATA_ON_PUBLISH: "false" } });

publishingTest("a kill's copy gives the story's metadata to the pictures the client sends", async (
  room,
) => {
  const picture = { _id: "pic-2", guid: "pic-2", type: "picture", headline: "A picture" };
  const archive = room.app.platform.registry.service("archive");
  await archive.create([{ ...picture, state: "in_progress", _current_version: 1 }], SYSTEM_ACTOR, {
    trusted: true,
  });
  const story = await room.story({ slugline: "budget" });
  const published = await body(await room.act("publish", story));
  const killed = await body(
    await room.act("kill", published, {
      associations: { featuremedia: { ...picture, slugline: "picture", _current_version: 1 } },
    }),
  );
  assert.equal(killed.state, "killed");
  const where = JSON.stringify({ item_id: story._id, state: "killed" });
  const copies = await body(await room.editor.get(`/api/published?where=${where}`));
  const [copy] = copies._items as Json[];
  assert.equal(copy!.associations.featuremedia.slugline, "budget");
}, { env: { COPY_METADATA_FROM_PARENT: "true", VALIDATE_MEDIA_METADATA_ON_PUBLISH: "false" } });

publishingTest(
  "with PUBLISH_ASSOCIATED_ITEMS a related picture stays a bare reference in the copy",
  async (room) => {
    // Superdesk's `update` refreshes the associations (`_refresh_associated_items`) before
    // `_fix_related_references` makes related items bare references again.
    const registry = room.app.platform.registry;
    await room.app.platform.documents.collection("vocabularies").insertMany([
      { _id: "related", field_type: "related_content", items: [] },
    ]);
    const picture = { _id: "pic-3", guid: "pic-3", type: "picture", headline: "A picture" };
    await registry.service("archive").create(
      [{
        ...picture,
        state: "in_progress",
        slugline: "picture",
        _current_version: 1,
        task: { desk: room.desk._id, stage: room.desk.working_stage },
      }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const story = await room.story({
      slugline: "budget",
      associations: { "related--1": { _id: "pic-3", type: "picture", order: 1 } },
    });
    const published = await body(await room.act("publish", story));
    assert.deepEqual(published.associations["related--1"], {
      _id: "pic-3",
      type: "picture",
      order: 1,
    });
    const where = JSON.stringify({ item_id: story._id });
    const copies = await body(await room.editor.get(`/api/published?where=${where}`));
    const [copy] = copies._items as Json[];
    assert.deepEqual(copy!.associations["related--1"], { _id: "pic-3", type: "picture", order: 1 });
  },
  {
    env: {
      COPY_METADATA_FROM_PARENT: "true",
      PUBLISH_ASSOCIATED_ITEMS: "true",
      VALIDATE_MEDIA_METADATA_ON_PUBLISH: "false",
    },
  },
);
