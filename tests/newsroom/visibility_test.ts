/** Who sees what: desk members, owners of personal items, and the see-all privilege. */
import assert from "node:assert/strict";
import type { DesksService } from "../../src/newsroom/desks_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import {
  body,
  createStory,
  deskStory,
  type Newsroom,
  newsroomTest,
  refused,
  signIn,
} from "./_newsroom.ts";

/**
 * A story on the desk (saved since, so no longer a draft), a personal one of the writer's, one on
 * a stage hidden from non-members.
 */
async function storiesOfEveryPlace(room: Newsroom) {
  const { writer, editor, desk } = room;
  const created = await deskStory(room);
  const onDesk = await body(
    await writer.patch(`/api/archive/${created._id}`, { headline: "Budget vote: final" }, {
      etag: created._etag,
    }),
  );
  assert.equal(onDesk.state, "in_progress");
  const personal = await createStory(writer, { headline: "Notes" });
  const secret = await body(
    await editor.post("/api/stages", { name: "Embargoed", desk: desk._id, is_visible: false }),
    201,
  );
  const hidden = await deskStory(room, { task: { desk: desk._id, stage: secret._id } });
  return { onDesk, personal, hidden };
}

newsroomTest(
  "desk content is visible to members only, in lists, reads and writes",
  async (room) => {
    const { writer, outsider, editor } = room;
    const item = await deskStory(room);
    const listed = await body(await editor.get("/api/archive"));
    assert.deepEqual(listed._items.map((doc: { _id: string }) => doc._id), [item._id]);
    const hidden = await body(await outsider.get("/api/archive"));
    assert.equal(hidden._meta.total, 0);
    await refused(await outsider.get(`/api/archive/${item._id}`), 404);
    await refused(
      await outsider.patch(`/api/archive/${item._id}`, { headline: "x" }, { etag: item._etag }),
      404,
    );
    await refused(await outsider.post(`/api/archive/${item._id}/lock`, {}), 404);
    await body(await writer.get(`/api/archive/${item._id}`));
  },
);

newsroomTest("personal items are visible to their owner only", async (room) => {
  const { writer, editor } = room;
  const mine = await createStory(writer, { headline: "Private notes" });
  await refused(await editor.get(`/api/archive/${mine._id}`), 404);
  const listed = await body(await editor.get("/api/archive"));
  assert.equal(listed._meta.total, 0);
  const own = await body(await writer.get("/api/archive"));
  assert.deepEqual(own._items.map((doc: { _id: string }) => doc._id), [mine._id]);
});

newsroomTest(
  "the see-all privilege shows every desk but not hidden stages or personal items",
  async (room) => {
    const { app } = room;
    const { onDesk, personal, hidden } = await storiesOfEveryPlace(room);
    const chief = await signIn(app, "chief", { archive: 1, use_global_saved_searches: 1 });
    const listed = await body(await chief.get("/api/archive"));
    assert.deepEqual(listed._items.map((doc: { _id: string }) => doc._id), [onDesk._id]);
    await body(await chief.get(`/api/archive/${onDesk._id}`));
    await refused(await chief.get(`/api/archive/${hidden._id}`), 404);
    await refused(await chief.get(`/api/archive/${personal._id}`), 404);
    await refused(
      await chief.post(`/api/archive/${onDesk._id}/lock`, {}),
      403,
      "User is not a member of the desk.",
    );
  },
);

newsroomTest("joining a desk makes its content visible", async (room) => {
  const { editor, outsider, desk } = room;
  const item = await deskStory(room);
  await refused(await outsider.get(`/api/archive/${item._id}`), 404);
  const members = [...desk.members, { user: outsider.userId }];
  await body(await editor.patch(`/api/desks/${desk._id}`, { members }, { etag: desk._etag }));
  await body(await outsider.get(`/api/archive/${item._id}`));
});

newsroomTest(
  "an administrator opens any item by id without a desk lookup; lists stay scoped",
  async (room) => {
    const { app } = room;
    const { onDesk, personal, hidden } = await storiesOfEveryPlace(room);
    const admin = await signIn(app, "boss", {}, { admin: true });
    const desks = app.platform.registry.service<DesksService>("desks");
    const memberDeskIds = desks.memberDeskIds.bind(desks);
    let lookups = 0;
    desks.memberDeskIds = (userId) => (lookups++, memberDeskIds(userId));
    try {
      for (const item of [onDesk, personal, hidden]) {
        assert.equal((await body(await admin.get(`/api/archive/${item._id}`)))._id, item._id);
      }
      assert.equal(lookups, 0);
      // Lists: every desk (administrators hold every privilege), not hidden stages or personal.
      const listed = await body(await admin.get("/api/archive"));
      assert.deepEqual(listed._items.map((doc: { _id: string }) => doc._id), [onDesk._id]);
      assert.equal(lookups, 1);
    } finally {
      desks.memberDeskIds = memberDeskIds;
    }
  },
);

newsroomTest("the see-all privilege does not show others' drafts on desks", async (room) => {
  const { app, desk } = room;
  const task = { desk: desk._id, stage: desk.working_stage };
  await app.platform.registry.service("archive").create(
    [{ _id: "others-draft", state: "draft", task, original_creator: room.writer.userId }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const chief = await signIn(app, "chief", { archive: 1, use_global_saved_searches: 1 });
  await app.platform.registry.service("archive").create(
    [{ _id: "chiefs-draft", state: "draft", task, original_creator: chief.userId }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  const listed = await body(await chief.get("/api/archive"));
  assert.deepEqual(listed._items.map((doc: { _id: string }) => doc._id), ["chiefs-draft"]);
  const found = await body(await chief.get("/api/search?repo=archive"));
  assert.deepEqual(found._items.map((doc: { _id: string }) => doc._id), ["chiefs-draft"]);
  await refused(await chief.get("/api/archive/others-draft"), 404);
  // Nor on the desks they are a member of (Superdesk's global-search branch replaces its desks').
  const members = [...desk.members, { user: chief.userId }];
  await body(await room.editor.patch(`/api/desks/${desk._id}`, { members }, { etag: desk._etag }));
  const asMember = await body(await chief.get("/api/archive"));
  assert.deepEqual(asMember._items.map((doc: { _id: string }) => doc._id), ["chiefs-draft"]);
  await refused(await chief.get("/api/archive/others-draft"), 404);
  // A member without it sees the desk's drafts.
  const { outsider } = room;
  const joined = [...members, { user: outsider.userId }];
  const current = await body(await room.editor.get(`/api/desks/${desk._id}`));
  await body(
    await room.editor.patch(`/api/desks/${desk._id}`, { members: joined }, {
      etag: current._etag,
    }),
  );
  const ids = (await body(await outsider.get("/api/archive")))._items.map((d: { _id: string }) =>
    d._id
  );
  assert.deepEqual(ids.sort(), ["chiefs-draft", "others-draft"]);
});
