/**
 * Moving a package with `allPackageItems`: every item is checked before anything moves, so an
 * item locked by another user refuses the move (403) with the package and its items in place.
 */
import assert from "node:assert/strict";
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
