/**
 * Descheduling: saving `publish_schedule` on a scheduled item takes it back to work and removes
 * its scheduled copy, so nothing goes out at the old time; a scheduled copy whose item is no
 * longer scheduled for that time (its removal did not happen) is dropped rather than fired; an
 * action on a scheduled item, and a deschedule, remove the old copy only once their own write is
 * in the archive.
 */
import assert from "node:assert/strict";
import { silentLogger } from "../../src/log.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { enqueuePublished } from "../../src/publish/enqueue_task.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, type Json } from "../newsroom/_newsroom.ts";
import { publishingTest, type Room } from "./_publishing.ts";

/** An hour ahead: the schedule cannot lapse during a test. */
const AHEAD_MS = 3_600_000;

/** A story published for an hour from now, with a subscriber to receive it. */
async function scheduledStory(room: Room) {
  const product = await room.product();
  await room.subscriber({ name: "D", products: [product._id], destinations: [room.pushTo("/d")] });
  const at = new Date(Date.now() + AHEAD_MS).toISOString();
  const scheduled = await body(
    await room.act("publish", await room.story(), { publish_schedule: at }),
  );
  assert.equal(scheduled.state, "scheduled");
  return scheduled;
}

/** Runs the enqueue step as if the schedule had passed; returns how many copies it routed. */
async function enqueueLater(room: Room): Promise<number> {
  const { registry, documents, locks, queue } = room.app.platform;
  const later = new Date(Date.now() + 2 * AHEAD_MS);
  return await enqueuePublished({ registry, documents, locks, queue }, {
    log: silentLogger,
    now: () => later,
  });
}

publishingTest("a scheduled item saved with publish_schedule is descheduled", async (room) => {
  const scheduled = await scheduledStory(room);
  assert.ok(scheduled.firstpublished);
  const saved = await body(
    await room.editor.patch(`/api/archive/${scheduled._id}`, { publish_schedule: null }, {
      etag: scheduled._etag,
    }),
  );
  assert.equal(saved.state, "in_progress");
  assert.equal(saved.operation, "deschedule");
  assert.equal(saved.firstpublished, null);
  assert.equal(saved.publish_schedule, scheduled.publish_schedule);
  const copies = await body(await room.editor.get("/api/published"));
  assert.equal(copies._meta.total, 0);
  // Past the old time, nothing is routed.
  assert.equal(await enqueueLater(room), 0);
  const queue = await body(await room.editor.get("/api/publish_queue"));
  assert.equal(queue._meta.total, 0);
});

publishingTest(
  "a scheduled copy of an item descheduled meanwhile is dropped, not fired",
  async (room) => {
    const scheduled = await scheduledStory(room);
    // The deschedule's archive write landed, its removal of the copy did not (a crash between
    // the two, or the enqueue step claiming the copy in between).
    const archive = room.app.platform.registry.service<ArchiveService>("archive");
    await archive.updateChecked(
      String(scheduled._id),
      SYSTEM_ACTOR,
      () => Promise.resolve({ state: "in_progress", operation: "deschedule" }),
    );
    assert.equal(await enqueueLater(room), 0);
    const item = await body(await room.editor.get(`/api/archive/${scheduled._id}`));
    assert.equal(item.state, "in_progress");
    const copies = await body(await room.editor.get("/api/published"));
    assert.equal(copies._meta.total, 0);
    const queue = await body(await room.editor.get("/api/publish_queue"));
    assert.equal(queue._meta.total, 0);
  },
);

publishingTest(
  "an action on a scheduled item that fails at its write leaves the schedule and its copy",
  async (room) => {
    const scheduled = await scheduledStory(room);
    const platform = room.app.platform;
    const archive = platform.registry.service<ArchiveService>("archive");
    const published = platform.registry.service<PublishedService>("published");
    // Another write lands between the action's checks and its own write.
    const record = published.record.bind(published);
    published.record = async (...args) => {
      published.record = record;
      const recorded = await record(...args);
      await archive.updateChecked(
        String(scheduled._id),
        SYSTEM_ACTOR,
        () => Promise.resolve({ headline: "edited meanwhile" }),
      );
      return recorded;
    };
    const killed = await room.act("kill", scheduled);
    assert.equal(killed.status, 412, await killed.clone().text());
    const item = await body(await room.editor.get(`/api/archive/${scheduled._id}`));
    assert.equal(item.state, "scheduled");
    const copies = await body(await room.editor.get("/api/published"));
    assert.deepEqual(copies._items.map((copy: Json) => copy.state), ["scheduled"]);
    // It still goes out at its time.
    assert.equal(await enqueueLater(room), 1);
  },
);

publishingTest("rescheduling a scheduled item keeps only the new schedule's copy", async (room) => {
  const scheduled = await scheduledStory(room);
  const at = new Date(Math.floor(Date.now() / 1000) * 1000 + AHEAD_MS * 1.5).toISOString();
  const rescheduled = await body(await room.act("publish", scheduled, { publish_schedule: at }));
  assert.equal(rescheduled.state, "scheduled");
  const copies = await body(await room.editor.get("/api/published"));
  assert.deepEqual(
    copies._items.map((copy: Json) => [copy.state, Date.parse(copy.publish_schedule)]),
    [["scheduled", Date.parse(at)]],
  );
  assert.equal(await enqueueLater(room), 1);
});

publishingTest("a deschedule the save refuses leaves the schedule and its copy", async (room) => {
  const scheduled = await scheduledStory(room);
  const embargo = new Date(Date.now() + AHEAD_MS).toISOString();
  const refusedSave = await room.editor.patch(
    `/api/archive/${scheduled._id}`,
    { publish_schedule: null, embargo },
    { etag: scheduled._etag },
  );
  assert.equal(refusedSave.status, 400, await refusedSave.clone().text());
  const item = await body(await room.editor.get(`/api/archive/${scheduled._id}`));
  assert.equal(item.state, "scheduled");
  const copies = await body(await room.editor.get("/api/published"));
  assert.deepEqual(copies._items.map((copy: Json) => copy.state), ["scheduled"]);
  assert.equal(await enqueueLater(room), 1);
});
