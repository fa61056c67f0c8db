/**
 * `PATCH /api/archived/<id>` (Superdesk's `ArchivedService.update`): the kill or takedown of a
 * story from the archived repository puts it back in production killed, queues a published copy
 * and removes the archived copies; it needs the `archived` privilege, the etag and an
 * `operation`; of two kills at once, exactly one kills the story, and a copy another write
 * changed during the kill is still removed.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import {
  body,
  eventsNamed,
  type Newsroom,
  newsroomTest,
  refused,
  signIn,
} from "../newsroom/_newsroom.ts";

/** Story `id` in `archived` at `version` (a copy content expiry moved there), with `extra`. */
async function archivedStory(room: Newsroom, id: string, extra: Doc = {}): Promise<Doc> {
  const [copy] = await room.app.platform.registry.service("archived").create(
    [{
      item_id: id,
      guid: id,
      type: "text",
      state: "published",
      headline: "Budget vote",
      slugline: "budget",
      body_html: "<p>Vote tonight.</p>",
      _current_version: 2,
      ...extra,
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
  return copy!;
}

newsroomTest("archived: a kill puts the story back in production killed", async (room) => {
  await archivedStory(room, "story-1");
  const archivist = await signIn(room.app, "archivist", { archived: 1 });
  const found = await body(await archivist.get("/api/archived/story-1:2"));
  await refused(await archivist.patch(`/api/archived/${found._id}`, { operation: "kill" }), 428);
  await refused(
    await room.editor.patch(`/api/archived/${found._id}`, { operation: "kill" }, {
      etag: found._etag,
    }),
    403,
  );
  await refused(
    await archivist.patch(`/api/archived/${found._id}`, { headline: "x" }, { etag: found._etag }),
    400,
    /"operation" must be "kill" or "takedown"/,
  );
  const killed = await body(
    await archivist.patch(`/api/archived/${found._id}`, {
      operation: "kill",
      body_html: "Killed body.",
    }, { etag: found._etag }),
  );
  assert.equal(killed.state, "killed");
  const documents = room.app.platform.documents;
  const item = (await documents.collection("archive").findOne({ _id: "story-1" }))!;
  assert.equal(item.state, "killed");
  assert.equal(item.pubstatus, "canceled");
  assert.equal(item._current_version, 3);
  assert.match(
    String(item.body_html),
    /^<p>Please kill story slugged budget headlined Budget vote/,
  );
  assert.ok(String(item.body_html).endsWith("Killed body."));
  assert.equal(await documents.collection("archived").count({ item_id: "story-1" }), 0);
  const copies = await documents.collection("published").find({ item_id: "story-1" });
  assert.deepEqual(copies.map((copy) => [copy.state, copy._current_version]), [["killed", 3]]);
  assert.ok(
    (await eventsNamed(room, "item:deleted:archived")).some((event) =>
      event.extra.item === found._id
    ),
  );
});

newsroomTest("archived: of two kills of a story at once, one kills it", async (room) => {
  await archivedStory(room, "story-2");
  const archivist = await signIn(room.app, "archivist", { archived: 1 });
  const found = await body(await archivist.get("/api/archived/story-2:2"));
  // Both kills wait, past their checks, until both are about to create the production item.
  let arrived = 0;
  let release!: () => void;
  const bothThere = new Promise<void>((resolve) => release = resolve);
  room.app.platform.registry.service("archive").addHooks("kill-race", {
    async onCreate(docs: Doc[]) {
      if (docs[0]?._id !== "story-2") return;
      if (++arrived === 2) release();
      await bothThere;
    },
  });
  // A kill answered before reaching the barrier (refused) lets the other one on.
  const kill = () =>
    archivist.patch(`/api/archived/${found._id}`, { operation: "kill" }, { etag: found._etag })
      .finally(release);
  const answers = await Promise.all([kill(), kill()]);
  const statuses = await Promise.all(answers.map(async (answer) => {
    await answer.body?.cancel();
    return answer.status;
  }));
  assert.deepEqual(statuses.sort(), [200, 409]);
  const documents = room.app.platform.documents;
  assert.equal(await documents.collection("published").count({ item_id: "story-2" }), 1);
  assert.equal(
    await documents.collection("archive_versions").count({ _id_document: "story-2" }),
    1,
  );
  assert.equal(await documents.collection("archived").count({ item_id: "story-2" }), 0);
});

newsroomTest("archived: a copy only archived is removed by a takedown", async (room) => {
  const flags = { marked_archived_only: true };
  await archivedStory(room, "story-3", { flags, _current_version: 1 });
  await archivedStory(room, "story-3", { flags });
  const archivist = await signIn(room.app, "archivist", { archived: 1 });
  const found = await body(await archivist.get("/api/archived/story-3:2"));
  await body(
    await archivist.patch(`/api/archived/${found._id}`, { operation: "takedown" }, {
      etag: found._etag,
    }),
  );
  const documents = room.app.platform.documents;
  assert.equal(await documents.collection("archived").count({ item_id: "story-3" }), 0);
  assert.equal(await documents.collection("archive").count({ _id: "story-3" }), 0);
  assert.equal(await documents.collection("published").count({ item_id: "story-3" }), 0);
});

newsroomTest(
  "archived: the kill of an older copy keeps its text on the newest version, made by the killer",
  async (room) => {
    await archivedStory(room, "story-4");
    await archivedStory(room, "story-4", {
      _current_version: 3,
      headline: "Budget passed",
      original_creator: room.writer.userId,
      version_creator: room.writer.userId,
    });
    const archivist = await signIn(room.app, "archivist", { archived: 1 });
    const older = await body(await archivist.get("/api/archived/story-4:2"));
    await body(
      await archivist.patch(`/api/archived/${older._id}`, { operation: "kill" }, {
        etag: older._etag,
      }),
    );
    const documents = room.app.platform.documents;
    const item = (await documents.collection("archive").findOne({ _id: "story-4" }))!;
    assert.equal(item._current_version, 4);
    assert.equal(item.headline, "Budget vote");
    assert.equal(item.version_creator, archivist.userId);
    assert.equal(item.original_creator, archivist.userId);
    assert.equal(await documents.collection("archived").count({ item_id: "story-4" }), 0);
  },
);

newsroomTest(
  "archived: a kill removes a copy another write changed after the kill read it",
  async (room) => {
    await archivedStory(room, "story-6");
    const archivist = await signIn(room.app, "archivist", { archived: 1 });
    const found = await body(await archivist.get("/api/archived/story-6:2"));
    const copies = room.app.platform.documents.collection("archived");
    // Another write of the copy lands between the removal's read of it and its delete.
    let written = false;
    room.app.platform.registry.service("archived").addHooks("concurrent", {
      async onDelete(doc: Doc) {
        if (written) return;
        written = true;
        await copies.updateOne({ _id: doc._id }, {
          $set: { _etag: "concurrent", slugline: "vote" },
        });
      },
    });
    const killed = await body(
      await archivist.patch(`/api/archived/${found._id}`, { operation: "kill" }, {
        etag: found._etag,
      }),
    );
    assert.equal(killed.state, "killed");
    assert.ok(written);
    assert.equal(await copies.count({ item_id: "story-6" }), 0);
  },
);
