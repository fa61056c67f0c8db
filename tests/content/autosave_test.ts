/**
 * Autosave over HTTP: whoever may edit an item autosaves it unless its lock is held elsewhere;
 * only the author reads it; a save removes it; when the author's lock ends (unlock by anyone,
 * session end) it is saved into the item as their edit, never as someone else's.
 */
import assert from "node:assert/strict";
import { body, deskStory, refused } from "../newsroom/_newsroom.ts";
import { contentTest } from "./_content.ts";

contentTest(
  "an editor autosaves unless the lock is held elsewhere; only the author reads it",
  async (room) => {
    const { writer, editor, outsider } = room;
    const item = await deskStory(room);
    await refused(
      await outsider.post("/api/archive_autosave", { _id: item._id, headline: "Not my desk" }),
      404,
    );
    const unlocked = await body(
      await editor.post("/api/archive_autosave", { _id: item._id, headline: "Unlocked" }),
      201,
    );
    assert.equal(unlocked.version_creator, editor.userId);
    await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
    const saved = await body(
      await writer.post("/api/archive_autosave", { _id: item._id, headline: "Draft one" }),
      201,
    );
    assert.equal(saved._id, item._id);
    assert.ok(saved._etag);
    await refused(
      await editor.post("/api/archive_autosave", { _id: item._id, headline: "Theirs" }),
      403,
      "The item was locked by another user",
    );
    const elsewhere = await writer.signInAgain();
    await refused(
      await elsewhere.post("/api/archive_autosave", { _id: item._id, headline: "Other session" }),
      403,
      "The item is locked by you in another session",
    );
    await refused(await editor.get(`/api/archive_autosave/${item._id}`), 404);
    await refused(await outsider.get(`/api/archive_autosave/${item._id}`), 404);
    const mine = await body(await writer.get(`/api/archive_autosave/${item._id}`));
    assert.equal(mine.headline, "Draft one");
    assert.equal(mine._type, "archive");
    assert.equal(mine.body_html, item.body_html, "the rest of the item is kept");
    assert.equal(mine._etag, saved._etag);
    await refused(
      await editor.patch(`/api/archive_autosave/${item._id}`, { headline: "x" }, {
        etag: mine._etag,
      }),
      404,
    );
    const unchanged = await body(await writer.get(`/api/archive/${item._id}`));
    assert.equal(unchanged.headline, item.headline, "the item itself is untouched");
    await refused(
      await writer.post("/api/archive_autosave", { _id: "urn:nope", headline: "x" }),
      404,
    );
    await refused(await writer.post("/api/archive_autosave", { headline: "x" }), 400);
  },
);

contentTest(
  "a save removes the autosave; the holder's unlock saves it into the item",
  async (room) => {
    const { writer } = room;
    const item = await deskStory(room);
    const path = `/api/archive/${item._id}`;
    const locked = await body(await writer.post(`${path}/lock`, {}), 201);
    await body(await writer.post("/api/archive_autosave", { _id: item._id, headline: "a" }), 201);
    const saved = await body(
      await writer.patch(path, { headline: "Saved" }, { etag: locked._etag }),
    );
    await refused(await writer.get(`/api/archive_autosave/${item._id}`), 404);
    await body(
      await writer.post("/api/archive_autosave", { _id: item._id, headline: "Typed" }),
      201,
    );
    const unlocked = await body(await writer.post(`${path}/unlock`, {}), 201);
    assert.equal(unlocked.headline, "Typed");
    assert.equal(unlocked.lock_user ?? null, null);
    assert.equal(unlocked.version_creator, writer.userId);
    assert.equal(unlocked._current_version, saved._current_version + 1);
    await refused(await writer.get(`/api/archive_autosave/${item._id}`), 404);
    assert.equal((await body(await writer.get(path))).headline, "Typed");
  },
);

