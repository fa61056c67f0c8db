/** Publishing sends apps the `item:published` signal with the published item and its user. */
import assert from "node:assert/strict";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest("publishing an item sends item:published to the apps", async (room) => {
  const sent: Json[] = [];
  room.app.platform.services.signals.on("item:published", (payload) => void sent.push(payload), {
    app: "test",
  });
  const product = await room.product();
  await room.subscriber({ name: "S", products: [product._id], destinations: [room.pushTo("/s")] });
  const story = await room.story();
  const published = await body(await room.act("publish", story));
  assert.deepEqual(sent.map((p) => [p.item._id, p.item.state, p.user, p.afterScheduled]), [
    [story._id, "published", room.editor.userId, false],
  ]);
  assert.equal(sent[0].item._etag, published._etag);
});

publishingTest(
  "scheduling an item sends item:published too (internal destinations)",
  async (room) => {
    const sent: Json[] = [];
    room.app.platform.services.signals.on("item:published", (payload) => void sent.push(payload), {
      app: "test",
    });
    const story = await room.story();
    const at = new Date(Date.now() + 3_600_000).toISOString();
    await body(await room.act("publish", story, { publish_schedule: at }));
    assert.deepEqual(sent.map((p) => [p.item._id, p.item.state, p.afterScheduled]), [
      [story._id, "scheduled", false],
    ]);
  },
);
