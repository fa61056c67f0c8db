/**
 * Issue 7's "done means": a story written, locked, edited, moved through stages, spiked and
 * restored by two users in two sessions, entirely through the API; plus plain PUT and
 * read-only stages.
 */
import assert from "node:assert/strict";
import { body, createStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest("two users in two sessions take a story through its life", async (room) => {
  const { writer, editor, desk } = room;
  const laptop = await writer.signInAgain();
  const ready = await body(
    await editor.post("/api/stages", { name: "Ready", desk: desk._id }),
    201,
  );

  const story = await createStory(writer, {
    headline: "Flood",
    task: { desk: desk._id, stage: desk.working_stage },
  });
  const locked = await body(await writer.post(`/api/archive/${story._id}/lock`, {}), 201);
  await refused(
    await laptop.post(`/api/archive/${story._id}/lock`, {}),
    403,
    "Item is locked by you in another session.",
  );
  await refused(
    await editor.post(`/api/archive/${story._id}/lock`, {}),
    403,
    "Item is locked by another user.",
  );
  const saved = await body(
    await writer.patch(`/api/archive/${story._id}`, { body_html: "<p>Rivers rose.</p>" }, {
      etag: locked._etag,
    }),
  );
  await body(await writer.post(`/api/archive/${story._id}/unlock`, {}), 201);

  const moved = await body(
    await writer.post(`/api/archive/${story._id}/move`, {
      task: { desk: desk._id, stage: ready._id },
    }),
    201,
  );
  assert.equal(moved.state, "submitted");
  const editing = await body(await editor.post(`/api/archive/${story._id}/lock`, {}), 201);
  await refused(
    await writer.patch(`/api/archive/${story._id}`, { headline: "x" }, { etag: editing._etag }),
    400,
    "The item was locked by another user",
  );
  const edited = await body(
    await editor.patch(`/api/archive/${story._id}`, { headline: "Flood warning" }, {
      etag: editing._etag,
    }),
  );
  const spiked = await body(
    await editor.patch(`/api/archive/spike/${story._id}`, {}, { etag: edited._etag }),
  );
  assert.equal(spiked.lock_user, null);
  const unspiked = await body(
    await editor.patch(`/api/archive/unspike/${story._id}`, {}, { etag: spiked._etag }),
  );
  assert.equal(unspiked.state, "in_progress");
  assert.equal(unspiked.task.stage, desk.incoming_stage);

  const relock = await body(await laptop.post(`/api/archive/${story._id}/lock`, {}), 201);
  const restored = await body(
    await laptop.put(`/api/archive/${story._id}`, {
      old_version: saved._current_version,
      last_version: relock._current_version,
    }, { etag: relock._etag }),
  );
  const final = await body(await editor.get(`/api/archive/${restored._id}`));
  assert.equal(final.headline, "Flood");
  assert.equal(final.body_html, "<p>Rivers rose.</p>");
  assert.equal(final.lock_session, laptop.sessionId);
  const versions = await body(await editor.get(`/api/archive/${story._id}?version=all`));
  assert.equal(versions._meta.total, final._current_version);
});

newsroomTest("a plain PUT keeps the server's fields and respects the lock", async (room) => {
  const { writer, editor, desk } = room;
  const story = await createStory(writer, { headline: "One", task: { desk: desk._id } });
  const locked = await body(await editor.post(`/api/archive/${story._id}/lock`, {}), 201);
  await refused(
    await writer.put(`/api/archive/${story._id}`, { headline: "Two" }, { etag: locked._etag }),
    400,
    "The item was locked by another user",
  );
  await body(await editor.post(`/api/archive/${story._id}/unlock`, {}), 201);
  const current = await body(await writer.get(`/api/archive/${story._id}`));
  await body(
    await writer.put(`/api/archive/${story._id}`, { headline: "Two" }, { etag: current._etag }),
  );
  const replaced = await body(await writer.get(`/api/archive/${story._id}`));
  assert.equal(replaced.headline, "Two");
  assert.equal(replaced.original_creator, writer.userId);
  assert.equal(replaced.task.desk, desk._id);
  assert.equal(replaced.state, "in_progress");
});

newsroomTest("a read-only stage refuses new and edited content with 403", async (room) => {
  const { writer, editor, desk } = room;
  const archive = await body(
    await editor.post("/api/stages", { name: "Archive", desk: desk._id, local_readonly: true }),
    201,
  );
  const error = await refused(
    await writer.post("/api/archive", { task: { desk: desk._id, stage: archive._id } }),
    403,
  );
  assert.deepEqual(error._issues, { readonly: true });
});
