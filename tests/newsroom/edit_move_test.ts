/**
 * A user's PATCH that names another desk or stage in `task` (the web client's upload dialog,
 * Superdesk's `we patch task.desk` steps): the edit is written with a move's placement in one
 * write, with a move's checks and events; what a move or an edit refuses stays refused (an edit
 * hook's refusal is Eve's 400 whose `validator exception` names the status, as Superdesk's).
 */
import assert from "node:assert/strict";
import {
  body,
  createStory,
  deskStory,
  eventsNamed,
  type Newsroom,
  newsroomTest,
  refused,
  storyMovedByEdit,
} from "./_newsroom.ts";

/** Asserts a PATCH refused by the edit's hook with `status` and `message`. */
async function refusedEdit(response: Response, status: number, message: string) {
  const error = await refused(response, 400, message);
  assert.equal(error._issues["validator exception"], `${status}: ${message}`);
}

/** A second desk, "Sport", of which only the editor is a member. */
async function sportDesk({ editor }: Newsroom) {
  const created = await body(
    await editor.post("/api/desks", { name: "Sport", members: [{ user: editor.userId }] }),
    201,
  );
  return await body(await editor.get(`/api/desks/${created._id}`));
}

newsroomTest(
  "an edit naming another stage moves the item with the edit, one version",
  async (room) => {
    const { writer, desk } = room;
    const { item, saved } = await storyMovedByEdit(room);
    assert.equal(saved.headline, "Budget vote, again");
    assert.equal(saved.task.stage, desk.incoming_stage);
    assert.equal(saved.task.user, writer.userId);
    assert.equal(saved.state, "submitted");
    assert.equal(saved.operation, "move");
    assert.equal(saved._current_version, item._current_version + 1);
    const versions = await body(await writer.get(`/api/archive/${item._id}?version=all`));
    assert.equal(versions._items.length, item._current_version + 1);
    const [move] = await eventsNamed(room, "item:move");
    assert.deepEqual(move?.extra, {
      user: writer.userId,
      item: item._id,
      item_version: String(item._current_version),
      from_desk: desk._id,
      from_stage: desk.working_stage,
      to_desk: desk._id,
      to_stage: desk.incoming_stage,
    });
    const updates = await eventsNamed(room, "content:update");
    assert.deepEqual(updates.at(-1)?.extra.stages, {
      [desk.working_stage]: 1,
      [desk.incoming_stage]: 1,
    });
  },
);

newsroomTest("a personal draft PATCHed onto a desk lands on its incoming stage", async (room) => {
  const { writer, editor, desk } = room;
  const personal = await createStory(writer, { headline: "Idea" });
  // publish_embedded.feature's step: `{"task": {"desk": "#desks._id#"}, "headline": "test"}`.
  const placed = await body(
    await writer.patch(
      `/api/archive/${personal._id}`,
      { task: { desk: desk._id }, headline: "test" },
      { etag: personal._etag },
    ),
  );
  assert.equal(placed.task.desk, desk._id);
  assert.equal(placed.task.stage, desk.incoming_stage);
  assert.equal(placed.state, "submitted");
  assert.equal(placed.headline, "test");
  // On to another desk by the editor: the desk left is in the history.
  const sport = await sportDesk(room);
  const sent = await body(
    await editor.patch(`/api/archive/${personal._id}`, { task: { stage: sport.working_stage } }, {
      etag: placed._etag,
    }),
  );
  assert.equal(sent.task.desk, sport._id);
  assert.equal(sent.task.stage, sport.working_stage);
  assert.equal(sent.task.last_desk, desk._id);
  assert.deepEqual(sent.task.desk_history, [desk._id]);
  // Back to the editor's personal space.
  const home = await body(
    await editor.patch(`/api/archive/${personal._id}`, { task: { desk: null } }, {
      etag: sent._etag,
    }),
  );
  assert.equal(home.task.desk, null);
  assert.equal(home.task.stage, null);
  assert.equal(home.task.user, editor.userId);
});

