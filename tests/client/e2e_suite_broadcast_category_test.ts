/**
 * What superdesk-client-core's Protractor suite found wrong broadcasting and updating stories of
 * its dump (`specs/authoring_spec.ts` "broadcast operation", "related item widget"): the dump's
 * items carry category `A` while its `categories` vocabulary holds `a`, and the client's
 * `POST /api/archive/item5/broadcast {desk}` and `POST /api/archive/item9/rewrite {desk_id}`
 * answered 400 `{"anpa_category": "unallowed value A"}`: the fields the server copies from the
 * stored story were checked against the vocabularies as if the client had sent them. Superdesk
 * creates both (its services `post` the copy; nothing checks vocabularies there). A value the
 * client sends itself is still checked. Replayed on the embedded default and the real engines.
 */
import assert from "node:assert/strict";
import { ok, send } from "./_journey_server.ts";
import { suiteTest } from "./_suite_session.ts";

suiteTest("broadcast and update of a dump story whose category is outside the vocabulary", async (
  t,
  { server, session, desk },
) => {
  const { auth, post, url } = session;
  const vocabularies = server.app.platform.documents.collection("vocabularies");
  for (
    const [id, items] of [["categories", [{ qcode: "a", name: "A" }]], ["genre", [{
      qcode: "Broadcast Script",
      name: "Broadcast Script",
    }]]] as const
  ) {
    await vocabularies.deleteOne({ _id: id });
    await vocabularies.insertMany([{
      _id: id,
      type: "manageable",
      items: items.map((item) => ({ ...item, is_active: true })),
    }]);
  }
  const archive = server.app.platform.documents.collection("archive");
  const story = async (headline: string, state: string) => {
    const created = await post("archive", {
      type: "text",
      headline,
      slugline: headline,
      task: { desk: desk._id, stage: desk.working_stage },
    });
    // As the dump holds it: restored, never checked.
    await archive.updateOne({ _id: created._id }, {
      $set: { anpa_category: [{ qcode: "A", name: "Advisories" }], state },
    });
    return created;
  };

  await t.step("broadcast of a published story: 201, the category copied", async () => {
    const item5 = await story("item5", "published");
    const broadcast = ok(
      await send(`${url("archive")}/${item5._id}/broadcast`, {
        method: "POST",
        auth,
        body: { desk: desk._id },
      }),
      201,
      "broadcast",
    );
    assert.deepEqual(broadcast.anpa_category, [{ qcode: "A", name: "Advisories" }]);
    assert.equal(broadcast.broadcast.master_id, item5._id);
  });

  await t.step("update of a story: 201, the category copied", async () => {
    const item9 = await story("item9", "in_progress");
    const update = ok(
      await send(`${url("archive")}/${item9._id}/rewrite`, {
        method: "POST",
        auth,
        body: { desk_id: desk._id },
      }),
      201,
      "rewrite",
    );
    assert.equal(update.rewrite_of, item9._id);
    assert.deepEqual(update.anpa_category, [{ qcode: "A", name: "Advisories" }]);
  });

  await t.step("a broadcast body cannot slip a value in beside the copied ones", async () => {
    const master = await story("item6", "published");
    const cast = (body: Record<string, unknown>) =>
      send(`${url("archive")}/${master._id}/broadcast`, {
        method: "POST",
        auth,
        body: { desk: desk._id, ...body },
      });
    // A field the story has: the story's value wins over the body's.
    const replaced = ok(
      await cast({ anpa_category: [{ qcode: "BOGUS", name: "Bogus" }] }),
      201,
      "broadcast with a category",
    );
    assert.deepEqual(replaced.anpa_category, [{ qcode: "A", name: "Advisories" }]);
    // A dotted key into a copied field is no way around the check.
    for (
      const body of [{ "anpa_category.0": { qcode: "BOGUS" } }, {
        anpa_category: [],
        "anpa_category.0": { qcode: "BOGUS" },
      }, { "anpa_category.0.qcode": "BOGUS" }]
    ) {
      const answer = await cast(body);
      const category = answer.status === 201 ? answer.body.anpa_category : null;
      assert.ok(
        !JSON.stringify(category ?? null).includes("BOGUS"),
        `${JSON.stringify(body)}: ${answer.status} ${JSON.stringify(category)}`,
      );
    }
    // A field the story lacks is the client's: checked.
    await archive.updateOne({ _id: master._id }, { $unset: ["urgency"] });
    const vocab = [{ qcode: "1", name: "1", is_active: true }];
    await vocabularies.deleteOne({ _id: "urgency" });
    await vocabularies.insertMany([{ _id: "urgency", type: "manageable", items: vocab }]);
    const bad = await cast({ urgency: 4 });
    assert.equal(bad.status, 400, `urgency sent by the client: ${JSON.stringify(bad.body)}`);
    assert.deepEqual(bad.body._issues, { urgency: "unallowed value 4" });
  });

  await t.step("a category the client sends is still checked", async () => {
    const bad = await post("archive", {
      type: "text",
      task: { desk: desk._id },
      anpa_category: [{ qcode: "A", name: "Advisories" }],
    }, 400);
    assert.deepEqual(bad._issues, { anpa_category: "unallowed value A" });
  });
});
