/**
 * The events each action publishes (names and extras as Superdesk's), on the bus and, end to
 * end, on a real WebSocket client.
 */
import assert from "node:assert/strict";
import { connectClient, startWsServer } from "../ws/_ws_harness.ts";
import { awaitEvent, body, createStory, deskStory, type Json, newsroomTest } from "./_newsroom.ts";

newsroomTest(
  "create and edit push content:update naming the item, desk and stage",
  async (room) => {
    const { writer, desk } = room;
    const item = await deskStory(room);
    const created = await awaitEvent(room, "content:update", (extra) => item._id in extra.items);
    assert.deepEqual(created.extra, {
      user: writer.userId,
      items: { [item._id]: 1 },
      desks: { [desk._id]: 1 },
      stages: { [desk.working_stage]: 1 },
    });
    await body(
      await writer.patch(`/api/archive/${item._id}`, { headline: "New" }, { etag: item._etag }),
    );
    await room.events.until(
      () =>
        room.events.items.filter((e) => e.event === "content:update").filter((e) =>
          item._id in (e.extra as Json).items
        )
          .length >= 2,
      "content:update after the edit",
    );
  },
);

newsroomTest("move pushes item:move and content:update with both locations", async (room) => {
  const { writer, desk } = room;
  const item = await deskStory(room);
  await body(
    await writer.post(`/api/archive/${item._id}/move`, {
      task: { desk: desk._id, stage: desk.incoming_stage },
    }),
    201,
  );
  const move = await awaitEvent(room, "item:move");
  assert.deepEqual(move.extra, {
    user: writer.userId,
    item: item._id,
    item_version: "1",
    from_desk: desk._id,
    from_stage: desk.working_stage,
    to_desk: desk._id,
    to_stage: desk.incoming_stage,
  });
  const update = await awaitEvent(
    room,
    "content:update",
    (extra) => Object.keys(extra.stages).length === 2,
  );
  assert.deepEqual(update.extra.stages, { [desk.working_stage]: 1, [desk.incoming_stage]: 1 });
});

newsroomTest("spike and unspike push item:spike, item:unlock and item:unspike", async (room) => {
  const { writer, editor } = room;
  const item = await deskStory(room);
  const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const spiked = await body(
    await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: locked._etag }),
  );
  const spike = await awaitEvent(room, "item:spike");
  assert.deepEqual(spike.extra, { item: item._id, user: writer.userId });
  const unlock = await awaitEvent(room, "item:unlock");
  assert.equal(unlock.extra.item, item._id);
  assert.equal(unlock.extra.state, "spiked");
  await body(await editor.patch(`/api/archive/unspike/${item._id}`, {}, { etag: spiked._etag }));
  const unspike = await awaitEvent(room, "item:unspike");
  assert.deepEqual(unspike.extra, { item: item._id, user: editor.userId });
});

newsroomTest(
  "desk and stage changes push desk, stage and stage_visibility_updated",
  async (room) => {
    const { editor, desk } = room;
    const stage = await body(
      await editor.post("/api/stages", { name: "Review", desk: desk._id }),
      201,
    );
    const created = await awaitEvent(room, "stage", (extra) => extra.stage_id === stage._id);
    assert.deepEqual(created.extra, {
      created: 1,
      stage_id: stage._id,
      desk_id: desk._id,
      is_visible: true,
    });
    await body(
      await editor.patch(`/api/stages/${stage._id}`, { is_visible: false }, {
        etag: stage._etag,
      }),
    );
    const hidden = await awaitEvent(room, "stage_visibility_updated");
    assert.deepEqual(hidden.extra, {
      updated: 1,
      stage_id: stage._id,
      desk_id: desk._id,
      is_visible: false,
    });
    await body(
      await editor.patch(`/api/desks/${desk._id}`, { description: "Votes" }, {
        etag: desk._etag,
      }),
    );
    const updated = await awaitEvent(room, "desk", (extra) => extra.updated === 1);
    assert.deepEqual(updated.extra, { updated: 1, desk_id: desk._id });
  },
);

newsroomTest("a WebSocket client receives the events of a story's life", async (room) => {
  const { app, writer, editor, desk } = room;
  await using server = startWsServer({ bus: app.platform.bus });
  await using client = await connectClient(`${server.url}/?token=tok-watcher`);
  const item = await createStory(writer, { headline: "Live", task: { desk: desk._id } });
  const locked = await body(await writer.post(`/api/archive/${item._id}/lock`, {}), 201);
  const edited = await body(
    await writer.patch(`/api/archive/${item._id}`, { headline: "Live!" }, { etag: locked._etag }),
  );
  const unlocked = await body(await writer.post(`/api/archive/${item._id}/unlock`, {}), 201);
  assert.equal(unlocked._etag === edited._etag, false);
  const moved = await body(
    await editor.post(`/api/archive/${item._id}/move`, {
      task: { desk: desk._id, stage: desk.working_stage },
    }),
    201,
  );
  const spiked = await body(
    await editor.patch(`/api/archive/spike/${item._id}`, {}, { etag: moved._etag }),
  );
  await body(await editor.patch(`/api/archive/unspike/${item._id}`, {}, { etag: spiked._etag }));
  const events = await client.until("item:unspike");
  const names = events.map((frame) => frame.event);
  for (
    const name of ["content:update", "item:lock", "item:unlock", "item:move", "item:spike"]
  ) {
    assert.ok(names.includes(name), `${name} in ${names.join()}`);
  }
  const lock = events.find((frame) => frame.event === "item:lock")!;
  assert.equal((lock.extra as Record<string, unknown>).item, item._id);
  assert.ok(typeof lock._created === "string" && "_process" in lock);
});
