/**
 * Item ids with colons (Superdesk guids `urn:newsml:...`) route whether or not the client
 * percent-encodes the colons (`%3A`, `%3a`), for reads and writes.
 */
import assert from "node:assert/strict";
import { body, deskStory, newsroomTest } from "../newsroom/_newsroom.ts";

newsroomTest("GET and PATCH /api/archive/<guid with %3A> reach the item", async (room) => {
  const story = await deskStory(room);
  const id = String(story._id);
  assert.match(id, /:/);
  for (const encoded of [id.replaceAll(":", "%3A"), id.replaceAll(":", "%3a")]) {
    const found = await body(await room.writer.get(`/api/archive/${encoded}`));
    assert.equal(found._id, id);
  }
  const patched = await room.writer.patch(`/api/archive/${id.replaceAll(":", "%3A")}`, {
    headline: "Encoded",
  }, { etag: story._etag });
  await body(patched);
  assert.equal((await body(await room.writer.get(`/api/archive/${id}`))).headline, "Encoded");
});
