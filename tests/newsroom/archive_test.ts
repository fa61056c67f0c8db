/** Content items over HTTP: creation, edits, validation, the state on save, versions, restore. */
import assert from "node:assert/strict";
import { body, createStory, deskStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest("POST /api/archive fills Superdesk's fields", async ({ writer, desk }) => {
  const item = await createStory(writer, {
    headline: "Budget vote",
    body_html: "<p>The budget &amp; the <b>vote</b> passed, 51 to 49.</p>",
    task: { desk: desk._id },
  });
  assert.match(item._id, /^urn:newsml:localhost:/);
  assert.equal(item.guid, item._id);
  assert.equal(item.family_id, item._id);
  assert.equal(item.type, "text");
  assert.equal(item.state, "draft");
  assert.equal(item.operation, "create");
  assert.equal(item.language, "en");
  assert.equal(item.original_creator, writer.userId);
  assert.equal(item.version_creator, writer.userId);
  assert.equal(item.word_count, 8);
  assert.equal(item._current_version, 1);
  assert.deepEqual(item.task, { desk: desk._id, stage: desk.incoming_stage, user: writer.userId });
  assert.ok(Date.parse(item.firstcreated) > 0 && Date.parse(item.versioncreated) > 0);
});

newsroomTest("POST /api/archive validates fields and refuses server-owned ones", async (room) => {
  const { writer, outsider, desk } = room;
  const invalid = await refused(
    await writer.post("/api/archive", { urgency: "high", colour: "red" }),
    400,
  );
  assert.deepEqual(invalid._issues, {
    urgency: "must be of integer type",
    colour: "unknown field",
  });
  const owned = await refused(await writer.post("/api/archive", { lock_user: writer.userId }), 400);
  assert.deepEqual(owned._issues, { lock_user: "field is read-only" });
  await refused(await writer.post("/api/archive", { state: "published" }), 400, /"published"/);
  // A state of the workflow before publishing, as Superdesk's specs create items.
  const fetched = await body(await writer.post("/api/archive", { state: "fetched" }), 201);
  assert.equal(fetched.state, "fetched");
  await refused(
    await outsider.post("/api/archive", { task: { desk: desk._id } }),
    403,
    `User is not member of desk: ${desk._id}`,
  );
  await refused(
    await writer.post("/api/archive", { task: { desk: "0123456789abcdef01234567" } }),
    404,
    "Invalid desk identifier 0123456789abcdef01234567",
  );
});

newsroomTest(
  "an edit on a desk moves the item to in_progress, in personal space to draft",
  async (room) => {
    const { writer } = room;
    const onDesk = await deskStory(room);
    const edited = await body(
      await writer.patch(`/api/archive/${onDesk._id}`, {
        headline: "Budget passes",
        body_html: "<p>One two three</p>",
      }, {
        etag: onDesk._etag,
      }),
    );
    assert.equal(edited._current_version, 2);
    const stored = await body(await writer.get(`/api/archive/${onDesk._id}`));
    assert.equal(stored.state, "in_progress");
    assert.equal(stored.operation, "update");
    assert.equal(stored.headline, "Budget passes");
    assert.equal(stored.word_count, 3);
    assert.equal(stored.version, 2);

    const personal = await createStory(writer, { headline: "Notes" });
    const saved = await body(
      await writer.patch(`/api/archive/${personal._id}`, { headline: "My notes" }, {
        etag: personal._etag,
      }),
    );
    assert.equal((await body(await writer.get(`/api/archive/${saved._id}`))).state, "draft");
  },
);

newsroomTest("an edit cannot set the state", async (room) => {
  const { writer } = room;
  const item = await deskStory(room);
  // As Superdesk's `update_state`: the server decides the state an edit leaves.
  const edited = await body(
    await writer.patch(`/api/archive/${item._id}`, { state: "published" }, { etag: item._etag }),
  );
  assert.equal(edited.state, "in_progress");
  await refused(await writer.patch(`/api/archive/${item._id}`, { headline: "x" }), 428);
  await refused(
    await writer.patch(`/api/archive/${item._id}`, { headline: "x" }, { etag: "stale" }),
    412,
  );
});

newsroomTest("every write is versioned and ?version=all lists the versions", async (room) => {
  const { writer } = room;
  const item = await deskStory(room);
  const edited = await body(
    await writer.patch(`/api/archive/${item._id}`, { headline: "Second" }, { etag: item._etag }),
  );
  await body(
    await writer.patch(`/api/archive/${item._id}`, { headline: "Third" }, { etag: edited._etag }),
  );
  const versions = await body(await writer.get(`/api/archive/${item._id}?version=all`));
  assert.deepEqual(
    versions._items.map((v: { headline: string; _current_version: number }) => [
      v._current_version,
      v.headline,
    ]),
    [[1, "Budget vote"], [2, "Second"], [3, "Third"]],
  );
  const second = await body(await writer.get(`/api/archive/${item._id}?version=2`));
  assert.equal(second.headline, "Second");
});

newsroomTest(
  "PUT with old_version and last_version restores a version as a new one",
  async (room) => {
    const { writer } = room;
    const item = await deskStory(room);
    const edited = await body(
      await writer.patch(`/api/archive/${item._id}`, { headline: "Wrong" }, { etag: item._etag }),
    );
    await refused(
      await writer.put(`/api/archive/${item._id}`, { old_version: 1, last_version: 1 }, {
        etag: edited._etag,
      }),
      412,
      "Invalid last version 1",
    );
    await refused(
      await writer.put(`/api/archive/${item._id}`, { old_version: 7, last_version: 2 }, {
        etag: edited._etag,
      }),
      404,
      "Invalid version 7",
    );
    const restored = await body(
      await writer.put(`/api/archive/${item._id}`, { old_version: 1, last_version: 2 }, {
        etag: edited._etag,
      }),
    );
    assert.equal(restored._current_version, 3);
    const stored = await body(await writer.get(`/api/archive/${item._id}`));
    assert.equal(stored.headline, "Budget vote");
    assert.equal(stored.operation, "restore");
    assert.equal(stored.state, "in_progress");
    assert.equal(stored.original_creator, writer.userId);
    const third = await body(await writer.get(`/api/archive/${item._id}?version=3`));
    assert.equal(third.headline, "Budget vote");
  },
);

newsroomTest("lists hide never-saved drafts and personal space lists own items", async (room) => {
  const { writer } = room;
  const unsaved = await createStory(writer, { headline: "Unsaved", version: 0 });
  assert.equal(unsaved._current_version, 0);
  const saved = await createStory(writer, { headline: "Saved" });
  const list = await body(await writer.get("/api/archive"));
  const ids = list._items.map((item: { _id: string }) => item._id);
  assert.ok(ids.includes(saved._id) && !ids.includes(unsaved._id));
  const personal = await body(await writer.get(`/api/users/${writer.userId}/content`));
  assert.deepEqual(personal._items.map((item: { _id: string }) => item._id), [saved._id]);
});
