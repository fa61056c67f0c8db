/**
 * Updating a story (`POST /api/archive/<id>/rewrite`) at its edges, on both stores: the search
 * mappings stay as they were (`rewrite_sequence` is read, never queried), bad bodies and ids are
 * 4xx, the target desk's membership and the linked story's lock are checked, an item cannot
 * become its own update, and a spike of the story between the update's creation and the link
 * leaves no link to a spiked story.
 */
import assert from "node:assert/strict";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { ingestResource } from "../../src/ingest/ingest_resource.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { archivedResource, publishedResource } from "../../src/publish/published_resource.ts";
import { body, type Json, refused } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";

function rewrite(room: Room, story: Json, payload: Json = { desk_id: room.desk._id }) {
  return room.editor.post(`/api/archive/${story._id}/rewrite`, payload);
}

Deno.test("rewrite_sequence is not in the search mappings (no index:rebuild for it)", () => {
  for (const definition of [archiveResource, publishedResource, archivedResource, ingestResource]) {
    const properties = resourceMapping(definition).properties;
    assert.equal(properties.rewrite_sequence, undefined, definition.name);
    assert.ok(properties.rewrite_of, definition.name);
  }
});

publishingTest("a search projection gives the update's rewrite_sequence", async (room) => {
  const story = await room.story();
  const update = await body(await rewrite(room, story), 201);
  const params = new URLSearchParams({
    source: JSON.stringify({ query: { filtered: { filter: { term: { _id: update._id } } } } }),
    projections: JSON.stringify(["rewrite_of", "rewrite_sequence"]),
  });
  const found = await body(await room.editor.get(`/api/archive?${params}`));
  assert.equal(found._items.length, 1);
  assert.equal(found._items[0].rewrite_of, story._id);
  assert.equal(found._items[0].rewrite_sequence, 1);
});

publishingTest("a bad rewrite body is a 400, an unknown desk a 404", async (room) => {
  const story = await room.story();
  for (const payload of [{ desk_id: 5 }, { update: [] }, { update: {} }, { update: { _id: 7 } }]) {
    await refused(await rewrite(room, story, payload), 400);
  }
  await refused(await rewrite(room, story, { desk_id: "5f0000000000000000000000" }), 404);
  await refused(await rewrite(room, story, { desk_id: "not-a-desk" }), 404);
  const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(stored.rewritten_by, undefined);
});

publishingTest("an update goes to a desk only its members (or movers) may use", async (room) => {
  const story = await room.story();
  const other = await body(
    await room.editor.post("/api/desks", {
      name: "Sports",
      members: [{ user: room.writer.userId }],
    }),
    201,
  );
  await refused(await rewrite(room, story, { desk_id: other._id }), 403);
  const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(stored.rewritten_by, undefined);
});

publishingTest("an unknown or unseen story and update are 404s", async (room) => {
  const story = await room.story();
  await refused(await rewrite(room, { _id: "urn:nothing" }), 404, "Cannot find the article");
  await refused(
    await rewrite(room, story, { update: { _id: "urn:nothing" } }),
    404,
    "Cannot find the update",
  );
  // The writer's personal draft is not the editor's to see.
  const draft = await body(await room.writer.post("/api/archive", { headline: "Mine" }), 201);
  await refused(await rewrite(room, story, { update: { _id: draft._id } }), 404);
  await refused(await rewrite(room, draft), 404);
});

publishingTest("a package cannot be linked as an update", async (room) => {
  const story = await room.story();
  const pkg = await room.story({ type: "composite", headline: "Package", body_html: null });
  await refused(
    await rewrite(room, story, { update: { _id: pkg._id } }),
    400,
    "Rewrite story can only be text or pre-formatted !",
  );
});

publishingTest("a story cannot be linked as its own update", async (room) => {
  const story = await room.story();
  await refused(await rewrite(room, story, { update: { _id: story._id } }), 400);
  const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(stored.rewrite_of, undefined);
  assert.equal(stored.rewritten_by, undefined);
});

publishingTest("a story locked by another user cannot be linked (403)", async (room) => {
  const story = await room.story();
  const other = await room.story({ headline: "Locked" });
  await body(await room.writer.post(`/api/archive/${other._id}/lock`, {}), 201);
  await refused(
    await rewrite(room, story, { update: { _id: other._id } }),
    403,
    "The item was locked by another user",
  );
  const stored = await body(await room.editor.get(`/api/archive/${other._id}`));
  assert.equal(stored.rewrite_of, undefined);
});

