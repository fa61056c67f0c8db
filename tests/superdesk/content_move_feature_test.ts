/** Superdesk's features/content_move.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

const TO_INCOMING = `[{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`;

/** Item 123 submitted to the Sports desk by test_user, then a second desk (steps shared). */
async function sportsItem(s: Scenario) {
  await s.postWithTag("desks", "SPORTS_DESK_ID", `[{"name": "Sports", "desk_type": "authoring"}]`);
  await s.post(
    "archive",
    `[{"type":"text", "headline": "test1", "guid": "123", "state": "submitted",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
  );
  await s.get("/archive/123");
  s.existingResource(`{"headline": "test1", "sign_off": "abc"}`);
  await s.postWithTag(
    "/desks",
    "FINANCE_DESK_ID",
    `[{"name": "Finance", "desk_type": "production" }]`,
  );
}

/** A submitted item of somebody else's ("abc"), assigned to test_user. */
function submitted(task: string, state = "submitted") {
  return `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "abc", "state": "${state}",
    "task": ${task}}]`;
}

const MOVED_TO_FINANCE =
  `{ "operation": "move", "headline": "test1", "guid": "123", "state": "submitted",
  "_current_version": 2, "sign_off": "abc/foo",
  "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
    "last_authoring_desk": "#SPORTS_DESK_ID#", "last_desk": "#SPORTS_DESK_ID#",
    "desk_history": ["#SPORTS_DESK_ID#"]}}`;

feature("content_move", (f) => {
  f.scenario("Send Content from personal to another desk", ["auth", "notification"], async (s) => {
    await s.given("desks", `[{"name": "Sports", "desk_type": "production"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type":"text", "headline": "test1", "state": "draft",
        "task": {"user": "#CONTEXT_USER_ID#"}, "versioncreated": "2020-01-01T10:00:00+0000"}]`,
    );
    await s.post("/archive/123/move", TO_INCOMING);
    s.ok();
    s.saveEtag();
    await s.notifications(`[{"event": "item:move", "extra": {"item": "123",
      "to_desk": "#desks._id#", "to_stage": "#desks.incoming_stage#"}}]`);
    await s.get("/archive/123?version=all");
    s.list(1);
    await s.get("/archive/123");
    s.existingResource(
      `{"headline": "test1", "guid": "123", "state": "submitted", "_current_version": 1,
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "versioncreated": "__now__"}`,
    );
    s.noKeyIn("task", "last_production_desk");
    s.noKeyIn("task", "last_authoring_desk");
    s.matchingEtag();
  });

  f.scenario(
    "Send Content from one desk to another desk and validate metadata set by API",
    ["auth", "notification"],
    async (s) => {
      await sportsItem(s);
      await s.switchUser();
      await s.post("/archive/123/move", TO_INCOMING);
      s.ok();
      await s.notifications(`[{"event": "item:move", "extra": {"item": "123",
        "from_desk": "#SPORTS_DESK_ID#", "to_desk": "#desks._id#", "to_stage": "#desks.incoming_stage#"}}]`);
      await s.get("/archive/123");
      s.existingResource(MOVED_TO_FINANCE);
      s.noKeyIn("task", "last_production_desk");
    },
  );

  f.scenario(
    "Send Content from one desk to another desk with same desk_type does not change the last_production_desk and last_authoring_desk",
    ["auth"],
    async (s) => {
      await sportsItem(s);
      await s.switchUser();
      await s.post("/archive/123/move", TO_INCOMING);
      s.ok();
      await s.get("/archive/123");
      s.existingResource(MOVED_TO_FINANCE);
      s.noKeyIn("task", "last_production_desk");
      await s.postWithTag(
        "/desks",
        "NATIONAL_DESK_ID",
        `[{"name": "National", "desk_type": "production" }]`,
      );
      await s.post("/archive/123/move", TO_INCOMING);
      s.ok();
      await s.get("/archive/123");
      s.existingResource(
        `{ "operation": "move", "headline": "test1", "guid": "123", "state": "submitted",
        "_current_version": 3, "sign_off": "abc/foo",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
          "last_authoring_desk": "#SPORTS_DESK_ID#", "last_desk": "#FINANCE_DESK_ID#",
          "desk_history": ["#SPORTS_DESK_ID#", "#FINANCE_DESK_ID#"]}}`,
      );
      s.noKeyIn("task", "last_production_desk");
      await s.postWithTag(
        "/desks",
        "ENTERTAINMENT_DESK_ID",
        `[{"name": "Entertainment", "desk_type": "authoring" }]`,
      );
      await s.post("/archive/123/move", TO_INCOMING);
      s.ok();
      await s.get("/archive/123");
      s.existingResource(
        `{ "operation": "move", "headline": "test1", "guid": "123", "state": "submitted",
        "_current_version": 4, "sign_off": "abc/foo",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
          "last_production_desk": "#NATIONAL_DESK_ID#", "last_authoring_desk": "#SPORTS_DESK_ID#",
          "last_desk": "#NATIONAL_DESK_ID#",
          "desk_history": ["#SPORTS_DESK_ID#", "#FINANCE_DESK_ID#", "#NATIONAL_DESK_ID#"]}}`,
      );
    },
  );

  f.scenario("Send Content from one stage to another stage with same desk", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports", "desk_type": "production"}]`);
    await s.post(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "state": "submitted",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.post(
      "/stages",
      `[{"name": "another stage", "description": "another stage", "task_status": "in_progress", "desk": "#desks._id#"}]`,
    );
    await s.post(
      "/archive/123/move",
      `[{"task": {"desk": "#desks._id#", "stage": "#stages._id#"}}]`,
    );
    s.ok();
    await s.get("/archive/123");
    s.existingResource(
      `{ "headline": "test1", "guid": "123", "state": "submitted", "_current_version": 2,
      "task": {"desk": "#desks._id#", "stage": "#stages._id#", "user": "#CONTEXT_USER_ID#"}}`,
    );
    s.noKeyIn("task", "last_authoring_desk");
    s.noKeyIn("task", "last_production_desk");
  });

  /**
   * The stage-rule scenarios: `Given we create a new macro` is the fixture app installing both
   * macros; a story on Politics' incoming stage moves to a new stage, with `macro` as the
   * incoming rule of the new stage or the outgoing rule of the incoming one.
   */
  const moveWithRule = async (s: Scenario, rule: "incoming" | "outgoing", macro: string) => {
    await s.given("desks", `[{"name": "Politics"}]`);
    if (rule === "outgoing") {
      await s.get("/stages/#desks.incoming_stage#");
      await s.patch("/stages/#desks.incoming_stage#", `{"outgoing_macro": "${macro}"}`);
    }
    await s.post(
      "archive",
      `[{"type":"text", "guid": "123", "state": "submitted",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    const incoming = rule === "incoming" ? `, "incoming_macro": "${macro}"` : "";
    await s.post(
      "/stages",
      `[{"name": "another stage", "description": "another stage", "task_status": "in_progress",
         "desk": "#desks._id#"${incoming}}]`,
    );
    await s.post(
      "/archive/123/move",
      `[{"task": {"desk": "#desks._id#", "stage": "#stages._id#"}}]`,
    );
  };

  const RULES = { env: { INSTALLED_APPS: "tests/apps/fixtures/stage_rule_macros_app.ts" } };
  const UPDATED = `{ "guid": "123", "state": "submitted", "_current_version": 2,
    "abstract": "Abstract has been updated",
    "task": {"desk": "#desks._id#", "stage": "#stages._id#", "user": "#CONTEXT_USER_ID#"}}`;

  f.scenario(
    "Send Content from one stage to another stage with incoming validation rule fails",
    ["auth"],
    async (s) => {
      await moveWithRule(s, "incoming", "validate_headline");
      s.code(
        400,
        `{"_message": "Error:'Headline cannot be empty!' in incoming rule:Validate Headline for stage:another stage"}`,
      );
    },
    RULES,
  );

  f.scenario(
    "Send Content from one stage to another stage with incoming rule succeeds",
    ["auth"],
    async (s) => {
      await moveWithRule(s, "incoming", "update_fields");
      s.ok();
      await s.get("/archive/123");
      s.existingResource(UPDATED);
    },
    RULES,
  );

  f.scenario(
    "Send Content from one stage to another stage with outgoing validation rule fails",
    ["auth"],
    async (s) => {
      await moveWithRule(s, "outgoing", "validate_headline");
      s.code(
        400,
        `{"_message": "Error:'Headline cannot be empty!' in outgoing rule:Validate Headline for stage:Incoming Stage"}`,
      );
    },
    RULES,
  );

  f.scenario(
    "Send Content from one stage to another stage with outgoing rule succeeds",
    ["auth"],
    async (s) => {
      await moveWithRule(s, "outgoing", "update_fields");
      s.ok();
      await s.get("/archive/123");
      s.existingResource(UPDATED);
    },
    RULES,
  );

  f.scenario("Move should fail if no desk is specified", ["auth"], async (s) => {
    await s.given("archive", submitted(`{"user": "#CONTEXT_USER_ID#"}`));
    await s.post("/archive/123/move", `[{"task": {}}]`);
    s.code(400, `{"_issues": {"task": {"stage": {"required": 1}, "desk": {"required": 1}}}}`);
  });

  f.scenario("Move should fail if desk and no stage is specified", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given("archive", submitted(`{"user": "#CONTEXT_USER_ID#"}`));
    await s.post("/archive/123/move", `[{"task": {"desk": "#desks._id#"}}]`);
    s.code(400, `{"_issues": {"task": {"stage": {"required": 1}}}}`);
  });

  f.scenario("Move should fail if desk and stage are same", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      submitted(
        `{"desk":"#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`,
      ),
    );
    await s.post("/archive/123/move", TO_INCOMING);
    s.code(412, `{"_message":"Move is not allowed within the same stage.", "_status": "ERR"}`);
  });

  f.scenario("Move should fail if user trying to move a published content", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      submitted(
        `{"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`,
        "published",
      ),
    );
    await s.post("/desks", `[{"name": "Finance"}]`);
    await s.post("/archive/123/move", TO_INCOMING);
    s.code(201);
  });

  f.scenario(
    "User can move content without a move privilege if member of the destination desk",
    ["auth"],
    async (s) => {
      await s.given("users", `[{"username": "foo", "password": "bar", "email": "foo@bar.com"}]`);
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.given(
        "archive",
        submitted(
          `{"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#users._id#"}`,
        ),
      );
      await s.patch(
        "/users/#users._id#",
        `{"user_type": "user", "privileges": {"archive": 1, "move": 0}}`,
      );
      await s.post("/desks", `[{"name": "Finance", "members": [{"user": "#users._id#"}]}]`);
      await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
      await s.post("/archive/123/move", TO_INCOMING);
      s.code(201);
    },
  );

  f.scenario(
    "User can't move content without a move privilege if not member of the destination desk",
    ["auth"],
    async (s) => {
      await s.given("users", `[{"username": "foo", "password": "bar", "email": "foo@bar.com"}]`);
      await s.given("desks", `[{"name": "Sports", "members": [{"user": "#users._id#"}]}]`);
      await s.given(
        "archive",
        submitted(
          `{"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#users._id#"}`,
        ),
      );
      await s.patch(
        "/users/#users._id#",
        `{"user_type": "user", "privileges": {"archive": 1, "move": 0}}`,
      );
      await s.post("/desks", `[{"name": "Finance"}]`);
      await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
      await s.post("/archive/123/move", TO_INCOMING);
      s.code(403);
    },
  );

  f.scenario("Move package with all package", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "source desk"}]`);
    await s.given(
      "archive",
      `[{"headline": "test", "_id": "item-1", "guid": "item-1", "slugline": "WORMS", "linked_in_packages": []}]`,
    );
    await s.postWithSuccess(
      "archive",
      `{"groups": [
          {"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
          {"id": "main", "role": "grpRole:Main", "refs": [
            {"headline": "test package with text", "residRef": "item-1", "slugline": "awesome article"}]}],
        "_id": "package-1", "guid": "package-1", "type": "composite",
        "task": {"user": "#user._id#", "desk": "#desks._id#"}}`,
    );
    await s.post("/desks", `[{"name": "destination desk"}]`);
    await s.post(
      "/archive/package-1/move",
      `[{"allPackageItems": true, "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
    );
    s.code(201);
    await s.get("/archive/package-1");
    s.existingResource(
      `{"_id": "package-1", "task": {"desk": "#desks._id#", "user": "#user._id#"}}`,
    );
    await s.get("/archive/item-1");
    s.existingResource(
      `{ "headline": "test", "_id": "item-1", "guid": "item-1", "slugline": "WORMS",
         "task": {"desk": "#desks._id#", "user": "#user._id#"}}`,
    );
  });

  f.scenario("Send Content from one desk to Personal desk", ["auth"], async (s) => {
    await sportsItem(s);
    await s.switchUser();
    await s.post("/archive/123/move", `[{}]`);
    s.ok();
    await s.get("/archive/123");
    s.existingResource(
      `{ "operation": "move", "headline": "test1", "guid": "123", "state": "submitted",
      "_current_version": 2, "sign_off": "abc/foo", "task": {"user": "#CONTEXT_USER_ID#"}}`,
    );
  });
});