newsroomTest("an edit's move is refused as a move or an edit would be", async (room) => {
  const { writer, editor, outsider, desk } = room;
  const sport = await sportDesk(room);
  const item = await deskStory(room);
  await refusedEdit(
    await writer.patch(`/api/archive/${item._id}`, { task: { desk: sport._id } }, {
      etag: item._etag,
    }),
    403,
    `User is not member of desk: ${sport._id}`,
  );
  const mine = await createStory(outsider, { headline: "Tip" });
  await refusedEdit(
    await outsider.patch(`/api/archive/${mine._id}`, { task: { desk: desk._id } }, {
      etag: mine._etag,
    }),
    403,
    `User is not member of desk: ${desk._id}`,
  );
  await refusedEdit(
    await writer.patch(
      `/api/archive/${item._id}`,
      { task: { stage: "5f0000000000000000000000" } },
      {
        etag: item._etag,
      },
    ),
    404,
    "Invalid stage identifier 5f0000000000000000000000",
  );
  await refused(
    await writer.patch(`/api/archive/${item._id}`, { task: { desk: desk._id, stage: null } }, {
      etag: item._etag,
    }),
    400,
  );
  const locked = await body(
    await editor.post(`/api/archive/${item._id}/lock`, { lock_action: "edit" }),
    201,
  );
  await refusedEdit(
    await writer.patch(`/api/archive/${item._id}`, { task: { stage: desk.incoming_stage } }, {
      etag: locked._etag,
    }),
    403,
    "The item was locked by another user",
  );
  const spiked = await deskStory(room);
  const spike = await body(
    await writer.patch(`/api/archive/spike/${spiked._id}`, {}, { etag: spiked._etag }),
  );
  await refused(
    await writer.patch(`/api/archive/${spiked._id}`, { task: { stage: desk.incoming_stage } }, {
      etag: spike._etag,
    }),
    400,
  );
  const unchanged = await body(await writer.get(`/api/archive/${item._id}`));
  assert.equal(unchanged.task.stage, desk.working_stage);
  assert.equal(unchanged._etag, locked._etag);
  assert.equal((await eventsNamed(room, "item:move")).length, 0);
});

newsroomTest("a read-only stage refuses an edit's move onto it", async (room) => {
  const { writer, editor, desk } = room;
  const stage = await body(
    await editor.post("/api/stages", { name: "Legal", desk: desk._id, local_readonly: true }),
    201,
  );
  const item = await deskStory(room);
  const error = await refused(
    await writer.patch(`/api/archive/${item._id}`, { task: { stage: stage._id } }, {
      etag: item._etag,
    }),
    403,
  );
  assert.deepEqual(
    error._error?.readonly ?? error.error?.readonly ?? error._issues?.readonly,
    true,
  );
});

newsroomTest(
  "an edit's task that names no other desk or stage leaves the item there",
  async (room) => {
    const { writer, outsider, editor, desk } = room;
    const item = await deskStory(room);
    // Assigning the item (a PATCH replaces `task` whole): the desk and stage stay.
    const assigned = await body(
      await writer.patch(`/api/archive/${item._id}`, { task: { user: outsider.userId } }, {
        etag: item._etag,
      }),
    );
    assert.deepEqual(
      { desk: assigned.task.desk, stage: assigned.task.stage, user: assigned.task.user },
      { desk: desk._id, stage: desk.working_stage, user: outsider.userId },
    );
    assert.equal(assigned.operation, "update");
    // Still the desk's: its members see it.
    await body(await editor.get(`/api/archive/${item._id}`));
    // Naming the desk it is on keeps its stage (publish_embedded's `{"task": {"desk": ...}}`).
    const same = await body(
      await writer.patch(`/api/archive/${item._id}`, { task: { desk: desk._id } }, {
        etag: assigned._etag,
      }),
    );
    assert.equal(same.task.desk, desk._id);
    assert.equal(same.task.stage, desk.working_stage);
    assert.equal((await eventsNamed(room, "item:move")).length, 0);
  },
);

newsroomTest(
  "a dotted task.desk moves the item to that desk, not onto the stage it leaves",
  async (room) => {
    const { editor, desk } = room;
    const sport = await sportDesk(room);
    const item = await deskStory(room);
    // `task.desk` keeps the stored stage beside it: the stage left behind, not a target.
    const moved = await body(
      await editor.patch(`/api/archive/${item._id}`, { "task.desk": sport._id }, {
        etag: item._etag,
      }),
    );
    assert.equal(moved.task.desk, sport._id);
    assert.equal(moved.task.stage, sport.incoming_stage);
    assert.equal(moved.task.last_desk, desk._id);
    const home = await body(
      await editor.patch(`/api/archive/${item._id}`, { "task.desk": null }, {
        etag: moved._etag,
      }),
    );
    assert.equal(home.task.desk, null);
    assert.equal(home.task.stage, null);
    assert.equal(home.task.user, editor.userId);
  },
);
