/**
 * Unlinking an update from its story (`DELETE /api/archive/<id>/rewrite`) beyond Superdesk's
 * scenarios, on both stores: its refusals, what it announces and records, two unlinks at once,
 * and an update of the unlinked update.
 */
import assert from "node:assert/strict";
import { body, eventsNamed, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";

async function updateOf(room: Room, story: Json): Promise<Json> {
  return await body(
    await room.editor.post(`/api/archive/${story._id}/rewrite`, { desk_id: room.desk._id }),
    201,
  );
}

function unlink(room: Room, item: Json) {
  return room.editor.delete(`/api/archive/${item._id}/rewrite`);
}

publishingTest(
  "an unlinked update stands alone and its story can be updated again",
  async (room) => {
    const story = await room.story();
    const update = await updateOf(room, story);
    assert.equal((await unlink(room, update)).status, 204);
    const alone = await body(await room.editor.get(`/api/archive/${update._id}`));
    assert.equal(alone.rewrite_of, null);
    assert.equal(alone.rewrite_sequence, null);
    assert.equal(alone.anpa_take_key, null);
    assert.notEqual(alone.event_id, update.event_id);
    assert.equal(alone._current_version, update._current_version, "no new version");
    const freed = await body(await room.editor.get(`/api/archive/${story._id}`));
    assert.equal(freed.rewritten_by, null);
    assert.deepEqual(
      (await eventsNamed(room, "item:unlink")).map((event) => event.extra),
      [{ item: update._id, user: room.editor.userId }],
    );
    const where = encodeURIComponent(JSON.stringify({ item_id: update._id, operation: "unlink" }));
    const history = await body(await room.editor.get(`/api/archive_history?where=${where}`));
    assert.equal(history._items.length, 1);
    assert.equal(history._items[0].update.rewrite_of, null);
    await updateOf(room, story);
  },
);

publishingTest("only an update can be unlinked, by a user with the privilege", async (room) => {
  const story = await room.story();
  await refused(await unlink(room, story), 400, "Only updates can be unlinked!");
  await refused(await unlink(room, { _id: "no-such-item" }), 404);
  const update = await updateOf(room, story);
  await refused(await room.writer.delete(`/api/archive/${update._id}/rewrite`), 403);
});

publishingTest("of two unlinks of an update at once, one unlinks it", async (room) => {
  const story = await room.story();
  const update = await updateOf(room, story);
  const answers = await Promise.all([unlink(room, update), unlink(room, update)]);
  const statuses = await Promise.all(answers.map(async (answer) => {
    await answer.body?.cancel();
    return answer.status;
  }));
  assert.deepEqual(statuses.sort(), [204, 400]);
  assert.equal((await eventsNamed(room, "item:unlink")).length, 1);
});

publishingTest("an update of the unlinked update no longer names it", async (room) => {
  const story = await body(await room.act("publish", await room.story()));
  const update = await updateOf(room, story);
  const published = await body(await room.act("publish", update));
  const next = await updateOf(room, published);
  assert.equal((await unlink(room, published)).status, 204);
  const stored = await body(await room.editor.get(`/api/archive/${next._id}`));
  assert.equal(stored.rewrite_of, null);
  assert.equal(stored.rewrite_sequence, 0);
});
