/** Locking over HTTP: Superdesk's rules and messages, races, force-unlock, sessions, workqueue. */
import assert from "node:assert/strict";
import { awaitEvent, body, createStory, deskStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest(
  "POST /lock locks the item for the caller's session and announces it",
  async (room) => {
    const { writer } = room;
    const item = await deskStory(room);
    const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
    assert.equal(locked.lock_user, writer.userId);
    assert.equal(locked.lock_session, writer.sessionId);
    assert.equal(locked.lock_action, "edit");
    assert.equal(locked.task.user, writer.userId);
    assert.equal(locked._links.self.href, `/archive/${item._id}`);
    assert.equal(locked._current_version, item._current_version);
    assert.notEqual(locked._etag, item._etag);
    const event = await awaitEvent(room, "item:lock", (extra) => extra.item === item._id);
    assert.deepEqual({ ...event.extra, lock_time: undefined }, {
      item: item._id,
      item_version: "1",
      user: writer.userId,
      lock_session: writer.sessionId,
      lock_time: undefined,
      _etag: locked._etag,
    });
  },
);

newsroomTest("a lock held elsewhere refuses with Superdesk's messages", async (room) => {
  const { writer, editor } = room;
  const item = await deskStory(room);
  await body(await writer.post(`/api/archive/${item._id}/lock`, { lock_action: "edit" }), 201);
  await refused(
    await editor.post(`/api/archive/${item._id}/lock`, {}),
    403,
    "Item is locked by another user.",
  );
  const elsewhere = await writer.signInAgain();
  await refused(
    await elsewhere.post(`/api/archive/${item._id}/lock`, {}),
    403,
    "Item is locked by you in another session.",
  );
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
});

newsroomTest(
  "PATCH by anyone but the lock holder is refused (Superdesk's 400 for a 403)",
  async (room) => {
    const { writer, editor } = room;
    const item = await deskStory(room);
    const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
    const error = await refused(
      await editor.patch(`/api/archive/${item._id}`, { headline: "Mine" }, { etag: locked._etag }),
      400,
      "The item was locked by another user",
    );
    assert.equal(error._issues["validator exception"], "403: The item was locked by another user");
    await body(
      await writer.patch(`/api/archive/${item._id}`, { headline: "Edited" }, {
        etag: locked._etag,
      }),
    );
  },
);

newsroomTest("of clients racing to lock one item exactly one wins", async (room) => {
  const { writer, editor } = room;
  const second = await writer.signInAgain();
  for (let round = 0; round < 3; round++) {
    const item = await deskStory(room);
    const responses = await Promise.all(
      [writer, second, editor].map((client) => client.post(`/api/archive/${item._id}/lock`, {})),
    );
    const statuses = responses.map((response) => response.status).sort();
    assert.deepEqual(statuses, [201, 403, 403]);
    for (const response of responses) await response.body?.cancel();
  }
});

newsroomTest("unlock: not locked is 400, others' locks need the unlock privilege", async (room) => {
  const { writer, editor } = room;
  const item = await deskStory(room);
  await refused(
    await writer.post(`/api/archive/${item._id}/unlock`, {}),
    400,
    "Item is not locked.",
  );
  await body(await editor.post(`/api/archive/${item._id}/lock`, {}), 201);
  await refused(
    await writer.post(`/api/archive/${item._id}/unlock`, {}),
    403,
    "You don't have permissions to unlock an item.",
  );
  await body(await editor.post(`/api/archive/${item._id}/unlock`, {}), 201);
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const forced = await body(await editor.post(`/api/archive/${item._id}/unlock`, {}), 201);
  assert.equal(forced.lock_user, null);
  assert.equal(forced.lock_session, null);
  const event = await awaitEvent(room, "item:unlock", (extra) => extra.user === editor.userId);
  assert.equal(event.extra.item, item._id);
  assert.equal(event.extra.state, "draft");
  assert.equal(event.extra.lock_session, editor.sessionId);
});

newsroomTest("the holder may unlock from another session", async (room) => {
  const { writer } = room;
  const item = await deskStory(room);
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const elsewhere = await writer.signInAgain();
  const unlocked = await body(await elsewhere.post(`/api/archive/${item._id}/unlock`, {}), 201);
  assert.equal(unlocked.lock_user, null);
});

newsroomTest("unlocking a never-saved draft deletes it", async (room) => {
  const { writer } = room;
  const draft = await createStory(writer, { version: 0 });
  await body(await writer.post(`/api/archive/${draft._id}/lock`, {}), 201);
  const result = await body(await writer.post(`/api/archive/${draft._id}/unlock`, {}), 201);
  assert.equal(result._deleted, true);
  await refused(await writer.get(`/api/archive/${draft._id}`), 404);
});

newsroomTest("logging out releases the session's locks at once", async (room) => {
  const { writer, editor } = room;
  const item = await deskStory(room);
  const other = await deskStory(room);
  await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  await body(await writer.post(`/api/archive/${other._id}/lock`, {}), 201);
  const logout = await writer.delete(`/api/auth/${writer.sessionId}`);
  assert.equal(logout.status, 204);
  await awaitEvent(room, "item:unlock", (extra) => extra.item === item._id);
  await body(await editor.post(`/api/archive/${item._id}/lock`, {}), 201);
  const stored = await body(await editor.get(`/api/archive/${other._id}`));
  assert.equal(stored.lock_user, null);
  await awaitEvent(room, "item:unlock", (extra) => extra.item === other._id);
});

newsroomTest("the workqueue lists the caller's locked items, not spiked ones", async (room) => {
  const { writer, editor } = room;
  const first = await deskStory(room);
  const second = await deskStory(room);
  await body(await writer.post(`/api/archive/${first._id}/lock`, {}), 201);
  const locked = await body(await writer.post(`/api/archive/${second._id}/lock`, {}), 201);
  const mine = await body(await writer.get("/api/workqueue"));
  assert.deepEqual(
    mine._items.map((item: { _id: string }) => item._id).sort(),
    [first._id, second._id].sort(),
  );
  assert.equal((await body(await editor.get("/api/workqueue")))._meta.total, 0);
  await body(await writer.patch(`/api/archive/spike/${second._id}`, {}, { etag: locked._etag }));
  const after = await body(await writer.get("/api/workqueue"));
  assert.deepEqual(after._items.map((item: { _id: string }) => item._id), [first._id]);
});
