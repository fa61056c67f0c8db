/**
 * A stage hidden from non-members (`is_visible: false` on the room's desk) and a copy of story
 * `secret` on it, for the tests of what users who cannot see that stage may read or copy.
 */
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, type Json, type Newsroom } from "../newsroom/_newsroom.ts";

/** A stage of the room's desk hidden from those who are not its members. */
export async function hiddenStage(room: Newsroom): Promise<Json> {
  return await body(
    await room.editor.post("/api/stages", {
      name: "Legal review",
      desk: room.desk._id,
      is_visible: false,
    }),
    201,
  );
}

/** A copy of story `secret` (headline "secret", version 2) in `resource`, on a hidden stage. */
export async function hiddenCopy(room: Newsroom, resource: "published" | "archived") {
  const hidden = await hiddenStage(room);
  await room.app.platform.registry.service(resource).create(
    [{
      item_id: "secret",
      guid: "secret",
      type: "text",
      state: "published",
      headline: "secret",
      _current_version: 2,
      task: { desk: room.desk._id, stage: hidden._id },
    }],
    SYSTEM_ACTOR,
    { trusted: true },
  );
}
