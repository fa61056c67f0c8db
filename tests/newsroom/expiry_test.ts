/** The content-expiry task: expired spiked items and their versions go, in batches, once. */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import {
  contentExpirySchedule,
  contentExpiryTask,
  removeExpiredContent,
} from "../../src/newsroom/content_expiry.ts";
import type { LockService } from "../../src/tasks/lock.ts";
import { awaitEvent, body, deskStory, type Newsroom, newsroomTest } from "./_newsroom.ts";

const HOUR = 3_600_000;

/**
 * Three spiked stories on a stage whose content expires after 1 minute, and one live story on
 * a stage whose content never expires.
 */
async function stories(room: Newsroom) {
  const { editor, writer, desk } = room;
  const stage = await body(
    await editor.post("/api/stages", { name: "Fast", desk: desk._id, content_expiry: 1 }),
    201,
  );
  const task = { desk: desk._id, stage: stage._id };
  const spiked: string[] = [];
  for (let i = 0; i < 3; i++) {
    const item = await deskStory(room, { task, headline: `Spiked ${i}` });
    await body(await writer.patch(`/api/archive/spike/${item._id}`, {}, { etag: item._etag }));
    spiked.push(item._id);
  }
  const live = await deskStory(room, { headline: "Live" });
  return { spiked, live: live._id as string, task };
}

function versionsOf(room: Newsroom, id: string) {
  return room.app.platform.documents.collection("archive_versions").count({ _id_document: id });
}

newsroomTest(
  "removeExpiredContent removes expired spiked items and their versions",
  async (room) => {
    const { app, editor } = room;
    const { spiked, live } = await stories(room);
    const registry = app.platform.registry;
    const early = await removeExpiredContent(registry, { log: silentLogger, batchSize: 2 });
    assert.deepEqual(early, { removed: 0, batches: 0 });

    const later = new Date(Date.now() + HOUR);
    const result = await removeExpiredContent(registry, {
      now: later,
      batchSize: 2,
      log: silentLogger,
    });
    assert.deepEqual(result, { removed: 3, batches: 2 });
    for (const id of spiked) {
      assert.equal((await editor.get(`/api/archive/${id}`)).status, 404);
      assert.equal(await versionsOf(room, id), 0);
    }
    await body(await editor.get(`/api/archive/${live}`));
    assert.ok((await versionsOf(room, live)) > 0);
    const expired = await awaitEvent(room, "item:expired");
    assert.equal(Object.keys(expired.extra.items as object).length, 2);
    await awaitEvent(room, "content:expired");

    const again = await removeExpiredContent(registry, { now: later, log: silentLogger });
    assert.equal(again.removed, 0);
  },
);

newsroomTest("an item unspiked on its desk expires as desk content does", async (room) => {
  const { app, editor } = room;
  const { spiked, task } = await stories(room);
  const current = await body(await editor.get(`/api/archive/${spiked[0]}`));
  const unspiked = await body(
    await editor.patch(`/api/archive/unspike/${spiked[0]}`, { task }, { etag: current._etag }),
  );
  assert.notEqual(unspiked.state, "spiked");
  const registry = app.platform.registry;
  const archive = app.platform.documents.collection("archive");
  const expiryOf = (doc: { expiry?: unknown }) => (doc.expiry as Date).getTime();
  const early = new Date(Math.max(...(await archive.find({ state: "spiked" })).map(expiryOf)));
  assert.ok(early.getTime() < expiryOf((await archive.findOne({ _id: unspiked._id }))!));
  assert.equal(
    (await removeExpiredContent(registry, { now: early, log: silentLogger })).removed,
    2,
  );
  await body(await editor.get(`/api/archive/${spiked[0]}`));
  const later = new Date(expiryOf((await archive.findOne({ _id: unspiked._id }))!) + 1);
  assert.equal(
    (await removeExpiredContent(registry, { now: later, log: silentLogger })).removed,
    1,
  );
  assert.equal((await editor.get(`/api/archive/${spiked[0]}`)).status, 404);
});

newsroomTest(
  "the expiry task runs under its lock and skips when another run holds it",
  async (room) => {
    const { app } = room;
    await stories(room);
    const held = new Set<string>();
    const locks: LockService = {
      acquire: (name) => Promise.resolve(held.has(name) ? null : (held.add(name), name)),
      renew: (name) => Promise.resolve(held.has(name)),
      release: (name) => Promise.resolve(held.delete(name)),
    };
    const context = {
      services: { registry: app.platform.registry, locks },
      signal: new AbortController().signal,
      log: silentLogger,
      attempt: 1,
      taskId: "t1",
    };
    held.add("archive-remove_expired");
    await contentExpiryTask.handler({}, context);
    const spikedCount = () =>
      app.platform.documents.collection("archive").count({ state: "spiked" });
    assert.equal(await spikedCount(), 3);
    held.clear();
    await contentExpiryTask.handler({}, context);
    assert.equal(await spikedCount(), 3, "nothing has expired yet at the real time");
    assert.equal(held.size, 0);
    assert.deepEqual(contentExpirySchedule.task, { name: contentExpiryTask.name, queue: "expiry" });
    assert.equal(contentExpirySchedule.nextAfter(0), 30 * 60_000);
  },
);
