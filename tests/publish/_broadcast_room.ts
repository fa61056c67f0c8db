/** The room of the broadcast tests: the genre vocabulary and an editor who may make broadcasts. */
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Json } from "../newsroom/_newsroom.ts";
import type { Room } from "./_publishing.ts";

/** The genre vocabulary, and the editor allowed to create broadcasts (a new session). */
export async function broadcastRoom(room: Room): Promise<Room> {
  const registry = room.app.platform.registry;
  await registry.service("vocabularies").create([{
    _id: "genre",
    display_name: "Genre",
    type: "manageable",
    items: [{ is_active: true, name: "Broadcast Script", qcode: "Broadcast Script" }],
  }], SYSTEM_ACTOR);
  const users = registry.service("users");
  const editor = await users.getById(room.editor.userId);
  await users.update(room.editor.userId, {
    privileges: { ...editor.privileges as Json, archive_broadcast: 1 },
  }, { actor: SYSTEM_ACTOR });
  return { ...room, editor: await room.editor.signInAgain() };
}
