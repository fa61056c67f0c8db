/**
 * Duplicating to personal space (Superdesk's `DuplicateService` with `desk: null`, governed by
 * `WORKFLOW_ALLOW_COPY_TO_PERSONAL`): the copy is the caller's, `in_progress`, with its source's
 * versions and a history naming no desk; refused as a desk duplicate is (lock, state), and with
 * the setting off refused (403), as copies of desk items are (412).
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Client } from "../_client.ts";
import { hiddenCopy } from "../publish/_hidden_copy.ts";
import {
  body,
  deskPackage,
  deskStory,
  eventsNamed,
  type Json,
  type Member,
  type Newsroom,
  newsroomTest,
  refused,
  signIn,
  signInMember,
} from "./_newsroom.ts";

/** A user with `archive` and `duplicate`, member of the room's desk. */
function duplicator(room: Newsroom) {
  return signInMember(room, "duplicator", { archive: 1, duplicate: 1 });
}

/** The archive history of item `id`, oldest first, as operation and version. */
async function historyOf(client: Client, id: string) {
  const where = encodeURIComponent(JSON.stringify({ item_id: id }));
  const sort = encodeURIComponent(`[('_created', 1)]`);
  const list = await body(await client.get(`/api/archive_history?where=${where}&sort=${sort}`));
  return (list._items as Json[]).map((record) => [record.operation, record.version]);
}

newsroomTest(
  "duplicate with desk null copies the item to the caller's personal space",
  async (room) => {
    const user = await duplicator(room);
    const story = await deskStory(room);
    const saved = await body(
      await room.writer.patch(`/api/archive/${story._id}`, { headline: "Budget vote, 2" }, {
        etag: story._etag,
      }),
    );
    assert.equal(saved._current_version, 2);
    const copied = await body(
      await user.post(`/api/archive/${story._id}/duplicate`, { desk: null, type: "archive" }),
      201,
    );
    const copy = await body(await user.get(`/api/archive/${copied._id}`));
    assert.deepEqual(copy.task, { user: user.userId });
    assert.equal(copy.state, "in_progress");
    assert.equal(copy.headline, "Budget vote, 2");
    assert.equal(copy.original_id, story._id);
    assert.equal(copy.original_creator, user.userId);
    assert.equal(copy._current_version, 3);
    const versions = await body(await user.get(`/api/archive/${copied._id}?version=all`));
    assert.deepEqual(versions._items.map((version: Json) => version._current_version), [1, 2, 3]);
    assert.deepEqual((await historyOf(user, copied._id)).at(-1), ["duplicated_from", 3]);
    assert.deepEqual((await historyOf(user, story._id)).at(-1), ["duplicate", 2]);
    const pushed = (await eventsNamed(room, "content:update")).filter((event) =>
      copied._id in (event.extra.items as Json) && event.extra.user === user.userId
    );
    assert.deepEqual(pushed.map((event) => event.extra.desks), [{}], "no desk is named");
    const source = await body(await user.get(`/api/archive/${story._id}`));
    assert.equal(source.task.desk, room.desk._id, "the source stays where it was");
    // The API reference says so.
    const document = await body(await user.get("/api/openapi.json"));
    const target = document.paths["/archive/{id}/duplicate"].post.requestBody.content[
      "application/json"
    ].schema;
    assert.deepEqual(target.properties.desk.type, ["string", "null"]);
  },
);

newsroomTest("duplicate to personal space is refused as a duplicate is", async (room) => {
  const user = await duplicator(room);
  const story = await deskStory(room);
  const path = `/api/archive/${story._id}/duplicate`;
  const noDesk = await refused(await user.post(path, { type: "archive" }), 400);
  assert.deepEqual(noDesk._issues, { desk: { required: 1 } });
  await body(await room.writer.post(`/api/archive/${story._id}/lock`, {}), 201);
  await refused(
    await user.post(path, { desk: null }),
    403,
    "The item was locked by another user",
  );
  // Who may: Superdesk's `duplicate` workflow action, offered to holders of both privileges.
  const actionsOf = async (member: Member) =>
    (await body(await member.get(`/api/preferences/${member.sessionId}`))).allowed_actions;
  assert.deepEqual((await actionsOf(user)).find((action: Json) => action.name === "duplicate"), {
    name: "duplicate",
    include_states: [],
    exclude_states: ["spiked", "killed", "recalled"],
    privileges: ["archive", "duplicate"],
  });
  const outsider = await signIn(room.app, "no_duplicate", { archive: 1 });
  assert.ok(!(await actionsOf(outsider)).some((action: Json) => action.name === "duplicate"));
  await refused(await outsider.post(path, { desk: null }), 403);
  const listed = await body(await user.get("/api/archive"));
  assert.equal(listed._meta.total, 1, "no copy was made");
});

