/** Spike, unspike and move over HTTP: allowed states, revert_state, expiry, locations. */
import assert from "node:assert/strict";
import { body, createStory, deskStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest("spike keeps the state to revert to, clears the lock and versions", async (room) => {
  const { writer } = room;
  const item = await deskStory(room);
  const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  await refused(await writer.patch(`/api/archive/spike/${item._id}`, { state: "spiked" }), 428);
  await refused(
    await writer.patch(`/api/archive/spike/${item._id}`, { state: "spiked" }, { etag: "stale" }),
    412,
  );
  const spiked = await body(
    await writer.patch(`/api/archive/spike/${item._id}`, { state: "spiked" }, {
      etag: locked._etag,
    }),
  );
  assert.equal(spiked.state, "spiked");
  assert.equal(spiked.revert_state, "draft");
  assert.equal(spiked.operation, "spike");
  assert.equal(spiked.lock_user, null);
  assert.equal(spiked._current_version, 2);
  assert.notEqual(spiked.event_id, item.event_id);
  await refused(
    await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: spiked._etag }),
    400,
    'Workflow transition is invalid: cannot spike an item in state "spiked"',
  );
  await refused(
    await writer.patch(`/api/archive/${item._id}`, { headline: "x" }, { etag: spiked._etag }),
    400,
    'Workflow transition is invalid: cannot save an item in state "spiked"',
  );
});

newsroomTest(
  "spike needs the privilege and refuses while another user holds the lock",
  async (room) => {
    const { writer, editor } = room;
    const item = await deskStory(room);
    const locked = await body(await editor.post(`/api/archive/${item._id}/lock`, {}), 201);
    await refused(
      await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: locked._etag }),
      403,
      "The item was locked by another user",
    );
    await refused(
      await writer.patch(`/api/archive/unspike/${item._id}`, {}, { etag: locked._etag }),
      403,
      'Insufficient privileges: "unspike" is required',
    );
  },
);

newsroomTest("unspike restores the state and puts the item on the incoming stage", async (room) => {
  const { writer, editor, desk } = room;
  const item = await deskStory(room);
  const edited = await body(
    await writer.patch(`/api/archive/${item._id}`, { headline: "Edited" }, { etag: item._etag }),
  );
  const spiked = await body(
    await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: edited._etag }),
  );
  await refused(
    await editor.patch(`/api/archive/unspike/${item._id}`, {}, { etag: item._etag }),
    412,
  );
  const unspiked = await body(
    await editor.patch(`/api/archive/unspike/${item._id}`, {}, { etag: spiked._etag }),
  );
  assert.equal(unspiked.state, "in_progress");
  assert.equal(unspiked.revert_state, null);
  assert.equal(unspiked.operation, "unspike");
  assert.equal(unspiked.task.desk, desk._id);
  assert.equal(unspiked.task.stage, desk.incoming_stage);
  assert.equal(unspiked.task.user, null);
  await refused(
    await editor.patch(`/api/archive/unspike/${item._id}`, {}, { etag: unspiked._etag }),
    400,
    'Workflow transition is invalid: cannot unspike an item in state "in_progress"',
  );
});

newsroomTest("spiked items get the spike expiry of their stage or desk", async (room) => {
  const { writer, editor, desk } = room;
  const stage = await body(
    await editor.post("/api/stages", { name: "Short", desk: desk._id, content_expiry: 60 }),
    201,
  );
  const item = await deskStory(room, { task: { desk: desk._id, stage: stage._id } });
  assert.ok(Math.abs(Date.parse(item.expiry) - Date.now() - 3_600_000) < 120_000);
  const personal = await createStory(writer);
  assert.equal(personal.expiry, null);
  const spiked = await body(
    await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: item._etag }),
  );
  assert.ok(Math.abs(Date.parse(spiked.expiry) - Date.now() - 3_600_000) < 120_000);
});

newsroomTest("move submits the item to another stage and keeps its desk history", async (room) => {
  const { writer, editor, desk } = room;
  const item = await deskStory(room);
  await refused(
    await writer.post(`/api/archive/${item._id}/move`, {
      task: { desk: desk._id, stage: desk.working_stage },
    }),
    412,
    "Move is not allowed within the same stage.",
  );
  await refused(await writer.post(`/api/archive/${item._id}/move`, { task: {} }), 400);
  const moved = await body(
    await writer.post(`/api/archive/${item._id}/move`, {
      task: { desk: desk._id, stage: desk.incoming_stage },
    }),
    201,
  );
  assert.equal(moved.state, "submitted");
  assert.equal(moved.operation, "move");
  assert.equal(moved.task.stage, desk.incoming_stage);
  assert.equal(moved._current_version, 2);

  const created = await body(
    await editor.post("/api/desks", { name: "Sport", members: [{ user: editor.userId }] }),
    201,
  );
  const sport = await body(await editor.get(`/api/desks/${created._id}`));
  await refused(
    await writer.post(`/api/archive/${item._id}/move`, {
      task: { desk: sport._id, stage: sport.incoming_stage },
    }),
    403,
    `User is not member of desk: ${sport._id}`,
  );
  const sent = await body(
    await editor.post(`/api/archive/${item._id}/move`, {
      task: { desk: sport._id, stage: sport.incoming_stage },
    }),
    201,
  );
  assert.equal(sent.task.desk, sport._id);
  assert.equal(sent.task.stage, sport.incoming_stage);
  assert.equal(sent.task.last_desk, desk._id);
  assert.deepEqual(sent.task.desk_history, [desk._id]);
});

newsroomTest("moving a personal draft to a desk, and spiked items cannot move", async (room) => {
  const { writer, desk } = room;
  const personal = await createStory(writer, { headline: "Idea" });
  const moved = await body(
    await writer.post(`/api/archive/${personal._id}/move`, {
      task: { desk: desk._id, stage: desk.incoming_stage },
    }),
    201,
  );
  assert.equal(moved.state, "submitted");
  assert.equal(moved.task.stage, desk.incoming_stage);
  const spiked = await body(
    await writer.patch(`/api/archive/spike/${personal._id}`, {}, { etag: moved._etag }),
  );
  await refused(
    await writer.post(`/api/archive/${spiked._id}/move`, {
      task: { desk: desk._id, stage: desk.working_stage },
    }),
    400,
    'Workflow transition is invalid: cannot move an item in state "spiked"',
  );
});
