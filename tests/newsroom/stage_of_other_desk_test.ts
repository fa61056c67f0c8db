/**
 * A desk named with a stage of another desk (Superdesk's `send_to` checks the named desk, then
 * puts the item on the stage's): an explicit move (POST move, an archive or tasks PATCH that
 * moves) or a duplicate's destination refuses it with a 400 naming both ids, and nothing moves or
 * is copied; a new item (fixture, user, task) is stored as Superdesk stores it.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  body,
  deskStory,
  type Json,
  type Newsroom,
  newsroomTest,
  signInMember,
} from "./_newsroom.ts";

/** A desk named `name` whose members are the room's editor and `member`. */
async function otherDesk(room: Newsroom, name: string, member: { userId: string }) {
  const created = await body(
    await room.editor.post("/api/desks", {
      name,
      members: [{ user: room.editor.userId }, { user: member.userId }],
    }),
    201,
  );
  return await body(await room.editor.get(`/api/desks/${created._id}`));
}

/** Asserts a 400 JSON answer whose message names `stage` and `desk`. */
async function refusedMismatch(
  response: Response,
  { stage, desk }: { stage: string; desk: string },
) {
  const error = await body(response, 400);
  const message = String(error._error?.message);
  assert.ok(message.includes(stage) && message.includes(desk), JSON.stringify(error));
}

newsroomTest(
  "a stage of another desk than the one named is a 400 for move, moving edits and duplicate",
  async (room) => {
    const mover = await signInMember(room, "mover", { archive: 1, tasks: 1, duplicate: 1 });
    const sport = await otherDesk(room, "Sport", mover);
    const culture = await otherDesk(room, "Culture", mover);
    const item = await deskStory(room);
    const wrong = { desk: sport._id, stage: culture.working_stage };
    const named = { stage: culture.working_stage, desk: sport._id };
    await refusedMismatch(
      await mover.post(`/api/archive/${item._id}/move`, { task: wrong }),
      named,
    );
    await refusedMismatch(
      await mover.patch(`/api/archive/${item._id}`, { headline: "x", task: wrong }, {
        etag: item._etag,
      }),
      named,
    );
    await refusedMismatch(
      await mover.patch(`/api/tasks/${item._id}`, { task: wrong }, { etag: item._etag }),
      named,
    );
    await refusedMismatch(await mover.post(`/api/archive/${item._id}/duplicate`, wrong), named);
    // Nothing moved, edited or copied.
    const kept = await body(await mover.get(`/api/archive/${item._id}`));
    assert.equal(kept._etag, item._etag);
    assert.equal(kept.task.desk, room.desk._id);
    const archive = room.app.platform.documents.collection("archive");
    assert.deepEqual(await archive.find({ original_id: item._id }), []);
    // The stage's own desk, or the stage alone, places it there.
    const moved = await body(
      await mover.post(`/api/archive/${item._id}/move`, {
        task: { desk: culture._id, stage: culture.working_stage },
      }),
      201,
    );
    assert.equal(moved.task.desk, culture._id);
    const edited = await body(
      await mover.patch(`/api/archive/${item._id}`, { task: { stage: sport.working_stage } }, {
        etag: moved._etag,
      }),
    );
    assert.equal(edited.task.desk, sport._id);
    // The desk the item leaves, kept beside a new stage (a dotted `task.stage`), is no conflict.
    const dotted = await body(
      await mover.patch(`/api/archive/${item._id}`, { "task.stage": culture.incoming_stage }, {
        etag: edited._etag,
      }),
    );
    assert.equal(dotted.task.desk, culture._id);
    assert.equal(dotted.task.stage, culture.incoming_stage);
  },
);

newsroomTest(
  "a new item naming a desk with a stage of another desk is created (Superdesk's desks scenarios)",
  async (room) => {
    const author = await signInMember(room, "author", { archive: 1, tasks: 1 });
    const sport = await otherDesk(room, "Sport", author);
    const culture = await otherDesk(room, "Culture", author);
    const wrong = { desk: sport._id, stage: culture.working_stage };
    // The desks overview scenarios' fixtures (`Given "archive"`): stored where they say.
    const [fixture]: Json[] = await room.app.platform.registry.service("archive").create(
      [{ _id: "fixture-1", headline: "one", state: "in_progress", task: wrong }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    assert.deepEqual([fixture.task.desk, fixture.task.stage], [sport._id, culture.working_stage]);
    const overview = await body(await room.editor.get(`/api/desks/${sport._id}/overview/stages`));
    assert.deepEqual(overview._items, [{ stage: culture.working_stage, count: 1 }]);
    // A user's new item or task: created, on the named stage (which decides the desk).
    const story = await body(
      await author.post("/api/archive", { type: "text", headline: "new", task: wrong }),
      201,
    );
    assert.equal(story.task.stage, culture.working_stage);
    const task = await body(
      await author.post("/api/tasks", { slugline: "new", task: { ...wrong, user: author.userId } }),
      201,
    );
    assert.equal(task.task.stage, culture.working_stage);
  },
);
