/**
 * Items stored without a version (`CreateOptions.unversioned`, how Superdesk's `Given` stores
 * fixtures): a client's PATCH or PUT first records the item as version 1 (Eve's
 * `late_versioning_catch`) and makes version 2; a service's own write (a move) makes version 1
 * with one copy, as Eve's `resolve_document_version` does; a versioned create is unchanged.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, type Json, type Newsroom, newsroomTest, signInMember } from "./_newsroom.ts";

/** Stores an unversioned item on the room's desk, as a fixture; answers it as the writer reads it. */
async function unversionedItem(room: Newsroom, id: string): Promise<Json> {
  const archive = room.app.platform.registry.service("archive");
  await archive.create(
    [{
      _id: id,
      guid: id,
      type: "text",
      headline: "Budget vote",
      state: "submitted",
      task: { desk: room.desk._id, stage: room.desk.working_stage },
    }],
    SYSTEM_ACTOR,
    { trusted: true, unversioned: true },
  );
  const item = await body(await room.writer.get(`/api/archive/${id}`));
  assert.equal(item._current_version, undefined);
  return item;
}

/** The versions of item `id` as `?version=all` lists them, oldest first, with their headlines. */
async function versionsOf(room: Newsroom, id: string) {
  const list = await body(await room.writer.get(`/api/archive/${id}?version=all`));
  return (list._items as Json[])
    .map((copy) => [copy._current_version, copy.headline])
    .sort((a, b) => a[0] - b[0]);
}

newsroomTest("an unversioned item has no version copy", async (room) => {
  await unversionedItem(room, "late-0");
  assert.deepEqual(await versionsOf(room, "late-0"), []);
});

newsroomTest("a client's PATCH of an unversioned item records it as version 1", async (room) => {
  const item = await unversionedItem(room, "late-1");
  const saved = await body(
    await room.writer.patch("/api/archive/late-1", { headline: "Budget vote, 2" }, {
      etag: item._etag,
    }),
  );
  assert.equal(saved._current_version, 2);
  assert.deepEqual(await versionsOf(room, "late-1"), [
    [1, "Budget vote"],
    [2, "Budget vote, 2"],
  ]);
});

newsroomTest("a service's own write of an unversioned item makes version 1", async (room) => {
  await unversionedItem(room, "late-2");
  const archive = room.app.platform.registry.service("archive");
  const stored = await archive.update("late-2", { headline: "Budget vote, 2" });
  assert.equal(stored._current_version, 1);
  assert.deepEqual(await versionsOf(room, "late-2"), [[1, "Budget vote, 2"]]);
});

newsroomTest("a client's PATCH of a versioned item makes the next version only", async (room) => {
  await unversionedItem(room, "late-3");
  const archive = room.app.platform.registry.service("archive");
  const first = await archive.update("late-3", { headline: "Budget vote, 2" });
  assert.equal(first._current_version, 1);
  const saved = await body(
    await room.writer.patch("/api/archive/late-3", { headline: "Budget vote, 3" }, {
      etag: String(first._etag),
    }),
  );
  assert.equal(saved._current_version, 2);
  assert.deepEqual(await versionsOf(room, "late-3"), [
    [1, "Budget vote, 2"],
    [2, "Budget vote, 3"],
  ]);
});

newsroomTest("a client's PUT of an unversioned item records it as version 1", async (room) => {
  const item = await unversionedItem(room, "late-4");
  const { _id: _, _etag, _links, _created, _updated, _type, ...fields } = item;
  const replaced = await body(
    await room.writer.put("/api/archive/late-4", { ...fields, headline: "Budget vote, 2" }, {
      etag: _etag,
    }),
  );
  assert.equal(replaced._current_version, 2);
  assert.deepEqual(await versionsOf(room, "late-4"), [
    [1, "Budget vote"],
    [2, "Budget vote, 2"],
  ]);
});

newsroomTest(
  "a tasks PATCH of an unversioned item makes version 1, without a catch",
  async (room) => {
    // Superdesk's `tasks` resource is not versioned in Eve (no late catch); its `on_update`
    // numbers the item by `resolve_document_version`: no version → 1.
    const item = await unversionedItem(room, "late-5");
    const tasks = await signInMember(room, "tasker", { archive: 1, tasks: 1 });
    const saved = await body(
      await tasks.patch("/api/tasks/late-5", { slugline: "budget" }, { etag: item._etag }),
    );
    assert.equal(saved._current_version, 1);
    assert.ok((await versionsOf(room, "late-5")).every(([version]) => version === 1));
  },
);

newsroomTest("two late-versioned writes at once catch the item up once", async (room) => {
  await unversionedItem(room, "late-6");
  const archive = room.app.platform.registry.service("archive");
  const writes = ["Budget vote, a", "Budget vote, b"].map((headline) =>
    archive.update("late-6", { headline }, { lateVersioning: true })
  );
  const versions = (await Promise.all(writes)).map((stored) => stored._current_version).sort();
  assert.deepEqual(versions, [2, 3]);
  const copies = await versionsOf(room, "late-6");
  assert.deepEqual(copies.map(([version]) => version), [1, 2, 3]);
  assert.equal(copies[0]![1], "Budget vote");
});
