/**
 * The web client's desk output card (`GET /api/search?repo=archive,published&source=…`, built
 * as `CardsService` builds it) after a publish: the desk's published story is listed, once, with
 * what the card reads; a story still in work on the desk is not, and stays on its stage card
 * where the published one no longer shows; another desk's output is empty.
 * Embedded default and real engines.
 */
import assert from "node:assert/strict";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { deskOutputUrl, stageCardUrl } from "../newsroom/_monitoring_queries.ts";
import { publishingTest } from "./_publishing.ts";

publishingTest("the desk output card lists the desk's published story once", async (room) => {
  const product = await room.product();
  await room.subscriber({
    name: "Digital",
    subscriber_type: "digital",
    products: [product._id],
    destinations: [room.pushTo("/ninjs")],
  });
  const story = await room.story({ headline: "Output story" });
  const inWork = await room.story({ headline: "Still in work" });
  const published = await body(await room.act("publish", story));
  assert.equal(published.state, "published");

  const output = await body(await room.editor.get(deskOutputUrl(room.desk._id)));
  assert.equal(output._meta.total, 1, JSON.stringify(output._items));
  const [item] = output._items;
  assert.equal(item._id, story._id, "the published copy answers with the item's guid");
  assert.equal(item._type, "published");
  assert.equal(item.headline, "Output story");
  assert.equal(item.state, "published");
  assert.equal(item.task.desk, room.desk._id);
  assert.ok(item._etag);

  const card = await body(
    await room.editor.get(stageCardUrl(story.task.stage, room.editor.userId)),
  );
  assert.deepEqual(
    card._items.map((listed: Json) => listed._id),
    [inWork._id],
    "a stage card lists archive's working states only",
  );

  const elsewhere = await body(
    await room.editor.post("/api/desks", { name: "Elsewhere", members: [] }),
    201,
  );
  const empty = await body(await room.editor.get(deskOutputUrl(elsewhere._id)));
  assert.equal(empty._meta.total, 0);
});
