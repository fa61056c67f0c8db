/**
 * What superdesk-client-core's Protractor suite found wrong updating a story
 * (`specs/authoring_spec.ts` "authoring operations": "Update" of the dump's item7): the client's
 * `POST /api/archive/<id>/rewrite {desk_id}` answered 400 `{"dateline": {"date": "must be of
 * string type"}}` for a story whose dateline has a date: the update copied the stored date and
 * was validated as a client's new item. Superdesk creates the update. Replayed on the embedded
 * default and on the real engines.
 */
import assert from "node:assert/strict";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest("the update of a story with a dated dateline", async (_t, { server, session, desk }) => {
  const { auth, post } = session;
  const dateline = {
    date: "2024-01-12T10:13:37+0000",
    source: "AAP",
    located: { city: "Sydney", city_code: "Sydney", tz: "Australia/Sydney", dateline: "city" },
  };
  const story = await post("archive", {
    type: "text",
    headline: "item7",
    slugline: "item7 slugline",
    dateline,
    task: { desk: desk._id, stage: desk.working_stage },
  });
  const response = await send(`${server.url}/archive/${story._id}/rewrite`, {
    method: "POST",
    auth,
    body: { desk_id: desk._id },
  });
  const update = ok(response, 201, "rewrite");
  assert.equal(update.rewrite_of, story._id);
  assert.equal(update.dateline.date, dateline.date);
  assert.deepEqual(update.dateline.located, dateline.located);
  // Stored as the story's is: a date, not the text (the store sorts and filters on it).
  const archive = server.app.platform.documents.collection("archive");
  const stored = await archive.findOne({ _id: update._id });
  const original = await archive.findOne({ _id: story._id });
  assert.ok((original!.dateline as { date: unknown }).date instanceof Date);
  assert.ok((stored!.dateline as { date: unknown }).date instanceof Date);
  assert.ok((stored!.firstcreated as unknown) instanceof Date);
  for (const date of ["not a date", 1705054417000, { $date: 1 }]) {
    await post("archive", { type: "text", dateline: { ...dateline, date } }, 400);
  }
});
