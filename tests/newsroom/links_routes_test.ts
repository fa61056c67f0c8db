/**
 * `GET /api/links` over HTTP: only items the caller may see (not another user's personal space)
 * and bad paging is a 400.
 */
import assert from "node:assert/strict";
import { body, createStory, deskStory, newsroomTest, refused } from "./_newsroom.ts";

const EMBEDDED = { guid: "urn:pic:1", uri: "urn:pic:1", type: "picture", headline: "pic" };

newsroomTest("links list only the items the caller may see", async (room) => {
  const onDesk = await deskStory(room, { associations: { featuremedia: EMBEDDED } });
  const personal = await createStory(room.editor, {
    headline: "private",
    associations: { featuremedia: EMBEDDED },
  });
  const where = encodeURIComponent(JSON.stringify({ guid: EMBEDDED.guid }));
  const headlines = async (client: typeof room.editor) =>
    (await body(await client.get(`/api/links?where=${where}`)))._items
      .map((item: { _id: string }) => item._id).sort();
  assert.deepEqual(await headlines(room.editor), [onDesk._id, personal._id].sort());
  assert.deepEqual(await headlines(room.writer), [onDesk._id]);
  assert.ok(!(await headlines(room.outsider)).includes(personal._id));
  await refused(await room.writer.get(`/api/links?where=${where}&max_results=x`), 400);
  await refused(await room.writer.get(`/api/links?where=${where}&page=0`), 400);
});
