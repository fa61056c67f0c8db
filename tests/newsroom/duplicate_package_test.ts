/**
 * Duplicating a package copies its items first: when one of them cannot be read (gone from the
 * store, as content expiry may leave it), nothing is copied, not the items before it either; the
 * copies stay in their sources' families (Superdesk's `duplicate_item`).
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { deskPackage, deskStory, newsroomTest, refused, signIn } from "./_newsroom.ts";

newsroomTest("a package whose second item is gone is not half-duplicated", async (room) => {
  const { desk } = room;
  const duplicator = await signIn(room.app, "duplicator", { archive: 1, duplicate: 1 });
  await room.app.platform.registry.service("desks").update(desk._id, {
    members: [...desk.members, { user: duplicator.userId }],
  }, { actor: SYSTEM_ACTOR });
  const first = await deskStory(room, { headline: "first" });
  const second = await deskStory(room, { headline: "second" });
  const pkg = await deskPackage(room, [first._id, second._id]);
  const archive = room.app.platform.documents.collection("archive");
  assert.ok(await archive.deleteOne({ _id: second._id }));
  const before = await archive.count({});
  await refused(
    await duplicator.post(`/api/archive/${pkg._id}/duplicate`, { desk: desk._id }),
    404,
  );
  assert.equal(await archive.count({}), before);
});

newsroomTest(
  "a package's duplicate and its items' copies stay in their sources' families",
  async (room) => {
    const { desk } = room;
    const duplicator = await signIn(room.app, "duplicator", { archive: 1, duplicate: 1 });
    await room.app.platform.registry.service("desks").update(desk._id, {
      members: [...desk.members, { user: duplicator.userId }],
    }, { actor: SYSTEM_ACTOR });
    const story = await deskStory(room, { headline: "member" });
    const pkg = await deskPackage(room, [story._id]);
    const response = await duplicator.post(`/api/archive/${pkg._id}/duplicate`, { desk: desk._id });
    assert.equal(response.status, 201);
    await response.body?.cancel();
    const archive = room.app.platform.documents.collection("archive");
    const [pkgCopy] = await archive.find({ original_id: pkg._id });
    const [storyCopy] = await archive.find({ original_id: story._id });
    // Superdesk's `duplicate_content` copies each through `duplicate_item`, which keeps `family_id`.
    assert.ok(pkgCopy && storyCopy);
    assert.equal(pkgCopy.family_id, pkg.family_id);
    assert.equal(storyCopy.family_id, story.family_id);
  },
);
