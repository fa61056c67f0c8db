/**
 * Superdesk's features/content_lock.feature over HTTP. Most fixture items have neither desk nor
 * creator: personal items nobody owns, which only administrators (as the scenarios' users are)
 * open by id; once locked they are assigned to the locker (`task.user`), whose personal item
 * they then are.
 */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";

const ITEM = `[{"_id": "item-1", "guid": "item-1", "headline": "test"}]`;
const SPORTS_WITH_ME = `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`;
const ON_SPORTS =
  `[{"_id": "item-1", "guid": "item-1", "headline": "test", "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`;

feature("content_lock", (f) => {
  f.scenario("Lock item and edit", ["auth", "notification"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 2}]`,
    );
    await s.post("/archive/item-1/lock", `{"lock_action": "edit"}`);
    s.newResource(
      `{"_id": "item-1", "guid": "item-1", "headline": "test", "lock_user": "#CONTEXT_USER_ID#",
      "_links": {"self": {"href": "/archive/item-1"}}}`,
    );
    s.itemAssigned();
    await s.notifications(`[{"event": "item:lock", "extra": {"item": "item-1", "item_version": "2",
      "user": "#CONTEXT_USER_ID#", "lock_session": "__any_value__", "_etag": "#lock._etag#"}}]`);
    await s.patch("/archive/item-1", `{"headline": "test 2"}`);
    s.ok();
    await s.get(`/workqueue?source={"filter": {"term": {"lock_user": "#CONTEXT_USER_ID#"}}}`);
    s.list(
      1,
      `{"_items": [{"_id": "item-1", "guid": "item-1", "headline": "test 2", "lock_action": "edit"}]}`,
    );
  });

  f.scenario("Unlocking version 0 draft item deletes the item", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 0, "state": "draft"}]`,
    );
    await s.post("/archive/item-1/lock", `{}`);
    s.newResource(
      `{"_id": "item-1", "guid": "item-1", "headline": "test", "lock_user": "#CONTEXT_USER_ID#"}`,
    );
    await s.post("/archive/item-1/unlock", `{}`);
    await s.get("/archive/item-1");
    s.code(404);
  });

  f.scenario("Unlocking version 1+ item unlocks the item", ["auth", "notification"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 1}]`,
    );
    await s.post("/archive/item-1/lock", `{}`);
    s.newResource(
      `{"_id": "item-1", "guid": "item-1", "headline": "test", "lock_user": "#CONTEXT_USER_ID#"}`,
    );
    const locked = `{"event": "item:lock", "extra": {"item": "item-1", "item_version": "1",
      "user": "#CONTEXT_USER_ID#", "lock_session": "__any_value__", "_etag": "#lock._etag#"}}`;
    await s.notifications(`[${locked}]`);
    await s.post("/archive/item-1/unlock", `{}`);
    s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test", "lock_user": null,
      "_links": {"self": {"href": "/archive/item-1"}}}`);
    await s.notifications(`[${locked}, {"event": "item:unlock", "extra": {"item": "item-1",
      "item_version": "1", "state": "#unlock.state#", "user": "#CONTEXT_USER_ID#",
      "lock_session": "__any_value__", "_etag": "#unlock._etag#"}}]`);
    await s.get("/archive/item-1");
    s.code(200);
    await s.get(`/workqueue?source={"filter": {"term": {"lock_user": "#CONTEXT_USER_ID#"}}}`);
    s.list(0);
  });

  f.scenario("Fail edit on locked item", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.post("/archive/item-1/lock", `{}`);
    await s.switchUser();
    await s.patch("/archive/item-1", `{"headline": "test 2"}`);
    s.code(400);
  });

  f.scenario("Fail to force unlock for other User workspace content", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.post("/archive/item-1/lock", `{}`);
    s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.itemLocked(true);
    await s.switchUser();
    await s.post("/archive/item-1/unlock", `{}`);
    s.code(403);
  });

  f.scenario(
    "Force unlock other user content on a desk with desk membership.",
    ["auth"],
    async (s) => {
      await s.given("desks", SPORTS_WITH_ME);
      await s.given(
        "archive",
        ON_SPORTS.replace(`"headline": "test",`, `"headline": "test", "_current_version": 2,`),
      );
      await s.post("/archive/item-1/lock", `{}`);
      s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
      s.itemLocked(true);
      await s.switchUser();
      await s.patch(
        "/desks/#desks._id#",
        `{"members":[{"user":"#USERS_ID#"},{"user":"#CONTEXT_USER_ID#"}]}`,
      );
      await s.post("/archive/item-1/unlock", `{}`);
      s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
      s.itemLocked(false);
    },
  );

  f.scenario(
    "Fail force unlock other user content on a desk with out desk membership.",
    ["auth"],
    async (s) => {
      await s.given("desks", SPORTS_WITH_ME);
      await s.given("archive", ON_SPORTS);
      await s.post("/archive/item-1/lock", `{}`);
      s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
      s.itemLocked(true);
      await s.switchUser();
      await s.post("/archive/item-1/unlock", `{}`);
      s.code(403);
    },
  );

  f.scenario("Fail lock if item is locked in another session", ["auth"], async (s) => {
    await s.given("archive", ITEM);
    await s.post("/archive/item-1/lock", `{}`);
    s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.itemLocked(true);
    await s.setupTestUser();
    await s.post("/archive/item-1/lock", `{}`);
    s.code(403);
  });

  f.scenario("Force unlock if item is locked in another session", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 2}]`,
    );
    await s.post("/archive/item-1/lock", `{}`);
    s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.itemLocked(true);
    await s.post(
      "/archive_autosave",
      `{"_id": "item-1", "guid": "item-1", "body_html": "autosaved", "unique_name": "foo"}`,
    );
    s.newResource();
    await s.setupTestUser();
    await s.post("/archive/item-1/unlock", `{}`);
    s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test", "body_html": "autosaved",
      "_current_version": 3, "unique_name": "foo"}`);
    s.itemLocked(false);
  });

  f.scenario("Fail force unlock if you don't have privileges to unlock", ["auth"], async (s) => {
    await s.given("desks", SPORTS_WITH_ME);
    await s.given("archive", ON_SPORTS);
    await s.post("/archive/item-1/lock", `{}`);
    s.newResource(`{"_id": "item-1", "guid": "item-1", "headline": "test"}`);
    s.itemLocked(true);
    await s.switchUser();
    await s.patch(
      "/desks/#desks._id#",
      `{"members":[{"user":"#USERS_ID#"},{"user":"#CONTEXT_USER_ID#"}]}`,
    );
    s.ok();
    await s.patch("/users/#USERS_ID#", `{"user_type": "user", "privileges": {"archive":1}}`);
    s.ok();
    await s.post("/archive/item-1/unlock", `{}`);
    s.code(403);
  });

  f.scenario("Unlock a package in draft state, version 0 and with an item", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    const task =
      `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`;
    const groups = `"groups": [
      {"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
      {"id": "main", "role": "grpRole:Main", "refs": [
        {"headline": "test package with text", "residRef": "item-1", "slugline": "awesome article"}]}]`;
    await s.postWithSuccess(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", ${task}}]`,
    );
    await s.post(
      "archive",
      `[{"_id": "package-1", "guid": "package-1", "headline": "test", "type": "composite",
         "version": 0, ${task}, ${groups}}]`,
    );
    await s.get("/archive/package-1");
    s.existingResource(`{"_id": "package-1", "_current_version": 0, "version": 0}`);
    await s.post(
      "archive",
      `[{"_id": "package-2", "guid": "package-2", "headline": "test", "type": "composite",
         ${task}, ${groups}}]`,
    );
    await s.get("/archive/package-2");
    s.existingResource(`{"_id": "package-2", "_current_version": 1}`);
    await s.post("/archive/package-1/lock", `{}`);
    s.newResource(
      `{"_id": "package-1", "guid": "package-1", "_current_version": 0, "version": 0}`,
    );
    s.itemLocked(true);
    await s.get("/archive/item-1");
    s.existingResource(
      `{"_id": "item-1", "linked_in_packages": [{"package": "package-1"}, {"package": "package-2"}]}`,
    );
    await s.post("/archive/package-1/unlock", `{}`);
    await s.get("/archive/package-1");
    s.code(404);
    await s.get("/archive/item-1");
    s.existingResource(`{"_id": "item-1", "linked_in_packages": [{"package": "package-2"}]}`);
    // `we find no reference of package "package-1" in item`.
    const links = s.response.body.linked_in_packages as Array<{ package: string }>;
    assert.ok(!links.some((link) => link.package === "package-1"), JSON.stringify(links));
  });

  f.scenario("Unlocking an item that expired in mongo (bug)", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 1}]`,
    );
    await s.post("/archive/item-1/lock", `{}`);
    await s.removeFromStore("archive", "item-1");
    await s.post("/archive/item-1/unlock", `{}`);
    s.code(404);
    await s.get("/workqueue");
    s.list(0);
  });

  f.scenario("Unlocking an item with earlier publish schedule", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 1}]`,
    );
    await s.post(
      "archive_autosave",
      `{"_id": "item-1", "guid": "item-1", "publish_schedule": "2021-06-06T13:25:00+0000"}`,
    );
    s.ok();
    await s.post("/archive/item-1/lock", `{}`);
    s.ok();
    await s.post("/archive/item-1/unlock", `{}`);
    s.ok();
  });
});
