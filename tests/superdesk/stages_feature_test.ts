/** Superdesk's features/stages.feature over HTTP. */
import assert from "node:assert/strict";
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

/** The feature's Background. */
async function background(s: Scenario) {
  await s.givenEmpty("stages");
  await s.given("desks", `[{"name": "test_desk"}]`);
}

const SHOW_MINE =
  `{"name": "show my content", "description": "Show content items created by the current logged user", "desk": "#desks._id#"}`;

feature("stages", (f) => {
  f.scenario("Add a Stage and verify its order", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", SHOW_MINE);
    await s.notifications(
      `[{"event": "stage", "extra": {"created": 1, "desk_id": "#desks._id#", "stage_id": "#stages._id#", "is_visible": true}}]`,
    );
    s.newResource(
      `{"name": "show my content", "description": "Show content items created by the current logged user", "desk": "#desks._id#", "desk_order": 3}`,
    );
  });

  f.scenario("Stage name must be unique", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", SHOW_MINE.replace("show my content", "new"));
    s.ok();
    await s.post("/stages", SHOW_MINE.replace("show my content", "new"));
    s.code(400, `{"_issues": {"name": {"unique": 1}}}`);
  });

  f.scenario("Fails to add a Stage without a name", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `{"description": "Show content items created by the current logged user"}`,
    );
    s.code(400, `{"_issues": {"name": {"required": 1}, "desk": {"required": 1}}}`);
  });

  f.scenario("Update Stage Name and Description", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", SHOW_MINE);
    s.newResource(`{
      "name": "show my content",
      "description": "Show content items created by the current logged user",
      "desk": "#desks._id#",
      "local_readonly": false
    }`);
    await s.patchLatest(
      `{"name": "My stage", "description": "Show content that I just updated", "local_readonly": true}`,
    );
    s.ok(
      `{"name": "My stage", "description": "Show content that I just updated", "desk": "#desks._id#", "local_readonly": true}`,
      { updated: true },
    );
  });

  for (const expiry of [0, -1]) {
    f.scenario(
      `Adding content to a stage having ${expiry} expiry will get global expiry for the content`,
      ["auth", "notification"],
      async (s) => {
        await background(s);
        await s.post(
          "/stages",
          `{"name": "update expiry", "desk": "#desks._id#", "content_expiry": ${expiry}}`,
        );
        await s.post(
          "/archive",
          `[{"_id": "testid1", "guid": "testid1", "task": {"desk": "#desks._id#", "stage" :"#stages._id#"}}]`,
        );
        await s.get("archive/testid1");
        s.expiryWithin();
      },
    );
  }

  f.scenario("Can delete an empty stage", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post("/stages", `{"name": "show my content", "desk": "#desks._id#"}`);
    await s.delete("/stages/#stages._id#");
    s.code(204);
    await s.notifications(`[{"event": "stage", "extra": {"deleted": 1}}]`);
  });

  f.scenario("Toggle stage invisibility for notification", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `{"name": "stage visibility", "desk": "#desks._id#", "is_visible" : true}`,
    );
    s.resetNotifications();
    await s.get("/users/#CONTEXT_USER_ID#");
    s.existingResource(`{"_id": "#CONTEXT_USER_ID#", "invisible_stages": []}`);
    await s.patch("/stages/#stages._id#", `{"is_visible" : false}`);
    s.code(200);
    await s.get("/users/#CONTEXT_USER_ID#");
    s.existingResource(`{"_id": "#CONTEXT_USER_ID#", "invisible_stages": ["#stages._id#"]}`);
    await s.notifications(
      `[{"event": "stage_visibility_updated", "extra": {"updated": 1, "desk_id": "#desks._id#", "stage_id": "#stages._id#", "is_visible": false}}]`,
    );
    await s.post(
      "/users",
      `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    s.ok();
    s.existingResource(`{"_id": "#users._id#", "invisible_stages": ["#stages._id#"]}`);
    await s.patch("/stages/#stages._id#", `{"is_visible" : true}`);
    s.code(200);
    await s.get("/users/#CONTEXT_USER_ID#");
    s.existingResource(`{"_id": "#CONTEXT_USER_ID#", "invisible_stages": []}`);
    await s.get("/users/#users._id#");
    s.existingResource(`{"_id": "#users._id#", "invisible_stages": []}`);
  });

  f.scenario("Get visible and invisible stages", ["auth", "notification"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `[{"name": "invisible1", "desk": "#desks._id#", "is_visible" : false},
        {"name": "invisible2", "desk": "#desks._id#", "is_visible" : false}]`,
    );
    // Superdesk's steps ask StagesService.get_stages_by_visibility in-process; so do we.
    assert.equal(await s.count("stages", { is_visible: true }), 2);
    assert.equal(await s.count("stages", { is_visible: false }), 2);
  });

  f.scenario(
    "Cannot delete stage if there are documents irrespective of their status",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.post("/stages", `{"name": "show my content", "desk": "#desks._id#"}`);
      await s.post(
        "archive",
        `[{"_id": "item-1", "slugline": "first task", "type": "text", "task": {"desk":"#desks._id#", "stage" :"#stages._id#"}}]`,
      );
      const refused =
        `{"_status": "ERR", "_message": "Cannot delete stage as it has article(s) or referenced by versions of the article(s)."}`;
      await s.delete("/stages/#stages._id#");
      s.code(412, refused);
      await s.spike("item-1");
      s.ok();
      await s.delete("/stages/#stages._id#");
      s.code(412, refused);
    },
  );

  f.scenario(
    "Cannot delete stage if it is referred to by a routing scheme",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.postWithTag(
        "/filter_conditions",
        "FCOND_ID",
        `[{"name": "Sports Content", "field": "subject", "operator": "in", "value": "04000000"}]`,
      );
      await s.postWithTag(
        "/content_filters",
        "FILTER_ID",
        `[{"name": "Sports Content", "content_filter": [{"expression": {"fc": ["#FCOND_ID#"]}}]}]`,
      );
      await s.post("/stages", `{"name": "show my content", "desk": "#desks._id#"}`);
      await s.post(
        "/routing_schemes",
        `[{"name": "routing rule scheme 1", "rules": [{
          "name": "Sports Rule", "handler": "desk_fetch_publish", "filter": "#FILTER_ID#",
          "actions": {"fetch": [{"desk": "#desks._id#", "stage": "#stages._id#", "macro": "transform"}]}
        }]}]`,
      );
      await s.delete("/stages/#stages._id#");
      s.code(
        412,
        `{"_status": "ERR", "_message": "Stage is referred by Ingest Routing Schemes : routing rule scheme 1"}`,
      );
    },
  );

  f.scenario(
    "Cannot delete either Working or Incoming Stage",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.delete("/stages/#desks.working_stage#");
      s.code(412, `{"_status": "ERR", "_message": "Cannot delete a Working Stage."}`);
      await s.delete("/stages/#desks.incoming_stage#");
      s.code(412, `{"_status": "ERR", "_message": "Cannot delete a Incoming Stage."}`);
    },
  );

  f.scenario(
    "Content can not be created on readonly stage",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.post(
        "/stages",
        `{"name": "show my content", "desk": "#desks._id#", "local_readonly": true}`,
      );
      await s.post(
        "/archive",
        `{"_id": "item-1", "slugline": "first task", "type": "text", "task": {"desk":"#desks._id#", "stage" :"#stages._id#"}}`,
      );
      s.code(403, `{"error": {"readonly": true}}`);
    },
  );

  f.scenario("Content can be fetched to readonly stage", ["auth"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `{"name": "show my content", "desk": "#desks._id#", "local_readonly": true}`,
    );
    await s.post(
      "/archive",
      `{"_id": "item-1", "slugline": "first task", "type": "text", "task": {"desk":"#desks._id#", "stage" :"#stages._id#"},
        "ingest_id": "foo"}`,
    );
    s.newResource();
  });

  f.scenario("Content can not be send to readonly stage", ["auth"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `{"name": "show my content", "desk": "#desks._id#", "local_readonly": true}`,
    );
    await s.post("/archive", `{"_id": "item-1", "slugline": "first task", "type": "text"}`);
    s.newResource();
    await s.patch("/archive/item-1", `{"task": {"desk":"#desks._id#", "stage" :"#stages._id#"}}`);
    s.code(403);
  });

  f.scenario("Content on readonly stage is not editable", ["auth"], async (s) => {
    await background(s);
    await s.post(
      "/stages",
      `{"name": "show my content", "desk": "#desks._id#", "local_readonly": false}`,
    );
    await s.post(
      "archive",
      `[{"_id": "item-1", "slugline": "first task", "type": "text", "task": {"desk":"#desks._id#", "stage" :"#stages._id#"}}]`,
    );
    await s.patch("/stages/#stages._id#", `{"local_readonly": true}`);
    await s.patch("/archive/item-1", `{"headline": "foo"}`);
    s.code(403, `{"error": {"readonly": true}}`);
  });

  f.scenario("Reordering of stages", ["auth"], async (s) => {
    await background(s);
    await s.given("desks", `[{"name": "sports"}]`);
    // "order" is no stage field in Superdesk either (it keeps `desk_order`); its `Given` writes
    // the fixture unvalidated, as ours does.
    await s.given(
      "stages",
      `[{"_id": "first", "desk": "#desks._id#", "name": "first", "order": 1},
        {"_id": "second", "desk": "#desks._id#", "name": "second", "order": 2},
        {"_id": "third", "desk": "#desks._id#", "name": "third", "order": 3}]`,
    );
    await s.get("stages");
    s.orderedList(3, `{"_items": [{"_id": "first"}, {"_id": "second"}, {"_id": "third"}]}`);
    await s.post("stages_order", `{"desk": "#desks._id#", "stages": ["second", "third", "first"]}`);
    s.ok();
    await s.get("stages");
    s.orderedList(3, `{"_items": [{"_id": "second"}, {"_id": "third"}, {"_id": "first"}]}`);
    await s.post("stages", `{"name": "new", "desk": "#desks._id#"}`);
    s.ok();
    await s.get("stages");
    s.orderedList(
      4,
      `{"_items": [{"_id": "second"}, {"_id": "third"}, {"_id": "first"}, {"_id": "#stages._id#"}]}`,
    );
  });
});
