/**
 * A kill from `archived` that fails between its writes (the production item, the published copy,
 * its queueing, the removal of the archived copies) is finished by the next kill of the same copy:
 * one production item, one version, one published copy, no archived copy left.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { PublishedService } from "../../src/publish/published_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { body, eventsNamed, type Newsroom, newsroomTest, signIn } from "../newsroom/_newsroom.ts";

/** Where a kill fails once: a hook or service method of the step that throws. */
const FAULTS: Record<string, (room: Newsroom, fail: () => void) => void> = {
  "after storing the production item": (room, fail) =>
    room.app.platform.registry.service("archive").addHooks("fault", { onCreated: fail }),
  "before storing the published copy": (room, fail) => {
    const published = room.app.platform.registry.service<PublishedService>("published");
    const record = published.record.bind(published);
    published.record = (...args) => (fail(), record(...args));
  },
  "before marking the copy queued": (room, fail) => {
    const published = room.app.platform.registry.service<PublishedService>("published");
    const transition = published.transition.bind(published);
    published.transition = (...args) => (fail(), transition(...args));
  },
  "before removing the newest archived copy": (room, fail) =>
    room.app.platform.registry.service("archived").addHooks("fault", {
      onDelete: (doc: Doc) => doc._current_version === 2 ? fail() : undefined,
    }),
};

for (const [step, inject] of Object.entries(FAULTS)) {
  newsroomTest(`archived: a kill failing ${step} is finished by the next kill`, async (room) => {
    const copies = [1, 2].map((version) => ({
      item_id: "story-f",
      guid: "story-f",
      type: "text",
      state: "published",
      headline: "Budget vote",
      _current_version: version,
    }));
    await room.app.platform.registry.service("archived").create(copies, SYSTEM_ACTOR, {
      trusted: true,
    });
    let failures = 0;
    inject(room, () => {
      if (failures++ === 0) throw new Error(`injected failure ${step}`);
    });
    const archivist = await signIn(room.app, "archivist", { archived: 1 });
    const found = await body(await archivist.get("/api/archived/story-f:2"));
    const kill = () =>
      archivist.patch(`/api/archived/${found._id}`, { operation: "kill" }, { etag: found._etag });
    const failed = await kill();
    await failed.body?.cancel();
    assert.equal(failed.status, 500);
    assert.equal((await body(await kill())).state, "killed");
    const documents = room.app.platform.documents;
    const item = (await documents.collection("archive").findOne({ _id: "story-f" }))!;
    assert.deepEqual([item.state, item._current_version], ["killed", 3]);
    assert.equal(
      await documents.collection("archive_versions").count({ _id_document: "story-f" }),
      1,
    );
    const published = await documents.collection("published").find({ item_id: "story-f" });
    assert.deepEqual(published.map((copy) => [copy.state, copy.queue_state]), [[
      "killed",
      "queued_not_transmitted",
    ]]);
    assert.equal(await documents.collection("archived").count({ item_id: "story-f" }), 0);
    assert.equal((await eventsNamed(room, "item:deleted:archived")).length, 1);
  });
}
