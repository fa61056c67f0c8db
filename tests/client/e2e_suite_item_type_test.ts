/**
 * What superdesk-client-core's Protractor suite found wrong opening an archived story
 * (`specs/archived_spec.ts` "open an item in authoring"): the client reads the item with
 * `GET /api/archived/<id>` and tells an archived item (read only, one widget) from an editable
 * one by its `_type` (`ArchiveService.isArchived`), which Superdesk's data layer sets on every
 * item it finds (`datalayer.find_one`: the collection read from, unless the item has one). Replayed
 * on the embedded default and on the real engines, through both ways an item GET renders (the
 * stored text as it is, and the object path a query or a stored `_type` takes).
 */
import assert from "node:assert/strict";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { basejoin, ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest("an item GET names the collection it was read from", async (t, room) => {
  const { server, session, desk } = room;
  const { auth, post } = session;
  const get = async (path: string) => ok(await send(basejoin(server, path), { auth }), 200, path);

  await t.step("an archived story opened from the archived search: _type archived", async () => {
    const [copy] = await server.app.platform.registry.service("archived").create(
      [{ item_id: "story-1", guid: "story-1", type: "text", state: "published", headline: "A" }],
      SYSTEM_ACTOR,
      { trusted: true },
    );
    const found = await get(`archived/${copy!._id}`);
    assert.equal(found._type, "archived");
    assert.equal(found.item_id, "story-1");
    const projected = await get(`archived/${copy!._id}?projection={"headline":1}`);
    assert.equal(projected._type, "archived");
  });

  await t.step("a story, a desk and a user: their collections", async () => {
    const story = await post("archive", {
      type: "text",
      headline: "story",
      task: { desk: desk._id, stage: desk.working_stage },
    });
    assert.equal((await get(`archive/${story._id}`))._type, "archive");
    assert.equal((await get(`archive/${story._id}?version=1`))._type, "archive");
    assert.equal((await get(`desks/${desk._id}`))._type, "desks");
    assert.equal((await get(`users/${session.login.user}`))._type, "users");
  });

  await t.step("a stored _type is kept", async () => {
    const documents = server.app.platform.documents;
    const [stored] = await documents.collection("archive").find({});
    await documents.collection("archive").updateOne({ _id: stored!._id }, {
      $set: { _type: "ingest" },
    });
    assert.equal((await get(`archive/${stored!._id}`))._type, "ingest");
  });
});
