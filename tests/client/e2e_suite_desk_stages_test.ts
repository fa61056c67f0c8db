/**
 * superdesk-client-core's Protractor spec desks "can enforce incoming, outgoing and onstage rules"
 * (e2e/client/specs/desks_spec.ts:174), replayed as the client sends it, on the embedded default
 * and on the real engines: a desk is created and three stages added to it, then monitoring shows
 * one card per stage of the desk in the order `GET stages?max_results=200&page=1` lists them
 * (scripts/apps/desks/services/DesksFactory.ts:50-77 `_fetchAll`, scripts/apps/monitoring/
 * controllers/AggregateCtrl.ts:227-238 `getDefaultGroups`). The spec expects the new item on the
 * first card (the working stage) and the added stages on cards 2, 3 and 4: Superdesk creates a
 * desk's working stage before its incoming stage (apps/desks.py `create`), both ordered first.
 */
import assert from "node:assert/strict";
import { items, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest(
  "a new desk's monitoring cards: working stage, incoming stage, then the added stages",
  async (_t, { session: { auth, url, post } }) => {
    const desk = await post("desks", {
      name: "Test Desk",
      source: "Test Source A",
      desk_type: "authoring",
    });
    for (const name of ["Test Stage A", "Test Stage B", "Test Stage C"]) {
      await post("stages", { name, description: `${name} Description`, desk: desk._id });
    }
    const listed = items(
      await send(`${url("stages")}?max_results=200&page=1`, { auth }),
      "stages",
    );
    const cards = listed.filter((stage) => stage.desk === desk._id);
    assert.deepEqual(cards.map((stage) => stage.name), [
      "Working Stage",
      "Incoming Stage",
      "Test Stage A",
      "Test Stage B",
      "Test Stage C",
    ]);
    assert.equal(cards[0]._id, desk.working_stage);
    assert.equal(cards[1]._id, desk.incoming_stage);
  },
);
