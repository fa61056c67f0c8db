/** The activity log: written as the newsroom works, visible by the content rules, marked read. */
import assert from "node:assert/strict";
import { awaitEvent, body, deskStory, newsroomTest, refused } from "../newsroom/_newsroom.ts";

const messages = (list: { _items: { message: string }[] }) =>
  list._items.map((entry) => entry.message);

newsroomTest("item create, lock, move and spike are recorded for the desk", async (room) => {
  const { editor, writer, desk } = room;
  const item = await deskStory(room, { headline: "Budget vote" });
  const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  await body(await writer.post(`/api/archive/${item._id}/unlock`, {}), 201);
  await body(
    await writer.post(`/api/archive/${item._id}/move`, {
      task: { desk: desk._id, stage: desk.incoming_stage },
    }),
    201,
  );
  const moved = await body(await writer.get(`/api/archive/${item._id}`));
  await body(
    await writer.patch(`/api/archive/spike/${item._id}`, { state: "spiked" }, {
      etag: moved._etag,
    }),
  );
  assert.ok(locked.lock_user);
  const where = encodeURIComponent(JSON.stringify({ item: item._id }));
  const log = await body(await editor.get(`/api/activity?where=${where}&sort=_created`));
  assert.deepEqual(messages(log), [
    'added new {{ type }} item about "{{ subject }}"',
    'locked {{ type }} item about "{{ subject }}"',
    'moved {{ type }} item about "{{ subject }}" to {{ desk }}',
    'spiked {{ type }} item about "{{ subject }}"',
  ]);
  assert.ok(log._items.every((entry: { desk: string }) => entry.desk === desk._id));
  assert.equal(log._items[2].data.desk, "Politics");
  assert.equal(log._items[0].user, writer.userId);
});

newsroomTest(
  "a desk's activity is hidden from non-members, personal items' from others",
  async (room) => {
    const { outsider, writer, editor } = room;
    const item = await deskStory(room);
    const mine = await body(await writer.post("/api/archive", { headline: "Private notes" }), 201);
    const where = (id: string) => encodeURIComponent(JSON.stringify({ item: id }));
    assert.equal(
      (await body(await outsider.get(`/api/activity?where=${where(item._id)}`)))._meta.total,
      0,
    );
    assert.equal(
      (await body(await editor.get(`/api/activity?where=${where(mine._id)}`)))._meta.total,
      0,
    );
    assert.equal(
      (await body(await writer.get(`/api/activity?where=${where(mine._id)}`)))._meta.total,
      1,
    );
    const listed = await body(await editor.get(`/api/activity?where=${where(item._id)}`));
    await refused(await outsider.get(`/api/activity/${listed._items[0]._id}`), 404);
  },
);

newsroomTest("a mention notifies the user, who alone may mark it read, once", async (room) => {
  const { editor, writer, events } = room;
  const item = await deskStory(room);
  await body(
    await writer.post("/api/item_comments", { text: "@editor please check", item: item._id }),
    201,
  );
  const mine = encodeURIComponent(JSON.stringify({ "recipients.user_id": editor.userId }));
  const [note] = (await body(await editor.get(`/api/activity?where=${mine}`)))._items;
  assert.equal(note.name, "user:mention");
  assert.deepEqual(note.recipients, [{ user_id: editor.userId, read: false }]);
  const event = await awaitEvent(room, "activity", (extra) => extra.activity._id === note._id);
  assert.deepEqual(event.extra._dest, [{ user_id: editor.userId, read: false }]);
  assert.equal("message" in (event.extra.activity as object), false, "ids, not content");
  assert.ok(events.items.length > 0);

  const read = [{ user_id: editor.userId, read: true }];
  // Refused by the PATCH hook: Eve's 400 carrying Superdesk's 403 (the wire dialect).
  const denied = await refused(
    await writer.patch(`/api/activity/${note._id}`, { recipients: read }, {
      etag: note._etag,
    }),
    400,
  );
  assert.equal(denied._issues["validator exception"], "403: User is not in the notification list");
  await refused(
    await editor.patch(`/api/activity/${note._id}`, { message: "x" }, {
      etag: note._etag,
    }),
    400,
  );
  const marked = await body(
    await editor.patch(`/api/activity/${note._id}`, { recipients: read }, {
      etag: note._etag,
    }),
  );
  await refused(
    await editor.patch(`/api/activity/${note._id}`, {
      recipients: [{ user_id: editor.userId, read: false }],
    }, { etag: marked._etag }),
    400,
  );
  await refused(
    await editor.patch(`/api/activity/${note._id}`, {
      recipients: [...read, { user_id: writer.userId, read: true }],
    }, { etag: marked._etag }),
    400,
  );
});

newsroomTest("a desk mention notifies its members", async (room) => {
  const { editor, writer, outsider, desk } = room;
  const item = await deskStory(room);
  await body(
    await writer.post("/api/item_comments", { text: "for #Politics", item: item._id }),
    201,
  );
  const forDesk = encodeURIComponent(JSON.stringify({ "recipients.desk_id": desk._id }));
  const [note] = (await body(await editor.get(`/api/activity?where=${forDesk}`)))._items;
  assert.equal(note.name, "desk:mention");
  assert.equal((await body(await outsider.get(`/api/activity?where=${forDesk}`)))._meta.total, 0);
  await body(
    await editor.patch(`/api/activity/${note._id}`, {
      recipients: [{ desk_id: desk._id, user_id: editor.userId, read: true }],
    }, { etag: note._etag }),
  );
  await refused(
    await outsider.patch(`/api/activity/${note._id}`, {
      recipients: [{ desk_id: desk._id, user_id: outsider.userId, read: true }],
    }, { etag: note._etag }),
    404,
  );
});
