/**
 * Published and archived copies on a stage hidden from the user (a stage marked invisible on a
 * desk they are not a member of) are left out of their lists and searches, and an archived one
 * is refused by id (403), as Superdesk's `get_content_filter` and `ArchivedService.find_one`.
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { body, newsroomTest, refused, signIn } from "../newsroom/_newsroom.ts";
import { hiddenStage } from "./_hidden_copy.ts";

newsroomTest("published and archived hide copies on stages the user cannot see", async (room) => {
  const hidden = await hiddenStage(room);
  const { registry } = room.app.platform;
  const copy = (id: string, stage: string) => ({
    item_id: id,
    guid: id,
    type: "text",
    state: "published",
    headline: id,
    _current_version: 2,
    task: { desk: room.desk._id, stage },
  });
  const seen = copy("seen", String(room.desk.working_stage));
  const secret = copy("secret", String(hidden._id));
  for (const resource of ["published", "archived"]) {
    await registry.service(resource).create([{ ...seen }, { ...secret }], SYSTEM_ACTOR, {
      trusted: true,
    });
  }
  const archivist = await signIn(room.app, "archivist", { archived: 1 });
  const guids = (list: { _items: Array<{ guid: string }> }) =>
    list._items.map((item) => item.guid).sort();
  for (const client of [archivist, room.editor]) {
    const expected = client === archivist ? ["seen"] : ["secret", "seen"];
    assert.deepEqual(guids(await body(await client.get("/api/published"))), expected);
    assert.deepEqual(guids(await body(await client.get("/api/archived"))), expected);
    const found = await body(await client.get("/api/search?repo=published,archived"));
    assert.equal(found._items.length, expected.length * 2);
  }
  await refused(
    await archivist.get("/api/archived/secret:2"),
    403,
    "User does not have permissions to read the item.",
  );
  await body(await archivist.get("/api/archived/seen:2"));
  // A projection leaving out the stage does not open it either.
  const copyId = (await registry.service("archived").findOne({ archived_id: "secret:2" }))!._id;
  const headlineOnly = encodeURIComponent(JSON.stringify({ headline: 1 }));
  await refused(
    await archivist.get(`/api/archived/${copyId}?projection=${headlineOnly}`),
    403,
    "User does not have permissions to read the item.",
  );
});
