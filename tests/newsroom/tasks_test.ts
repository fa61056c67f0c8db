/** `/api/tasks`: archive items seen as tasks, kept in the archive's search index. */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  body,
  deskStory,
  eventsNamed,
  type Newsroom,
  newsroomTest,
  refused,
  signIn,
  signInMember,
} from "./_newsroom.ts";

newsroomTest(
  "tasks: a task is an archive item, searchable and seen as archive items are",
  async (room) => {
    const tasks = await signInTasks(room);
    const made = await body(
      await tasks.post("/api/tasks", {
        slugline: "budget",
        type: "text",
        task: { desk: room.desk._id, status: "in_progress" },
      }),
      201,
    );
    const task = await body(await tasks.get(`/api/tasks/${made._id}`));
    assert.equal(task.task.status, "in_progress");
    assert.ok(task.task.started_at, "started_at stamped");
    assert.equal(task.task.stage, room.desk.incoming_stage);
    // The archive's list (from its search index) has it, and has the task's changes.
    const patched = await body(
      await tasks.patch(`/api/tasks/${task._id}`, { slugline: "budget 2" }, { etag: task._etag }),
    );
    const where = encodeURIComponent(JSON.stringify({ _id: task._id }));
    const listed = await body(await room.editor.get(`/api/archive?where=${where}`));
    assert.equal(listed._items[0]?.slugline, "budget 2");
    assert.equal(listed._items[0]?._etag, patched._etag);
    // A personal task (no desk) of one user is not another's.
    const mine = await body(
      await tasks.post("/api/tasks", { slugline: "private", task: { user: tasks.userId } }),
      201,
    );
    const others = await body(await room.outsider.get("/api/tasks"));
    assert.ok(!others._items.some((item: { _id: string }) => item._id === mine._id));
    assert.equal((await room.outsider.get(`/api/tasks/${mine._id}`)).status, 404);
    const own = await body(await tasks.get("/api/tasks"));
    assert.ok(own._items.some((item: { _id: string }) => item._id === mine._id));
    // Deleted through tasks: gone from the archive's index too.
    const current = await body(await tasks.get(`/api/tasks/${task._id}`));
    assert.equal(
      (await tasks.delete(`/api/tasks/${task._id}`, { etag: current._etag })).status,
      204,
    );
    assert.equal(
      (await body(await room.editor.get(`/api/archive?where=${where}`)))._items.length,
      0,
    );
  },
);

newsroomTest("tasks: an item that went out is no task to delete", async (room) => {
  const tasks = await signInTasks(room);
  const [item] = await room.app.platform.registry.service("archive").create(
    [{ headline: "out", state: "published", task: { desk: room.desk._id } }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const current = await body(await tasks.get(`/api/tasks/${item!._id}`));
  const refused = await tasks.delete(`/api/tasks/${item!._id}`, { etag: current._etag });
  assert.equal(refused.status, 403);
  assert.match((await refused.json())._message, /its item is published/);
  assert.equal((await tasks.get(`/api/tasks/${item!._id}`)).status, 200);
});

newsroomTest("tasks: writes need the tasks privilege", async (room) => {
  const refused = await room.writer.post("/api/tasks", { slugline: "x", task: {} });
  assert.equal(refused.status, 403);
  await refused.body?.cancel();
});

/** A desk member with the `tasks` privilege. */
function signInTasks(room: Newsroom) {
  return signInMember(room, "tasker", { archive: 1, tasks: 1 });
}

newsroomTest(
  "tasks and desk marks refuse what the archive would: an item type it lacks, no item to mark",
  async (room) => {
    const tasks = await signInTasks(room);
    // A task is stored as an archive item: a type the archive lacks is the archive's 400.
    await refused(await tasks.post("/api/tasks", { slugline: "x", type: "" }), 400);
    const listed = await body(await room.editor.get("/api/archive"));
    assert.ok(listed._items.every((item: { type?: string }) => item.type !== ""));
    // Marking for a desk needs the item (and a desk): a 400, not a 201 marking nothing.
    const marker = await signIn(room.app, "marker", { archive: 1, mark_for_desks: 1 });
    await refused(await marker.post("/api/marked_for_desks", [{ marked_desk: "0" }]), 400);
    await refused(await marker.post("/api/marked_for_desks", []), 400);
    // An item that is not there: a 404, nothing marked (Superdesk: 201 with a null _id).
    await refused(
      await marker.post("/api/marked_for_desks", [{ marked_desk: "0", marked_item: "00" }]),
      404,
    );
  },
);

/** A desk "Sport" whose members are the editor and, with `member`, `member`. */
async function sportDesk(room: Newsroom, member?: { userId: string }) {
  const members = [{ user: room.editor.userId }, ...(member ? [{ user: member.userId }] : [])];
  const created = await body(
    await room.editor.post("/api/desks", { name: "Sport", members }),
    201,
  );
  return await body(await room.editor.get(`/api/desks/${created._id}`));
}

newsroomTest(
  "tasks: an edit naming another desk is a move: membership, incoming stage, last_desk, item:move",
  async (room) => {
    const tasks = await signInTasks(room);
    const item = await deskStory(room);
    const sport = await sportDesk(room);
    // Not a member of Sport (no `move` privilege): refused (Eve's 400 naming Superdesk's 403, as
    // every edit hook's refusal), the item stays where it was.
    const error = await refused(
      await tasks.patch(`/api/tasks/${item._id}`, { task: { desk: sport._id } }, {
        etag: item._etag,
      }),
      400,
    );
    assert.equal(
      error._issues["validator exception"],
      `403: User is not member of desk: ${sport._id}`,
    );
    const kept = await body(await tasks.get(`/api/tasks/${item._id}`));
    assert.equal(kept.task.desk, room.desk._id);
    assert.equal(kept.task.stage, room.desk.working_stage);
    assert.equal(kept.state, item.state);
    // A member of it: moved onto its incoming stage, as a move.
    await room.app.platform.registry.service("desks").update(sport._id, {
      members: [...sport.members, { user: tasks.userId }],
    }, { actor: SYSTEM_ACTOR });
    const moved = await body(
      await tasks.patch(`/api/tasks/${item._id}`, { task: { desk: sport._id } }, {
        etag: kept._etag,
      }),
    );
    assert.equal(moved.task.desk, sport._id);
    assert.equal(moved.task.stage, sport.incoming_stage);
    assert.equal(moved.task.last_desk, room.desk._id);
    assert.equal(moved.task.user, tasks.userId);
    assert.equal(moved.state, "submitted");
    assert.equal(moved.operation, "send");
    const [move] = await eventsNamed(room, "item:move");
    assert.equal(move?.extra.from_desk, room.desk._id);
    assert.equal(move?.extra.to_desk, sport._id);
    assert.equal(move?.extra.to_stage, sport.incoming_stage);
  },
);

newsroomTest(
  "tasks: an edit assigning a user keeps the item on its desk and stage",
  async (room) => {
    const tasks = await signInTasks(room);
    const item = await deskStory(room);
    const assigned = await body(
      await tasks.patch(`/api/tasks/${item._id}`, { task: { user: room.editor.userId } }, {
        etag: item._etag,
      }),
    );
    assert.equal(assigned.task.user, room.editor.userId);
    assert.equal(assigned.task.desk, room.desk._id);
    assert.equal(assigned.task.stage, room.desk.working_stage);
    assert.deepEqual(await eventsNamed(room, "item:move"), []);
    // Still the desk's: its other member sees it.
    assert.equal((await room.writer.get(`/api/archive/${item._id}`)).status, 200);
  },
);
