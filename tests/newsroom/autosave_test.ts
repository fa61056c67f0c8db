/** Autosave: unsaved changes kept beside the item, for its editor only, saved when the lock goes. */
import assert from "node:assert/strict";
import { body, deskStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest("an autosave stays beside the item until the lock is released", async (room) => {
  const { writer, editor, outsider } = room;
  const item = await deskStory(room, { headline: "Draft" });
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const saved = await body(
    await writer.post("/api/archive_autosave", { _id: item._id, headline: "Typing" }),
    201,
  );
  assert.equal(saved.headline, "Typing");
  assert.equal(saved._links.self.href, `archive_autosave/${item._id}`);
  assert.equal((await body(await writer.get(`/api/archive/${item._id}`))).headline, "Draft");
  assert.equal(
    (await body(await writer.get(`/api/archive_autosave/${item._id}`))).headline,
    "Typing",
  );
  await refused(
    await editor.post("/api/archive_autosave", { _id: item._id, headline: "Mine" }),
    403,
    "The item was locked by another user",
  );
  await refused(await outsider.get(`/api/archive_autosave/${item._id}`), 404);
  await refused(
    await writer.post("/api/archive_autosave", { _id: item._id, lock_userx: 1 }),
    400,
  );

  const unlocked = await body(await writer.post(`/api/archive/${item._id}/unlock`, {}), 201);
  assert.equal(unlocked.headline, "Typing");
  assert.equal(unlocked.lock_user, null);
  assert.equal(unlocked._current_version, item._current_version + 1);
  await refused(await writer.get(`/api/archive_autosave/${item._id}`), 404);
});

newsroomTest("an edit discards the autosave", async (room) => {
  const { writer } = room;
  const item = await deskStory(room, { headline: "Draft" });
  const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  await body(
    await writer.post("/api/archive_autosave", { _id: item._id, headline: "Typing" }),
    201,
  );
  await body(
    await writer.patch(`/api/archive/${item._id}`, { headline: "Saved" }, { etag: locked._etag }),
  );
  await refused(await writer.get(`/api/archive_autosave/${item._id}`), 404);
  const unlocked = await body(await writer.post(`/api/archive/${item._id}/unlock`, {}), 201);
  assert.equal(unlocked.headline, "Saved");
});