newsroomTest("duplicate with desk null and a stage copies to the stage's desk", async (room) => {
  const user = await duplicator(room);
  const story = await deskStory(room);
  const path = `/api/archive/${story._id}/duplicate`;
  // Superdesk's `send_to` takes the stage's desk; the copy's task then names a desk, so
  // `duplicate_item` makes it `submitted`, as any desk duplicate.
  const copy = await body(
    await user.post(path, { desk: null, stage: room.desk.incoming_stage, type: "archive" }),
    201,
  );
  assert.deepEqual(
    [copy.task.desk, copy.task.stage, copy.state],
    [room.desk._id, room.desk.incoming_stage, "submitted"],
  );
  await refused(await user.post(path, { desk: null, stage: "5f0c0c0c0c0c0c0c0c0c0c0c" }), 404);
  const malformed = await refused(await user.post(path, { desk: null, stage: 7 }), 400);
  assert.deepEqual(Object.keys(malformed._issues), ["stage"]);
});

newsroomTest(
  "an archived story on a stage hidden from the caller is not duplicated",
  async (room) => {
    await hiddenCopy(room, "archived");
    // Not a member of the desk: the stage is hidden from them (Superdesk's `archived` filter).
    const outsider = await signIn(room.app, "outside_duplicator", { archive: 1, duplicate: 1 });
    for (const desk of [null, room.desk._id]) {
      await refused(
        await outsider.post("/api/archive/secret/duplicate", {
          desk,
          type: "archived",
          item_id: "secret",
        }),
        404,
      );
    }
    const mine = await body(await outsider.get("/api/archive"));
    assert.equal(mine._meta.total, 0, "no copy was made");
    const member = await duplicator(room);
    const copy = await body(
      await member.post("/api/archive/secret/duplicate", {
        desk: null,
        type: "archived",
        item_id: "secret",
      }),
      201,
    );
    assert.equal(copy.headline, "secret", "a member sees the stage, and duplicates it");
  },
);

newsroomTest("a package is not duplicated to personal space, nor are its items", async (room) => {
  const user = await duplicator(room);
  const story = await deskStory(room);
  const pkg = await deskPackage(room, [story._id]);
  const count = async () => (await body(await room.writer.get("/api/archive")))._meta.total;
  const before = await count();
  // Packages are never in personal space (Superdesk's `check_not_in_personal_space`), so the
  // refusal comes before any of its items is copied.
  await refused(
    await user.post(`/api/archive/${pkg._id}/duplicate`, { desk: null, type: "archive" }),
    403,
    "Packages can not be created in the personal space.",
  );
  assert.equal(await count(), before, "no copy of the package's items is left behind");
  const desked = await body(
    await user.post(`/api/archive/${pkg._id}/duplicate`, { desk: room.desk._id }),
    201,
  );
  assert.equal(desked.type, "composite", "to a desk it is duplicated");
});

newsroomTest(
  "WORKFLOW_ALLOW_COPY_TO_PERSONAL off: no duplicate to personal space, no copy of desk items",
  async (room) => {
    const user = await duplicator(room);
    const config = await body(await user.get("/api/client_config"));
    assert.equal(config.config.workflow_allow_copy_to_personal, false);
    const story = await deskStory(room);
    await refused(
      await user.post(`/api/archive/${story._id}/duplicate`, { desk: null, type: "archive" }),
      403,
      "Duplicate to Personal space is not allowed.",
    );
    await refused(
      await user.post(`/api/archive/${story._id}/copy`, {}),
      412,
      "Copy is not allowed on items in a desk.",
    );
    // Only drafts may be copied then (Superdesk's `copy` workflow action, `include_states`).
    const prefs = await body(await user.get(`/api/preferences/${user.sessionId}`));
    const copyAction = prefs.allowed_actions.find((action: Json) => action.name === "copy");
    assert.deepEqual(copyAction.include_states, ["draft"]);
    assert.deepEqual(copyAction.exclude_states, []);
    const draft = await body(
      await user.post("/api/archive", { type: "text", headline: "Mine" }),
      201,
    );
    await body(await user.post(`/api/archive/${draft._id}/copy`, {}), 201);
    await room.app.platform.registry.service("archive").update(draft._id, {
      state: "in_progress",
    }, { actor: SYSTEM_ACTOR });
    await refused(
      await user.post(`/api/archive/${draft._id}/copy`, {}),
      412,
      "Workflow transition is invalid.",
    );
    const desked = await body(
      await user.post(`/api/archive/${story._id}/duplicate`, { desk: room.desk._id }),
      201,
    );
    assert.equal(desked.task.desk, room.desk._id, "duplicates to a desk are not governed by it");
  },
  { env: { WORKFLOW_ALLOW_COPY_TO_PERSONAL: "false" } },
);
