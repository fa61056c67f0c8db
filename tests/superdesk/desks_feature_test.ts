/** Superdesk's features/desks.feature over HTTP. */
import { feature } from "./feature.ts";

const FOO = `[{"username": "foo", "email": "foo@bar.com", "is_active": true}]`;
const SPORTS_WITH_FOO = `[{"name": "Sports Desk", "members": [{"user": "#users._id#"}]}]`;

feature("desks", (f) => {
  f.scenario("Empty desks list", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.get("/desks");
    s.list(0);
  });

  f.scenario("Create new desk", ["auth", "notification"], async (s) => {
    await s.givenEmpty("users");
    await s.givenEmpty("desks");
    await s.post(
      "users",
      `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    s.existingResource(`{"_id": "#users._id#", "invisible_stages": []}`);
    await s.post(
      "/desks",
      `{"name": "Sports Desk", "members": [{"user": "#users._id#"}, {"user": "#users._id#"}], "desk_language": "en"}`,
    );
    await s.get("/desks/#desks._id#");
    s.existingResource(`{"name": "Sports Desk", "desk_type": "authoring",
      "members": [{"user": "#users._id#"}], "desk_language": "en", "preserve_published_content": false}`);
    s.deskMembersCount(1);
    s.key("incoming_stage");
    s.key("working_stage");
    await s.notifications(`[{"event": "desk", "extra": {"created": 1, "desk_id": "#desks._id#"}}]`);
    await s.defaultIncomingStage();
    await s.deleteLatest();
    s.code(412, `{"_status": "ERR", "_message": "Cannot delete a Incoming Stage."}`);
    await s.post("/stages", `{"name": "invisible1", "desk": "#desks._id#", "is_visible" : false}`);
    s.ok();
    await s.get("/users/#users._id#");
    s.existingResource(`{"_id": "#users._id#", "invisible_stages": []}`);
    await s.get("/users/#CONTEXT_USER_ID#");
    s.existingResource(`{"_id": "#CONTEXT_USER_ID#", "invisible_stages": ["#stages._id#"]}`);
  });

  f.scenario("Update desk", ["auth", "notification"], async (s) => {
    await s.givenEmpty("desks");
    await s.post("/desks", `{"name": "Sports Desk", "desk_type": "production"}`);
    s.ok();
    s.existingResource(
      `{"name": "Sports Desk", "desk_type": "production", "preserve_published_content": false}`,
    );
    await s.patchLatest(
      `{"name": "Sports Desk modified", "desk_language": "en", "preserve_published_content": true}`,
    );
    s.ok(
      `{"name": "Sports Desk modified", "desk_type": "production", "desk_language": "en",
        "preserve_published_content": true}`,
      { updated: true },
    );
    await s.notifications(`[{"event": "desk", "extra": {"updated": 1, "desk_id": "#desks._id#"}}]`);
    await s.patchLatest(
      `{"members": [{"user": "#CONTEXT_USER_ID#"}, {"user": "#CONTEXT_USER_ID#"}]}`,
    );
    s.ok(
      `{"name": "Sports Desk modified", "desk_type": "production", "desk_language": "en",
        "members": [{"user": "#CONTEXT_USER_ID#"}]}`,
      { updated: true },
    );
    s.deskMembersCount(1);
  });

  f.scenario("Delete desk", ["auth", "notification"], async (s) => {
    await s.given("desks", `[{"name": "test_desk1"}]`);
    await s.post("/desks", `[{"name": "test_desk2"}]`);
    await s.deleteLatest();
    await s.notifications(`[{"event": "desk", "extra": {"deleted": 1, "desk_id": "#desks._id#"}}]`);
    s.ok();
  });

  f.scenario("Desk name must be unique.", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.post("/desks", `{"name": "Sports Desk"}`);
    s.ok();
    await s.post("/desks", `{"name": "sports desk"}`);
    s.code(400);
    await s.post("/desks", `{"name": "Sports Desk 2"}`);
    s.ok();
    await s.patch("/desks/#desks._id#", `{"name": "SportS DesK"}`);
    s.code(400);
  });

  f.scenario(
    "Cannot delete desk if it is assigned as a default desk to user(s)",
    ["auth"],
    async (s) => {
      await s.given("users", FOO);
      await s.given("desks", SPORTS_WITH_FOO);
      await s.patch("/users/#users._id#", `{"desk": "#desks._id#"}`);
      await s.delete("/desks/#desks._id#");
      s.code(
        412,
        `{"_message": "Cannot delete desk as it is assigned as default desk to user(s)."}`,
      );
    },
  );

  f.scenario("Remove user from desk membership", ["auth", "notification"], async (s) => {
    await s.given("users", FOO);
    await s.given("desks", SPORTS_WITH_FOO);
    await s.patch("/desks/#desks._id#", `{ "members": []}`);
    s.ok(undefined, { updated: true });
    await s.notifications(`[{"event": "desk_membership_revoked",
      "extra": {"updated": 1, "user_ids": ["#users._id#"]}}]`);
  });

  f.scenario("Set the monitoring settings", ["auth"], async (s) => {
    await s.given("users", FOO);
    await s.given("desks", SPORTS_WITH_FOO);
    const settings = `[{"_id": "id_stage", "type": "stage", "max_items": 10},
      {"_id": "id_saved_search", "type": "search", "max_items": 20},
      {"_id": "id_personal", "type": "personal", "max_items": 15}]`;
    await s.patch("/desks/#desks._id#", `{"monitoring_settings": ${settings}}`);
    s.ok(undefined, { updated: true });
    await s.get("/desks");
    s.list(1, `{"_items": [{"name": "Sports Desk", "monitoring_settings": ${settings}}]}`);
  });

  f.scenario("Update desk type", ["auth", "notification"], async (s) => {
    await s.postWithTag(
      "desks",
      "SPORTS_DESK_ID",
      `[{"name": "Sports", "desk_type": "authoring"}]`,
    );
    await s.post(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "state": "submitted",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.get("/archive/123");
    s.existingResource(`{"headline": "test1", "sign_off": "abc"}`);
    await s.patch(
      "/desks/#desks._id#",
      `{"name": "Sports Desk modified", "desk_type": "production"}`,
    );
    s.ok();
    await s.patch(
      "/desks/#desks._id#",
      `{"name": "Sports Desk modified", "desk_type": "authoring"}`,
    );
    s.ok();
    await s.postWithTag(
      "/desks",
      "FINANCE_DESK_ID",
      `[{"name": "Finance", "desk_type": "production" }]`,
    );
    await s.switchUser();
    await s.post(
      "/archive/123/move",
      `[{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
    );
    s.ok();
    await s.get("/archive/123");
    s.existingResource(
      `{ "operation": "move", "headline": "test1", "guid": "123", "state": "submitted",
      "_current_version": 2, "sign_off": "abc/foo",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
        "last_authoring_desk": "#SPORTS_DESK_ID#"}}`,
    );
    s.noKeyIn("task", "last_production_desk");
    await s.patch(
      "/desks/#SPORTS_DESK_ID#",
      `{"name": "Sports Desk modified", "desk_type": "production"}`,
    );
    s.code(
      400,
      `{"_issues": {"validator exception": "400: Cannot update Desk Type as there are article(s) referenced by the Desk."}}`,
    );
  });

  f.scenario("Simple sluglines for desk", ["auth", "notification"], async (s) => {
    await s.postWithTag(
      "desks",
      "SPORTS_DESK_ID",
      `[{"name": "Sports", "desk_type": "authoring"}]`,
    );
    await s.given(
      "published",
      `[{"_id":"1","slugline": "slugline1", "last_published_version": "True", "state": "published",
         "task": {"desk": "#SPORTS_DESK_ID#"}, "place": [{"name": "FED"}],
         "headline": "one", "family_id": 1},
       {"_id":"2","slugline": "slugline2", "last_published_version": "True", "state": "published",
         "task": {"desk": "#SPORTS_DESK_ID#"}, "place": [{"name": "FED"}], "headline": "two", "family_id": 2},
       {"_id":"3","slugline": "slugline3", "last_published_version": "True", "state": "published",
         "task": {"desk": "#SPORTS_DESK_ID#"}, "place": [{"name": "EUR", "group": "Rest Of World"}],
         "headline": "three", "family_id": 3}]`,
    );
    await s.post(
      "users",
      `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    await s.get("/desks/#SPORTS_DESK_ID#/sluglines");
    s.existingResource(
      `{"_items": [
        {"place": "Domestic", "items": [
          {"headline": "one", "slugline": "slugline1", "name": "Domestic", "old_sluglines": []},
          {"headline": "two", "slugline": "slugline2", "name": "Domestic", "old_sluglines": []}
        ]},
        {"place": "EUR", "items": [
          {"headline": "three", "slugline": "slugline3", "name": "EUR", "old_sluglines": []}
        ]}
      ]}`,
    );
  });

  f.scenario("Simple sluglines for desk with no place", ["auth", "notification"], async (s) => {
    await s.postWithTag(
      "desks",
      "SPORTS_DESK_ID",
      `[{"name": "Sports", "desk_type": "authoring"}]`,
    );
    await s.given(
      "published",
      `[{"_id":"1","slugline": "slugline1", "last_published_version": "True", "state": "published",
         "task": {"desk": "#SPORTS_DESK_ID#"}, "headline": "one", "family_id": 1},
       {"_id":"2","slugline": "slugline2", "last_published_version": "True", "state": "published",
         "task": {"desk": "#SPORTS_DESK_ID#"}, "place": null, "headline": "two", "family_id": 2}]`,
    );
    await s.post(
      "users",
      `{"username": "foo", "email": "foo@bar.com", "is_active": true, "sign_off": "abc"}`,
    );
    await s.get("/desks/#SPORTS_DESK_ID#/sluglines");
    s.existingResource(
      `{"_items": [{"place": "Domestic", "items": [
        {"headline": "one", "slugline": "slugline1", "name": "Domestic", "old_sluglines": []},
        {"headline": "two", "slugline": "slugline2", "name": "Domestic", "old_sluglines": []}
      ]}]}`,
    );
  });
  f.wrong(
    "Simple change of slugline in same family",
    "it posts copies straight to `published`, which only publishing writes here: a copy a " +
      "client posts there would be a forged record of what went out",
  );

  f.scenario(
    "Retrieve number of items with desk stages overview",
    ["auth", "notification"],
    async (s) => {
      await s.postWithTag(
        "desks",
        "SPORTS_DESK_ID",
        `[{"name": "Sports", "desk_type": "authoring"}]`,
      );
      await s.postWithTag(
        "desks",
        "POLITICS_DESK_ID",
        `[{"name": "Politics", "desk_type": "authoring"}]`,
      );
      await s.given(
        "archive",
        `[
        {"_id":"1","slugline": "slugline1", "state": "draft",
         "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.working_stage#"}, "headline": "one", "family_id": 1},
        {"_id":"2","slugline": "slugline2", "state": "draft",
         "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.working_stage#"}, "place": null, "headline": "two",
         "family_id": 2},
        {"_id":"3","slugline": "slugline3", "byline": "byline1", "last_published_version": "True",
         "state": "draft", "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null,
         "headline": "three", "family_id": 2},
        {"_id":"4","slugline": "slugline4", "last_published_version": "True", "state": "draft",
         "task": {"desk": "#POLITICS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "four",
         "family_id": 2},
        {"_id":"5","slugline": "slugline5", "state": "draft",
         "task": {"desk": "#POLITICS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "five",
         "family_id": 2},
        {"_id":"6","slugline": "slugline6", "last_published_version": "True", "state": "published",
         "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "six",
         "family_id": 2},
        {"_id":"7","slugline": "slugline6", "state": "killed",
         "task": {"desk": "#POLITICS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "seven",
         "family_id": 2}
        ]`,
      );
      await s.get("/desks/#SPORTS_DESK_ID#/overview/stages");
      s.existingResource(`{"_items": [{"stage": "#desks.incoming_stage#", "count": 1},
        {"stage": "#desks.working_stage#", "count": 2}]}`);
      await s.get("/desks/all/overview/stages");
      s.existingResource(`{"_items": [{"stage": "#desks.incoming_stage#", "count": 3},
        {"stage": "#desks.working_stage#", "count": 2}]}`);
      await s.post(
        "/desks/all/overview/stages",
        `{"filters": {"slugline": ["slugline3", "slugline4"]}}`,
      );
      s.existingResource(`{"_items": [{"stage": "#desks.incoming_stage#", "count": 2}]}`);
      await s.post("/desks/#SPORTS_DESK_ID#/overview/stages", `{"filters": {"headline": ["two"]}}`);
      s.existingResource(`{"_items": [{"stage": "#desks.working_stage#", "count": 1}]}`);
      await s.post(
        "/desks/#SPORTS_DESK_ID#/overview/stages",
        `{"filters": {"byline": ["byline1"]}}`,
      );
      s.existingResource(`{"_items": [{"stage": "#desks.incoming_stage#", "count": 1}]}`);
    },
  );

  f.needs(
    "Retrieve number of items with desk assignents overview",
    "planning's assignments",
  );

  f.scenario("Retrieve overview of users", ["auth", "notification"], async (s) => {
    for (
      const [tag, name] of [["EDITOR", "Editor"], ["SUBEDITOR", "Sub Editor"], [
        "JOURNALIST",
        "Journalist",
      ]]
    ) {
      await s.postWithTag("roles", `ROLE_${tag}_ID`, `[{"name": "${name}"}]`);
    }
    const roles = ["JOURNALIST", "JOURNALIST", "EDITOR", "SUBEDITOR", "SUBEDITOR"];
    for (const [index, role] of roles.entries()) {
      const n = index + 1;
      await s.postWithTag(
        "users",
        `USER_${n}_ID`,
        `{"username": "user_${n}", "email": "user_${n}@example.net", "is_active": true, "role": "#ROLE_${role}_ID#"}`,
      );
    }
    await s.given("desks", `[{"name": "Empty", "desk_type": "authoring"}]`);
    await s.postWithTag(
      "desks",
      "SPORTS_DESK_ID",
      `[{"name": "Sports", "desk_type": "authoring", "members": [{"user": "#USER_1_ID#"},
        {"user": "#USER_2_ID#"}, {"user": "#USER_3_ID#"}, {"user": "#USER_5_ID#"}] }]`,
    );
    await s.postWithTag(
      "desks",
      "POLITICS_DESK_ID",
      `[{"name": "Politics", "desk_type": "authoring", "members": [{"user": "#USER_1_ID#"},
        {"user": "#USER_3_ID#"}, {"user": "#USER_4_ID#"}] }]`,
    );
    await s.given(
      "archive",
      `[
      {"_id":"1","slugline": "slugline1", "state": "in_progress", "original_creator": "#USER_1_ID#",
       "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.working_stage#"}, "headline": "one", "family_id": 1,
       "assignment_id": "123", "lock_user": "#USER_3_ID#"},
      {"_id":"2","slugline": "slugline2", "state": "in_progress", "original_creator": "#USER_2_ID#",
       "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.working_stage#"}, "place": null, "headline": "two",
       "family_id": 2, "assignment_id": "456", "lock_user": "#USER_4_ID#"},
      {"_id":"3","slugline": "slugline3", "last_published_version": "True", "state": "published",
       "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "three",
       "family_id": 2, "original_creator": "#USER_3_ID#"},
      {"_id":"4","slugline": "slugline4", "last_published_version": "True", "state": "published",
       "task": {"desk": "#POLITICS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "four",
       "family_id": 2, "original_creator": "#USER_4_ID#", "lock_user": "#USER_3_ID#"},
      {"_id":"5","slugline": "slugline5", "state": "in_progress",
       "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "five",
       "family_id": 2, "original_creator": "#USER_1_ID#", "assignment_id": "789"},
      {"_id":"6","slugline": "slugline6", "state": "in_progress",
       "task": {"desk": "#SPORTS_DESK_ID#", "stage": "#desks.incoming_stage#"}, "place": null, "headline": "five",
       "family_id": 2, "original_creator": "#USER_2_ID#", "lock_user": "#USER_3_ID#"}
      ]`,
    );
    await s.get("/desks/#SPORTS_DESK_ID#/overview/users");
    s.existingResource(`{"_items": [
      {"authors": {"#USER_1_ID#": {"assigned": 0, "locked": 0}, "#USER_2_ID#": {"assigned": 0, "locked": 0}},
       "role": "#ROLE_JOURNALIST_ID#"},
      {"authors": {"#USER_3_ID#": {"assigned": 0, "locked": 2}}, "role": "#ROLE_EDITOR_ID#"}]}`);
    await s.get("/desks/all/overview/users");
    s.existingResource(`{"_items": [
      {"authors": {"#USER_3_ID#": {"assigned": 0, "locked": 2}}, "role": "#ROLE_EDITOR_ID#"},
      {"authors": {"#USER_4_ID#": {"assigned": 0, "locked": 1}}, "role": "#ROLE_SUBEDITOR_ID#"},
      {"authors": {"#USER_1_ID#": {"assigned": 0, "locked": 0}, "#USER_2_ID#": {"assigned": 0, "locked": 0}},
       "role": "#ROLE_JOURNALIST_ID#"}]}`);
  });

  f.scenario("Make the desk available in default content template", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.given(
      "content_templates",
      `[{"template_name": "test", "template_type": "create",
      "data": {"headline": "test", "type": "text", "slugline": "test"}}]`,
    );
    await s.post(
      "/desks",
      `{"name": "Sports Desk", "desk_language": "en",
      "default_content_template": "#content_templates._id#"}`,
    );
    s.ok();
    await s.get("content_templates/#content_templates._id#");
    s.existingResource(
      `{"template_name": "test", "template_type": "create", "template_desks": ["#desks._id#"]}`,
    );
  });

  f.scenario("Desk members resource", ["auth"], async (s) => {
    await s.given(
      "users",
      `[{"username": "foo", "email": "foo@example.com", "display_name": "foo"},
        {"username": "bar", "email": "bar@example.com", "display_name": "bar"}]`,
    );
    await s.given(
      "desks",
      `[{"name": "Finance", "members": []}, {"name": "Sports", "members": [{"user": "#users._id#"}]}]`,
    );
    await s.get("/desks/#desks._id#/users");
    s.list(1, `{"_items": [{"username": "bar", "display_name": "bar"}]}`);
  });
});
