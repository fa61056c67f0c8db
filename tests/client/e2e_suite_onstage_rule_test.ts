/**
 * superdesk-client-core's Protractor spec desks "can enforce incoming, outgoing and onstage rules"
 * (e2e/client/specs/desks_spec.ts:174), its onstage step replayed as the client sends it, on the
 * embedded default and on the real engines: a stage whose "moved onto" macro is "Validate for
 * Publish" (the desk config's `onstage_macro`), an item its content profile's required fields
 * fail, and "Send to" that stage (`POST archive/<id>/move {task: {desk, stage}}`,
 * scripts/apps/authoring/authoring/services/SendService.ts). Superdesk moves the item, then runs
 * the stage's macro on it (apps/duplication/archive_move.py `move_content`, apps/tasks.py
 * `apply_onstage_rule`): the answer is a 400 naming the onstage rule, the item stays on the stage
 * (the spec waits for it on that stage's card); an item the macro passes moves with a 201.
 */
import assert from "node:assert/strict";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

/** A profile requiring subject and body, as the spec sets the e2e data's "testing" profile. */
const PROFILE = {
  label: "Rules",
  enabled: true,
  schema: {
    headline: { type: "string", required: false, nullable: true },
    subject: {
      type: "list",
      required: true,
      mandatory_in_list: { scheme: {} },
      schema: {},
      nullable: false,
    },
    body_html: { type: "string", required: true, nullable: true },
  },
  editor: { headline: { order: 1 }, subject: { order: 2 }, body_html: { order: 3 } },
};

suiteTest(
  "a move onto a stage whose onstage rule fails: 400, the item stays moved",
  async (_t, { session: { auth, url, post }, desk }) => {
    const profile = await post("content_types", PROFILE);
    const stage = await post("stages", {
      name: "Test Stage C",
      description: "Test Desk C Stage C Description",
      desk: desk._id,
      onstage_macro: "Validate for Publish",
    });
    const move = (id: string) =>
      send(`${url("archive")}/${id}/move`, {
        method: "POST",
        auth,
        body: { task: { desk: desk._id, stage: stage._id } },
      });
    const onWorking = { desk: desk._id, stage: desk.working_stage };

    const item = await post("archive", {
      type: "text",
      headline: "new item",
      profile: profile._id,
      task: onWorking,
    });
    const refused = ok(await move(item._id), 400, "move onto the stage");
    assert.match(refused._message, /in onstage rule:Validate for Publish for stage:Test Stage C$/);
    assert.match(refused._message, /SUBJECT is a required field/);
    const stored = ok(await send(`${url("archive")}/${item._id}`, { auth }), 200, "item");
    assert.equal(stored.task.stage, stage._id);
    assert.equal(stored.state, "submitted");

    const complete = await post("archive", {
      type: "text",
      headline: "complete item",
      profile: profile._id,
      subject: [{ qcode: "01001000", name: "archaeology", parent: "01000000" }],
      body_html: "<p>body</p>",
      task: onWorking,
    });
    const moved = ok(await move(complete._id), 201, "move of a valid item");
    assert.equal(moved.task.stage, stage._id);
  },
);
