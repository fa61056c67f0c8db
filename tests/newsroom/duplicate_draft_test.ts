/**
 * A never-saved draft (the client creates items with `version: 0`) duplicated: the copy is a
 * stored item at version 1 with the draft's version copied under it, listed as any saved item
 * (Superdesk's `duplicate_item` resolves the copy's version from its source's 0 to 1).
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, deskStory, newsroomTest, signIn } from "./_newsroom.ts";

newsroomTest("a never-saved draft duplicates to a saved copy at version 1", async (room) => {
  const { desk } = room;
  const duplicator = await signIn(room.app, "duplicator", { archive: 1, duplicate: 1 });
  await room.app.platform.registry.service("desks").update(desk._id, {
    members: [...desk.members, { user: duplicator.userId }],
  }, { actor: SYSTEM_ACTOR });
  const draft = await deskStory(room, { headline: "Draft", version: 0 });
  assert.equal(draft._current_version, 0);
  const copied = await body(
    await duplicator.post(`/api/archive/${draft._id}/duplicate`, { desk: desk._id }),
    201,
  );
  const copy = await body(await duplicator.get(`/api/archive/${copied._id}`));
  assert.equal(copy._current_version, 1);
  assert.equal(copy.headline, "Draft");
  const versions = await body(await duplicator.get(`/api/archive/${copied._id}?version=all`));
  assert.deepEqual(versions._items.map((v: { _current_version: number }) => v._current_version), [
    0,
    1,
  ]);
  const listed = await body(await duplicator.get("/api/archive"));
  assert.ok(listed._items.some((item: { _id: string }) => item._id === copied._id));
});
