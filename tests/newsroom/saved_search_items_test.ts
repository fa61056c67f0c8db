/** `GET /api/saved_searches/<id>/items`: a saved search runs for those who may see it. */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, deskStory, newsroomTest, refused } from "./_newsroom.ts";

newsroomTest("A saved search's items are its owner's; others get a 404", async (room) => {
  await deskStory(room, { headline: "cricket final" });
  await deskStory(room, { headline: "tennis open" });
  const [saved] = await room.app.platform.registry.service("saved_searches").create([{
    name: "cricket",
    filter: { query: { q: "cricket", repo: "archive" } },
    user: room.editor.userId,
  }], SYSTEM_ACTOR);
  const found = await body(await room.editor.get(`/api/saved_searches/${saved!._id}/items`));
  assert.deepEqual(found._items.map((item: { headline: string }) => item.headline), [
    "cricket final",
  ]);
  await refused(await room.outsider.get(`/api/saved_searches/${saved!._id}/items`), 404);
  await refused(await room.editor.get("/api/saved_searches/nosuchsearch/items"), 404);
  // An id no saved search can have (the fuzz found a 405 here).
  await refused(await room.editor.get("/api/saved_searches/%C2%B3%16%F3%A1%BC%A7/items"), 404);
});

newsroomTest("A saved search whose stored query cannot run is a 400, never a 500", async (room) => {
  const service = room.app.platform.registry.service("saved_searches");
  for (const query of [{ headline: { nested: 1 } }, { repo: "nosuchrepo" }, { q: "a:(" }]) {
    const [saved] = await service.create([{
      name: `bad ${JSON.stringify(query)}`,
      filter: { query },
      user: room.editor.userId,
    }], SYSTEM_ACTOR);
    const response = await room.editor.get(`/api/saved_searches/${saved!._id}/items`);
    await response.body?.cancel();
    assert.equal(response.status, 400, JSON.stringify(query));
  }
});
