/**
 * Content expiry of published items: their copies move to `archived` exactly once, even when
 * runs overlap or one stops half-way (`expiry_intents.ts`), and an item that changes while a run
 * looks at it stays with its copies.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import { removeExpiredContent } from "../../src/newsroom/content_expiry.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { pendingIntents, recordIntent } from "../../src/newsroom/expiry_intents.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";
import { expired, expireSeen, publishedTwice } from "./_expiry_fixtures.ts";

/** How many documents of `collection` belong to item `id`. */
function countOf(room: Room, collection: string, id: string, field = "item_id") {
  return room.app.platform.documents.collection(collection).count({ [field]: id });
}

publishingTest("overlapping expiry runs archive each published copy once", async (room) => {
  const item = await publishedTwice(room);
  await expired(room, item._id);
  const registry = room.app.platform.registry;
  const runs = await Promise.all(
    [1, 2, 3].map(() => removeExpiredContent(registry, { log: silentLogger })),
  );
  assert.equal(runs.reduce((sum, run) => sum + run.removed, 0), 1);
  assert.equal((await room.editor.get(`/api/archive/${item._id}`)).status, 404);
  assert.equal(await countOf(room, "archived", item._id), 2);
  assert.equal(await countOf(room, "published", item._id), 0);
  assert.equal(await countOf(room, "publish_queue", item._id), 0);
  const archived = await body(
    await room.editor.get(`/api/archived?where={"item_id":"${item._id}"}`),
  );
  assert.deepEqual(archived._items.map((copy: Json) => copy.state).sort(), [
    "corrected",
    "published",
  ]);
});

publishingTest("copies whose item a stopped run deleted are archived by the next", async (room) => {
  const item = await publishedTwice(room);
  // A run that recorded the item's retirement, deleted it and stopped before it moved the copies
  // (their expiry is still ahead: only the record leads the next run to them).
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  const [stored] = await archive.storedItems([item._id]);
  await recordIntent(archive.documents, { itemId: item._id, archive: true });
  assert.ok(await archive.deleteIfUnchanged(stored!));
  assert.equal(await countOf(room, "published", item._id), 2);
  await removeExpiredContent(room.app.platform.registry, { log: silentLogger });
  assert.equal(await countOf(room, "archived", item._id), 2);
  assert.equal(await countOf(room, "published", item._id), 0);
  assert.equal(await countOf(room, "publish_queue", item._id), 0);
  assert.deepEqual(await pendingIntents(archive.documents), []);
  await removeExpiredContent(room.app.platform.registry, { log: silentLogger });
  assert.equal(await countOf(room, "archived", item._id), 2);
});

publishingTest("a recorded retirement whose item was not deleted leaves it", async (room) => {
  const item = await publishedTwice(room);
  const archive = room.app.platform.registry.service<ArchiveService>("archive");
  await recordIntent(archive.documents, { itemId: item._id, archive: true });
  await removeExpiredContent(room.app.platform.registry, { log: silentLogger });
  await body(await room.editor.get(`/api/archive/${item._id}`));
  assert.equal(await countOf(room, "published", item._id), 2);
  assert.equal(await countOf(room, "archived", item._id), 0);
  assert.deepEqual(await pendingIntents(archive.documents), []);
});

publishingTest("an item changed while expiry reads it stays, with its copies", async (room) => {
  const item = await publishedTwice(room);
  const seen: Doc = await expired(room, item._id);
  // The item changes after the run read it (here: a newer expiry written by someone else).
  await expired(room, item._id, 2);
  const removed = await expireSeen(room, seen);
  assert.deepEqual(removed, []);
  await body(await room.editor.get(`/api/archive/${item._id}`));
  assert.equal(await countOf(room, "published", item._id), 2);
  assert.equal(await countOf(room, "publish_queue", item._id), 2);
  assert.equal(await countOf(room, "archived", item._id), 0);
});

publishingTest("published content on a preserving desk does not expire", async (room) => {
  const item = await publishedTwice(room);
  await body(
    await room.editor.patch(`/api/desks/${room.desk._id}`, { preserve_published_content: true }, {
      etag: (await body(await room.editor.get(`/api/desks/${room.desk._id}`)))._etag,
    }),
  );
  await expired(room, item._id);
  const result = await removeExpiredContent(room.app.platform.registry, { log: silentLogger });
  assert.equal(result.removed, 0);
  await body(await room.editor.get(`/api/archive/${item._id}`));
  assert.equal(await countOf(room, "published", item._id), 2);
});
