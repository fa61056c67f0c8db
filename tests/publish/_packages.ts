/** Package fixtures of the publishing tests. */
import assert from "node:assert/strict";
import { body, type Json } from "../newsroom/_newsroom.ts";
import type { Room } from "./_publishing.ts";

/** A package on the desk's working stage holding the text items `ids` in group `main`. */
export async function createPackage(room: Room, ids: string[]): Promise<Json> {
  return await body(
    await room.editor.post("/api/archive", {
      type: "composite",
      headline: "Package",
      task: { desk: room.desk._id, stage: room.desk.working_stage },
      groups: [
        { id: "root", refs: [{ idRef: "main" }] },
        { id: "main", refs: ids.map((id) => ({ residRef: id, type: "text" })) },
      ],
    }),
    201,
  );
}

/** Two stories and a package holding them, over HTTP. */
export async function packageOfTwo(room: Room): Promise<{ stories: Json[]; pkg: Json }> {
  const stories = [await room.story({ headline: "One" }), await room.story({ headline: "Two" })];
  const created = await createPackage(room, stories.map((story) => story._id));
  // Sent to the stories' stage, so it is `submitted` as they are.
  const moved = await room.editor.post(`/api/archive/${created._id}/move`, {
    task: stories[0]!.task,
  });
  assert.equal(moved.status, 201, await moved.text());
  return { stories, pkg: await body(await room.editor.get(`/api/archive/${created._id}`)) };
}
