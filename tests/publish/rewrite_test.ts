/**
 * Updating a story (`POST /api/archive/<id>/rewrite`) beyond Superdesk's scenarios, on both
 * stores: its refusals, two updates of one story at once (one wins, the other leaves nothing
 * behind), and spiking the story rather than the update.
 */
import assert from "node:assert/strict";
import { body, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";

function rewrite(room: Room, story: Json, payload: Json = { desk_id: room.desk._id }) {
  return room.editor.post(`/api/archive/${story._id}/rewrite`, payload);
}

publishingTest("a story is updated once; a second update is refused", async (room) => {
  const story = await room.story();
  const update = await body(await rewrite(room, story), 201);
  assert.equal(update.rewrite_of, story._id);
  await refused(await rewrite(room, story), 400, "Article has been rewritten before !");
  const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(stored.rewritten_by, update._id);
});

publishingTest("updating needs the rewrite privilege", async (room) => {
  const story = await room.story();
  const response = await room.writer.post(`/api/archive/${story._id}/rewrite`, {
    desk_id: room.desk._id,
  });
  await refused(response, 403);
});

publishingTest("a spiked story cannot be updated (412)", async (room) => {
  const story = await room.story();
  await body(await room.editor.patch(`/api/archive/spike/${story._id}`, {}, { etag: story._etag }));
  await refused(await rewrite(room, story), 412, "Workflow transition is invalid.");
});

publishingTest("a story linked as the update must be a fresh text story", async (room) => {
  const story = await room.story();
  const other = await room.story({ headline: "Other" });
  const picture = await room.story({ headline: "Picture", type: "picture" });
  await refused(
    await rewrite(room, story, { update: { _id: picture._id } }),
    400,
    "Rewrite story can only be text or pre-formatted !",
  );
  const first = await body(await rewrite(room, other), 201);
  await refused(
    await rewrite(room, story, { update: { _id: first._id } }),
    400,
    "Rewrite story has been used as update before !",
  );
  const profiled = await room.story({ headline: "Profiled", profile: "text" });
  // The story's profile is "text" (named after its type).
  const mismatched = await rewrite(room, story, {
    update: { _id: profiled._id, profile: "other" },
  });
  await refused(mismatched, 400, "Rewrite item content profile does not match with Original item.");
});

publishingTest(
  "two updates of one story at once: one wins, the other leaves nothing",
  async (room) => {
    const story = await room.story();
    const answers = await Promise.all([rewrite(room, story), rewrite(room, story)]);
    const statuses = answers.map((answer) => answer.status).sort();
    assert.deepEqual(statuses, [201, 400]);
    const winner = await body(answers.find((answer) => answer.status === 201)!, 201);
    await answers.find((answer) => answer.status === 400)!.body?.cancel();
    const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
    assert.equal(stored.rewritten_by, winner._id);
    const where = encodeURIComponent(JSON.stringify({ rewrite_of: story._id }));
    const updates = await body(await room.editor.get(`/api/archive?where=${where}`));
    assert.deepEqual(updates._items.map((item: Json) => item._id), [winner._id]);
  },
);

publishingTest("spiking the story leaves its update standing alone", async (room) => {
  const story = await room.story();
  const update = await body(await rewrite(room, story), 201);
  const current = await body(await room.editor.get(`/api/archive/${story._id}`));
  await body(
    await room.editor.patch(`/api/archive/spike/${story._id}`, {}, { etag: current._etag }),
  );
  const alone = await body(await room.editor.get(`/api/archive/${update._id}`));
  assert.equal(alone.rewrite_of, null);
  assert.equal(alone.rewrite_sequence, 0);
  const spiked = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(spiked.rewritten_by, null);
  // No longer an update, it may become another story's.
  const other = await room.story({ headline: "Other" });
  await body(await rewrite(room, other, { update: { _id: update._id } }), 201);
});
