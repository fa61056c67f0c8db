/**
 * Opening a correction (`PATCH /api/archive/correction/<id>`): the story goes to its desk's
 * working stage in state `correction` with no new version, its published copy is
 * `being_corrected`; cancelling puts both back; with `CORRECTIONS_WORKFLOW` the correction
 * settles the copy. Embedded default and real engines.
 */
import assert from "node:assert/strict";
import { body, eventsNamed, type Json } from "../newsroom/_newsroom.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { publishingTest, type Room } from "./_publishing.ts";

/** The published copies of `id` (their own ids as `_id`), newest version first. */
async function copiesOf(room: Room, id: string): Promise<Json[]> {
  const where = JSON.stringify({ item_id: id });
  const list = await body(await room.editor.get(`/api/published?published_id=1&where=${where}`));
  return (list._items as Json[]).sort((a, b) => b._current_version - a._current_version);
}

/** PATCH /api/archive/correction/<id> (`?remove_correction=true` with `cancel`). */
async function correction(room: Room, item: Json, { cancel = false } = {}): Promise<Json> {
  const query = cancel ? "?remove_correction=true" : "";
  return await body(
    await room.editor.patch(`/api/archive/correction/${item._id}${query}`, {}, {
      etag: item._etag,
    }),
  );
}

publishingTest(
  "a correction opened and cancelled puts the story and its copy back",
  async (room) => {
    const published = await body(await room.act("publish", await room.story()));
    const opened = await correction(room, published);
    assert.equal(opened.state, "correction");
    assert.equal(opened._current_version, published._current_version);
    assert.equal(opened.task.stage, room.desk.working_stage);
    assert.deepEqual((await copiesOf(room, published._id)).map((copy) => copy.state), [
      "being_corrected",
    ]);
    const events = await eventsNamed(room, "item:correction");
    assert.deepEqual(events.map((event) => event.extra.item), [published._id]);

    const cancelled = await correction(room, opened, { cancel: true });
    assert.equal(cancelled.state, "published");
    assert.equal(cancelled.operation, "cancel_correction");
    assert.deepEqual((await copiesOf(room, published._id)).map((copy) => copy.state), [
      "published",
    ]);
    // Nothing to cancel any more, and a story never published cannot be opened.
    const again = await room.editor.patch(
      `/api/archive/correction/${published._id}?remove_correction=true`,
      {},
      { etag: cancelled._etag },
    );
    assert.equal(again.status, 404, await again.text());
    const draft = await room.story();
    const refused = await room.editor.patch(`/api/archive/correction/${draft._id}`, {}, {
      etag: draft._etag,
    });
    assert.equal(refused.status, 412, await refused.text());
  },
);

publishingTest("with CORRECTIONS_WORKFLOW a correction settles the copy being corrected", async (
  room,
) => {
  const published = await body(await room.act("publish", await room.story()));
  const opened = await correction(room, published);
  const corrected = await body(
    await room.act("correct", opened, { headline: "Budget vote, corrected" }),
  );
  assert.equal(corrected.state, "corrected");
  const states = (await copiesOf(room, published._id)).map((copy) => copy.state);
  assert.deepEqual(states, ["corrected", "published"]);
}, { env: { CORRECTIONS_WORKFLOW: "true" } });

publishingTest("a correction needs the etag and the correct privilege", async (room) => {
  const published = await body(await room.act("publish", await room.story()));
  const stale = await room.editor.patch(`/api/archive/correction/${published._id}`, {}, {
    etag: "0".repeat(40),
  });
  assert.equal(stale.status, 412, await stale.text());
  const writer = await room.writer.patch(`/api/archive/correction/${published._id}`, {}, {
    etag: published._etag,
  });
  assert.equal(writer.status, 403, await writer.text());
  assert.deepEqual((await copiesOf(room, published._id)).map((copy) => copy.state), ["published"]);
});

publishingTest("a correction whose story write fails leaves the published copy as it was", async (
  room,
) => {
  const published = await body(await room.act("publish", await room.story()));
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  const write = archive.writeUnversioned.bind(archive);
  let failures = 0;
  archive.writeUnversioned = (...args) => {
    if (failures++ === 0) throw new Error("injected failure writing the story");
    return write(...args);
  };
  const failed = await room.editor.patch(`/api/archive/correction/${published._id}`, {}, {
    etag: published._etag,
  });
  await failed.body?.cancel();
  assert.equal(failed.status, 500);
  assert.deepEqual((await copiesOf(room, published._id)).map((copy) => copy.state), ["published"]);
  const opened = await correction(room, published);
  assert.equal(opened.state, "correction");
});

publishingTest(
  "a correction keeps a write that left the story's etag as it was (another user's highlight)",
  async (room) => {
    const published = await body(await room.act("publish", await room.story()));
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    const id = String(published._id);
    // Right after the copy is marked, another user marks the story (its etag kept).
    const write = archive.writeUnversioned.bind(archive);
    let marked = false;
    archive.writeUnversioned = async (current, set, options) => {
      if (!marked) {
        marked = true;
        const now = await archive.findOne({ _id: id });
        assert.ok(await write(now!, { highlights: ["h1"] }, { keepEtag: true }));
      }
      return await write(current, set, options);
    };
    const opened = await correction(room, published);
    assert.equal(opened.state, "correction");
    assert.deepEqual(opened.highlights, ["h1"]);
    assert.deepEqual((await copiesOf(room, id)).map((copy) => copy.state), ["being_corrected"]);
  },
);
