/**
 * Moving a package with `allPackageItems`: every item is checked before anything moves, so an
 * item locked by another user refuses the move (403) with the package and its items in place; the
 * target stage's onstage rule runs once all have moved, so its failure leaves none behind.
 */
import assert from "node:assert/strict";
import type { Collection } from "../../src/storage/document_store.ts";
import { body, deskPackage, deskStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest(
  "a package whose item is locked by another user does not move at all",
  async (room) => {
    const { writer, editor, desk } = room;
    const first = await deskStory(room, { headline: "first" });
    const second = await deskStory(room, { headline: "second" });
    const pkg = await deskPackage(room, [first._id, second._id]);
    await body(await editor.post(`/api/archive/${second._id}/lock`, {}), 201);
    await refused(
      await writer.post(`/api/archive/${pkg._id}/move`, {
        task: { desk: desk._id, stage: desk.incoming_stage },
        allPackageItems: true,
      }),
      403,
    );
    for (const id of [pkg._id, first._id, second._id]) {
      const item = await body(await writer.get(`/api/archive/${id}`));
      assert.equal(item.task.stage, desk.working_stage, id);
    }
  },
);

newsroomTest(
  "moving a package with its items reads each item once before the item's own move",
  async (room) => {
    const { writer, desk } = room;
    const members = [
      await deskStory(room, { headline: "first" }),
      await deskStory(room, { headline: "second" }),
    ];
    const pkg = await deskPackage(room, members.map((member) => member._id));
    const ids = members.map((member) => String(member._id));
    const reads = countReads(room.app.platform.documents.collection("archive"), ids);
    await body(
      await writer.post(`/api/archive/${pkg._id}/move`, {
        task: { desk: desk._id, stage: desk.incoming_stage },
        allPackageItems: true,
      }),
      201,
    );
    // One read for the checks (both items at once), then each move's read for its write.
    assert.deepEqual(reads.withAll, 1);
    const alone = ids.map((id) => reads.of(id));
    const moveReads = alone[0]!;
    assert.deepEqual(alone, [moveReads, moveReads]);
    for (const id of ids) {
      const item = await body(await writer.get(`/api/archive/${id}`));
      assert.equal(item.task.stage, desk.incoming_stage, id);
    }
    // The items' own moves read as a single item's move does.
    const single = await deskStory(room, { headline: "third" });
    const singleReads = countReads(room.app.platform.documents.collection("archive"), [
      String(single._id),
    ]);
    await body(
      await writer.post(`/api/archive/${single._id}/move`, {
        task: { desk: desk._id, stage: desk.incoming_stage },
      }),
      201,
    );
    assert.equal(singleReads.of(String(single._id)), moveReads);
  },
);

newsroomTest(
  "a package's item moved onto the target stage (and locked there) after the checks stays, and the move succeeds",
  async (room) => {
    const { writer, editor, desk } = room;
    const first = await deskStory(room, { headline: "first" });
    const second = await deskStory(room, { headline: "second" });
    const pkg = await deskPackage(room, [first._id, second._id]);
    const target = { desk: desk._id, stage: desk.incoming_stage };
    // Another user moves the second item and opens it there once the package has moved, before
    // its items do.
    let moved: Response | undefined;
    let locked: Response | undefined;
    room.app.platform.services.signals.on("item:moved", async ({ item }) => {
      if (item._id !== pkg._id || moved) return;
      moved = await editor.post(`/api/archive/${second._id}/move`, { task: target });
      locked = await editor.post(`/api/archive/${second._id}/lock`, {});
    }, { app: "test" });
    await body(
      await writer.post(`/api/archive/${pkg._id}/move`, { task: target, allPackageItems: true }),
      201,
    );
    await body(moved!, 201);
    await body(locked!, 201);
    for (const id of [pkg._id, first._id, second._id]) {
      const item = await body(await writer.get(`/api/archive/${id}`));
      assert.equal(item.task.stage, desk.incoming_stage, id);
    }
  },
);

newsroomTest(
  "a package whose onstage rule fails is answered 400 with its items moved along",
  async (room) => {
    const { writer, editor, desk } = room;
    const first = await deskStory(room, { headline: "first" });
    const second = await deskStory(room, { headline: "second" });
    const pkg = await deskPackage(room, [first._id, second._id]);
    const saved = await body(
      await writer.patch(`/api/archive/${pkg._id}`, { headline: "" }, { etag: pkg._etag }),
    );
    assert.equal(saved.headline, "");
    const stage = await body(
      await editor.post("/api/stages", {
        name: "Checked",
        desk: desk._id,
        onstage_macro: "validate_headline",
      }),
      201,
    );
    await refused(
      await writer.post(`/api/archive/${pkg._id}/move`, {
        task: { desk: desk._id, stage: stage._id },
        allPackageItems: true,
      }),
      400,
      "Error:'Headline cannot be empty!' in onstage rule:Validate Headline for stage:Checked",
    );
    for (const id of [pkg._id, first._id, second._id]) {
      const item = await body(await writer.get(`/api/archive/${id}`));
      assert.equal(item.task.stage, stage._id, id);
    }
  },
  { env: { INSTALLED_APPS: "tests/apps/fixtures/stage_rule_macros_app.ts" } },
);

/** Counts the reads of `collection` naming each of `ids`, and those naming all of them at once. */
function countReads(collection: Collection, ids: string[]) {
  const byId = new Map<string, number>();
  const counter = { withAll: 0, of: (id: string) => byId.get(id) ?? 0 };
  const count = (filter: unknown) => {
    const text = JSON.stringify(filter);
    const named = ids.filter((id) => text.includes(id));
    if (ids.length > 1 && named.length === ids.length) counter.withAll++;
    else for (const id of named) byId.set(id, (byId.get(id) ?? 0) + 1);
  };
  for (const method of ["find", "findOne", "findJson", "findOneJson"] as const) {
    const read = collection[method]?.bind(collection) as
      | ((...args: unknown[]) => Promise<unknown>)
      | undefined;
    if (!read) continue;
    (collection as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      count(args[0]);
      return read(...args);
    };
  }
  return counter;
}