contentTest(
  "another user's unlock saves the holder's autosave as the holder's edit",
  async (room) => {
    const { writer, editor } = room;
    const item = await deskStory(room);
    const path = `/api/archive/${item._id}`;
    await body(await writer.post(`${path}/lock`, {}), 201);
    await body(
      await writer.post("/api/archive_autosave", { _id: item._id, headline: "Mine" }),
      201,
    );
    const unlocked = await body(await editor.post(`${path}/unlock`, {}), 201);
    assert.equal(unlocked.headline, "Mine");
    assert.equal(unlocked.version_creator, writer.userId);
    assert.equal(unlocked.lock_user ?? null, null);
  },
);

contentTest("an autosave never becomes someone else's edit", async (room) => {
  const { writer, editor } = room;
  const item = await deskStory(room);
  const path = `/api/archive/${item._id}`;
  await body(await editor.post("/api/archive_autosave", { _id: item._id, headline: "Hers" }), 201);
  await body(await writer.post(`${path}/lock`, {}), 201);
  await refused(await writer.get(`/api/archive_autosave/${item._id}`), 404);
  const unlocked = await body(await writer.post(`${path}/unlock`, {}), 201);
  assert.equal(unlocked.headline, item.headline, "the editor's autosave is dropped");
  await refused(await editor.get(`/api/archive_autosave/${item._id}`), 404);
  // Autosaves racing another user's lock: whichever wins, the locker's unlock never saves them.
  for (let round = 0; round < 3; round++) {
    const [autosave, lock] = await Promise.all([
      editor.post("/api/archive_autosave", { _id: item._id, headline: `Race ${round}` }),
      writer.post(`${path}/lock`, {}),
    ]);
    assert.ok([201, 403].includes(autosave.status), await autosave.text());
    await body(lock, 201);
    const after = await body(await writer.post(`${path}/unlock`, {}), 201);
    assert.equal(after.headline, item.headline);
  }
});

contentTest("DELETE removes an autosave with its etag", async (room) => {
  const { writer } = room;
  const item = await deskStory(room);
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const saved = await body(
    await writer.post("/api/archive_autosave", { _id: item._id, headline: "x" }),
    201,
  );
  await refused(await writer.delete(`/api/archive_autosave/${item._id}`), 428);
  const deleted = await writer.delete(`/api/archive_autosave/${item._id}`, { etag: saved._etag });
  assert.equal(deleted.status, 204);
  await refused(await writer.get(`/api/archive_autosave/${item._id}`), 404);
});

contentTest("when the session ends the autosave is saved into the item", async (room) => {
  const { writer } = room;
  const item = await deskStory(room);
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  await body(
    await writer.post("/api/archive_autosave", { _id: item._id, headline: "Kept on logout" }),
    201,
  );
  const logout = await writer.delete(`/api/auth/${writer.sessionId}`);
  assert.equal(logout.status, 204, await logout.text());
  const again = await writer.signInAgain();
  const stored = await body(await again.get(`/api/archive/${item._id}`));
  assert.equal(stored.headline, "Kept on logout");
  assert.equal(stored.lock_user ?? null, null);
  assert.equal(stored.version_creator, writer.userId);
  assert.equal(stored._current_version, item._current_version + 1);
  await refused(await again.get(`/api/archive_autosave/${item._id}`), 404);
});

contentTest("an autosave of a never-saved draft goes with the draft", async (room) => {
  const { writer, desk } = room;
  const draft = await body(
    await writer.post("/api/archive", { type: "text", version: 0, task: { desk: desk._id } }),
    201,
  );
  await body(await writer.post(`/api/archive/${draft._id}/lock`, {}), 201);
  await body(await writer.post("/api/archive_autosave", { _id: draft._id, headline: "x" }), 201);
  const unlocked = await body(await writer.post(`/api/archive/${draft._id}/unlock`, {}), 201);
  assert.equal(unlocked._deleted, true);
  await refused(await writer.get(`/api/archive_autosave/${draft._id}`), 404);
});