publishingTest("a story spiked while its update is made is not left linked", async (room) => {
  const story = await room.story();
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  let spiked = false;
  // The spike lands after the update is stored and before the story is marked.
  archive.hooks.add({
    async afterCreate(items) {
      if (spiked || items[0]?.rewrite_of !== story._id) return;
      spiked = true;
      const current = await body(await room.editor.get(`/api/archive/${story._id}`));
      await body(await room.act("spike", current));
    },
  });
  const answer = await rewrite(room, story);
  assert.ok(spiked);
  await refused(answer, 412, "Workflow transition is invalid.");
  const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(stored.state, "spiked");
  assert.equal(stored.rewritten_by ?? null, null);
  const where = encodeURIComponent(JSON.stringify({ rewrite_of: story._id }));
  const updates = await body(await room.editor.get(`/api/archive?where=${where}`));
  assert.deepEqual(updates._items, []);
});

publishingTest("the first story of the chain cannot become its update's update", async (room) => {
  const first = await room.story({ headline: "First" });
  const second = await room.story({ headline: "Second" });
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  // `second` is `first`'s published update (set in the store: the chain is what matters).
  const stored = await archive.getById(second._id, SYSTEM_ACTOR);
  await archive.writeUnversioned(stored, { rewrite_of: first._id, state: "published" });
  const current = await archive.getById(first._id, SYSTEM_ACTOR);
  await archive.writeUnversioned(current, { rewritten_by: second._id });
  await refused(await rewrite(room, second, { update: { _id: first._id } }), 400);
  const after = await body(await room.editor.get(`/api/archive/${first._id}`));
  assert.equal(after.rewrite_of, undefined);
});

publishingTest("an update spiked before its story names it leaves the story free", async (room) => {
  const story = await room.story();
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  let spiked = false;
  archive.hooks.add({
    async afterCreate(items) {
      const update = items[0];
      if (spiked || update?.rewrite_of !== story._id) return;
      spiked = true;
      await body(await room.act("spike", update));
    },
  });
  await refused(await rewrite(room, story), 412);
  assert.ok(spiked);
  const stored = await body(await room.editor.get(`/api/archive/${story._id}`));
  assert.equal(stored.rewritten_by ?? null, null);
  await body(await rewrite(room, story), 201);
});

publishingTest(
  "two stories linked to one story at once: the loser is as it was",
  async (room) => {
    const story = await room.story();
    const one = await room.story({
      headline: "One",
      subject: [{ qcode: "01000000", name: "arts, culture and entertainment" }],
    });
    const two = await room.story({
      headline: "Two",
      subject: [{ qcode: "02000000", name: "crime, law and justice" }],
    });
    // Both requests link their update before either names it on the story: each waits at the
    // link's write until the other arrives there, so the race is run, not left to chance.
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    const write = archive.writeUnversioned.bind(archive);
    const bothLinking = Promise.withResolvers<void>();
    let linking = 0;
    archive.writeUnversioned = async (current, set, options) => {
      if (set.rewrite_of === story._id && linking < 2) {
        if (++linking === 2) bothLinking.resolve();
        await bothLinking.promise;
      }
      return write(current, set, options);
    };
    const answers = await Promise.all([
      rewrite(room, story, { update: { _id: one._id } }),
      rewrite(room, story, { update: { _id: two._id } }),
    ]);
    assert.equal(linking, 2);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [201, 400]);
    const lost = answers[0]!.status === 400 ? one : two;
    for (const answer of answers) await answer.body?.cancel();
    const after = await body(await room.editor.get(`/api/archive/${lost._id}`));
    for (const field of ["rewrite_of", "rewrite_sequence", "anpa_take_key"]) {
      assert.equal(after[field] ?? null, null, field);
    }
    assert.deepEqual(after.subject, lost.subject);
    assert.equal(after.state, lost.state);
  },
);

publishingTest("the client's archive_rewrite link in GET /api reaches the route", async (room) => {
  const home = await body(await room.editor.get("/api"));
  const link = home._links.child.find((child: Json) => child.title === "archive_rewrite");
  assert.ok(link, JSON.stringify(home._links.child));
  const story = await room.story();
  // As the client's api service resolves it: the `<...>` placeholder becomes the item's id.
  const path = String(link.href).replace(/<.*>/, story._id).replace(/^\//, "");
  const update = await body(
    await room.editor.post(`/api/${path}`, { desk_id: room.desk._id }),
    201,
  );
  assert.equal(update.rewrite_of, story._id);
});

publishingTest("a story on a read-only stage cannot be linked (403)", async (room) => {
  const story = await room.story();
  const other = await room.story({ headline: "Read-only" });
  const stage = await body(await room.editor.get(`/api/stages/${other.task.stage}`));
  await body(
    await room.editor.patch(`/api/stages/${stage._id}`, { local_readonly: true }, {
      etag: stage._etag,
    }),
  );
  await refused(await rewrite(room, story, { update: { _id: other._id } }), 403);
  const stored = await body(await room.editor.get(`/api/archive/${other._id}`));
  assert.equal(stored.rewrite_of, undefined);
});
