/**
 * Item ids with colons (Superdesk guids `urn:newsml:...`) or other reserved characters route
 * whether or not the client percent-encodes them (`%3A`, `%3a`, `%2C`), for reads and writes; an
 * encoded `/` stays inside its segment.
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

newsroomTest(
  "a guid with an encoded comma routes; an encoded slash does not split",
  async (room) => {
    const created = await room.writer.post("/api/archive", {
      guid: "tag:x,y",
      headline: "Comma",
      type: "text",
    });
    const story = await body(created, 201);
    const found = await body(await room.writer.get("/api/archive/tag%3Ax%2Cy"));
    assert.equal(found._id, "tag:x,y");
    const patched = await room.writer.patch("/api/archive/tag%3Ax%2cy", { headline: "Encoded" }, {
      etag: story._etag,
    });
    assert.equal((await body(patched)).headline, "Encoded");
    // `%2F` is no id character, and no path of its own: a plain 404, not the 405 of a known path.
    const slashed = await room.writer.patch("/api/archive/tag%3Ax%2Fy", {}, { etag: story._etag });
    assert.equal(slashed.status, 404, await slashed.text());
  },
);
