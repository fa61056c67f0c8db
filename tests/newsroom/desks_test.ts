/** Desks and stages over HTTP: automatic stages, unique names, ordering, deletion rules. */
import assert from "node:assert/strict";
import { initializeNewsroomData } from "../../src/newsroom/initialize_newsroom_data.ts";
import { body, deskStory, eventsNamed, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest("POST /api/desks creates its incoming and working stages", async (room) => {
  const { desk, editor } = room;
  assert.equal(desk.desk_type, "authoring");
  const stages = await body(await editor.get(`/api/stages?where={"desk":"${desk._id}"}`));
  const byId = new Map(stages._items.map((stage: { _id: string }) => [stage._id, stage]));
  const incoming = byId.get(desk.incoming_stage) as Record<string, unknown>;
  const working = byId.get(desk.working_stage) as Record<string, unknown>;
  assert.equal(incoming.name, "Incoming Stage");
  assert.equal(incoming.default_incoming, true);
  assert.equal(working.name, "Working Stage");
  assert.equal(working.working_stage, true);
  assert.deepEqual(stages._items.map((stage: { desk_order: number }) => stage.desk_order), [1, 2]);
  assert.ok((await eventsNamed(room, "desk")).some((event) => event.extra.desk_id === desk._id));
});

newsroomTest("desk names are unique ignoring case and members are de-duplicated", async (room) => {
  const { editor, writer } = room;
  await refused(await editor.post("/api/desks", { name: "POLITICS" }), 400);
  const created = await body(
    await editor.post("/api/desks", {
      name: "Sport",
      members: [{ user: writer.userId }, { user: writer.userId }],
    }),
    201,
  );
  const desk = await body(await editor.get(`/api/desks/${created._id}`));
  assert.deepEqual(desk.members, [{ user: writer.userId }]);
  await refused(await writer.post("/api/desks", { name: "News" }), 403);
});

newsroomTest("stage names are unique per desk and stages_order reorders them", async (room) => {
  const { editor, desk } = room;
  await refused(
    await editor.post("/api/stages", { name: "working stage", desk: desk._id }),
    400,
  );
  const ready = await body(
    await editor.post("/api/stages", { name: "Ready", desk: desk._id }),
    201,
  );
  const order = [ready._id, desk.working_stage, desk.incoming_stage];
  await body(await editor.post("/api/stages_order", { desk: desk._id, stages: order }), 201);
  const stages = await body(
    await editor.get(`/api/stages?where={"desk":"${desk._id}"}&sort=desk_order`),
  );
  assert.deepEqual(stages._items.map((stage: { _id: string }) => stage._id), order);
  assert.ok((await eventsNamed(room, "stage")).some((event) => event.extra.stage_id === ready._id));
});

newsroomTest(
  "the incoming stage, the working stage and used stages cannot be deleted",
  async (room) => {
    const { editor, desk } = room;
    const incoming = await body(await editor.get(`/api/stages/${desk.incoming_stage}`));
    await refused(
      await editor.delete(`/api/stages/${desk.incoming_stage}`, { etag: incoming._etag }),
      412,
      "Cannot delete a Incoming Stage.",
    );
    const working = await body(await editor.get(`/api/stages/${desk.working_stage}`));
    await refused(
      await editor.delete(`/api/stages/${desk.working_stage}`, { etag: working._etag }),
      412,
      "Cannot delete a Working Stage.",
    );
    const spare = await body(
      await editor.post("/api/stages", { name: "Spare", desk: desk._id }),
      201,
    );
    await deskStory(room, { task: { desk: desk._id, stage: spare._id } });
    await refused(
      await editor.delete(`/api/stages/${spare._id}`, { etag: spare._etag }),
      412,
      "Cannot delete stage as it has article(s) or referenced by versions of the article(s).",
    );
  },
);

newsroomTest(
  "a desk with content cannot be deleted; an empty one takes its stages along",
  async (room) => {
    const { editor, desk } = room;
    await deskStory(room);
    await refused(
      await editor.delete(`/api/desks/${desk._id}`, { etag: desk._etag }),
      412,
      "Cannot delete desk as it has article(s) or referenced by versions of the article(s).",
    );
    const empty = await body(await editor.post("/api/desks", { name: "Empty" }), 201);
    const deleted = await editor.delete(`/api/desks/${empty._id}`, { etag: empty._etag });
    assert.equal(deleted.status, 204);
    const stages = await body(await editor.get(`/api/stages?where={"desk":"${empty._id}"}`));
    assert.equal(stages._meta.total, 0);
  },
);

newsroomTest("GET /api/users/<id>/desks lists the desks the user is a member of", async (room) => {
  const { writer, outsider, desk } = room;
  const mine = await body(await writer.get(`/api/users/${writer.userId}/desks`));
  assert.deepEqual(mine._items.map((item: { _id: string }) => item._id), [desk._id]);
  const none = await body(await writer.get(`/api/users/${outsider.userId}/desks`));
  assert.equal(none._meta.total, 0);
});

newsroomTest("initializeNewsroomData creates a sample desk once", async ({ app, editor }) => {
  const first = await initializeNewsroomData(app.platform.registry);
  const second = await initializeNewsroomData(app.platform.registry);
  assert.equal(first.deskCreated, true);
  assert.equal(second.deskCreated, false);
  assert.equal(second.deskId, first.deskId);
  const stages = await body(await editor.get(`/api/stages?where={"desk":"${first.deskId}"}`));
  assert.deepEqual(
    stages._items.map((stage: { name: string }) => stage.name).sort(),
    ["Incoming Stage", "Ready", "Working Stage"],
  );
});
