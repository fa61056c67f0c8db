/**
 * Fields only the server writes: a writer cannot re-attribute an item (`original_creator`,
 * `version_creator`) or forge its lock, on create or by an edit; sending the stored value back
 * is allowed, as Eve's read-only rule.
 */
import assert from "node:assert/strict";
import { body, deskStory, newsroomTest } from "../newsroom/_newsroom.ts";

for (const field of ["original_creator", "version_creator", "lock_user"]) {
  newsroomTest(
    `PATCH /api/archive/<id> setting ${field} to another user answers 400`,
    async (room) => {
      const story = await deskStory(room);
      const response = await room.writer.patch(`/api/archive/${story._id}`, {
        [field]: room.editor.userId,
      }, { etag: story._etag });
      const error = await body(response, 400);
      assert.equal(error._issues[field], "field is read-only");
      const stored = await body(await room.writer.get(`/api/archive/${story._id}`));
      assert.equal(stored._etag, story._etag);
      assert.equal(stored.original_creator, room.writer.userId);
    },
  );
}

newsroomTest(
  "POST /api/archive naming another user as original_creator answers 400",
  async (room) => {
    const response = await room.writer.post("/api/archive", {
      headline: "Forged",
      original_creator: room.editor.userId,
    });
    const error = await body(response, 400);
    assert.equal(error._issues.original_creator, "field is read-only");
  },
);

newsroomTest("PATCH /api/archive/<id> may send the stored original_creator back", async (room) => {
  const story = await deskStory(room);
  const response = await room.writer.patch(`/api/archive/${story._id}`, {
    headline: "Edited",
    original_creator: story.original_creator,
  }, { etag: story._etag });
  await body(response);
  const saved = await body(await room.writer.get(`/api/archive/${story._id}`));
  assert.equal(saved.headline, "Edited");
  assert.equal(saved.original_creator, room.writer.userId);
  assert.equal(saved.version_creator, room.writer.userId);
});
