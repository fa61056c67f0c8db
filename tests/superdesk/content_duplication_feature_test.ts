import assert from "node:assert/strict";
/** Superdesk's features/content_duplication.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { expireItems, importLegalPublishQueue } from "./_expiry_steps.ts";
import { rewrite } from "./_rewrite_steps.ts";

/**
 * `we ensure that archived schema extra fields are not present in duplicated item`: none of the
 * fields the `archived` schema has and the `archive` schema lacks.
 */
function noArchivedFields(s: Scenario) {
  const registry = s.app.platform.registry;
  const own = Object.keys(registry.service("archive").definition.schema.properties);
  for (const field of Object.keys(registry.service("archived").definition.schema.properties)) {
    if (!own.includes(field) && !field.startsWith("_")) noKeyInResponse(s, field);
  }
}

/** `there is no "<key>" in response`. */
function noKeyInResponse(s: Scenario, key: string) {
  assert.ok(!(key in s.response.body), `"${key}" is in ${JSON.stringify(s.response.body)}`);
}

/** The feature's Background. */
async function background(s: Scenario) {
  await s.givenEmpty("ingest");
  await s.given(
    "validators",
    `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
      {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`,
  );
  await s.given("desks", `[{"name": "Sports"}]`);
  await s.given(
    "archive",
    `[{"type": "text", "event_id": "abc123", "headline": "test1", "guid": "123",
       "original_creator": "#CONTEXT_USER_ID#", "state": "submitted", "source": "REUTERS",
       "subject": [{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
       "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
       "firstcreated": "2017-10-10T10:10:10+0000", "firstpublished": "2017-10-10T12:12:12+0000"}]`,
  );
}

/** Product prod-1 and the Channel 3 wire subscriber with it and an email destination. */
async function wireSubscriber(s: Scenario) {
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "wire",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email",
        "config":{"recipients":"test@test.com"}}]}`,
  );
}

/** `we patch given` twice (headline test2, test3): version 3, in progress on the desk. */
async function savedTwice(s: Scenario) {
  await s.patchGiven("archive", `{"headline": "test2"}`);
  await s.patchLatest(`{"headline": "test3"}`);
  s.ok(
    `{"headline": "test3", "state": "in_progress",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}`,
    { updated: true },
  );
  s.version(3);
}

/** The duplicate at version 4 on the working stage, with its `content:update`. */
async function duplicateAtVersion4(s: Scenario) {
  await s.post("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
  await s.get("/archive/#duplicate._id#");
  s.existingResource(
    `{"state": "submitted", "_current_version": 4, "source": "AAP",
      "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"},
      "original_id": "123"}`,
  );
  s.noKeyIn("task", "last_production_desk");
  s.noKeyIn("task", "last_authoring_desk");
  await s.notifications(
    `[{"event": "content:update", "extra": {"items": {"123": 1}, "desks": {"#desks._id#": 1},
      "stages": {"#desks.working_stage#": 1}}, "_created": "__any_value__"}]`,
  );
}

feature("content_duplication", (f) => {
  f.needs(
    "Duplicate a content with versions",
    "`q` matching an item's desk id (`/archive?q=<desk id>` lists the desk's items)",
  );

  f.scenario("Duplicate a content with history", ["auth", "notification"], async (s) => {
    await background(s);
    await savedTwice(s);
    await s.get("/archive_history?where=item_id==%22123%22");
    s.list(3);
    await duplicateAtVersion4(s);
    await s.get("/archive_history?where=item_id==%22#duplicate._id#%22");
    s.list(
      4,
      `{"_items": [{"version": 1, "operation": "create"}, {"version": 2, "operation": "update"},
        {"version": 3, "operation": "update"}, {"version": 4, "operation": "duplicated_from"}]}`,
    );
  });

  f.wrong(
    "Duplicate a content with history doesn't change the state if it's submitted",
    "our `Given` items are at version 1 (Superdesk's `Given` stores none, and a duplicate of an " +
      "item without a version starts at 1): ours is at 2, after its source's 1",
  );
  f.needs("Duplicate a content where desk has source", "desk sources applied to content");
  f.needs("Duplicate a package", "packages");

  f.scenario("Duplicate should fail when no desk specified", ["auth"], async (s) => {
    await background(s);
    await s.post("/archive/123/duplicate", `{}`);
    s.code(400, `{"_issues": {"desk": {"required": 1}}}`);
  });

  f.scenario("Item can be duplicated to a different desk", ["auth"], async (s) => {
    await background(s);
    await s.post("/desks", `[{"name": "Finance"}]`);
    await s.post("/archive/123/duplicate", `{"desk": "#desks._id#", "type": "archive"}`);
    s.ok();
    await s.get("/archive/#duplicate._id#");
    s.existingResource(
      `{"task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"}}`,
    );
  });

  f.scenario("Item can be duplicated to a different desk and stage", ["auth"], async (s) => {
    await background(s);
    await s.post("/desks", `[{"name": "Finance"}]`);
    await s.post(
      "/stages",
      `[{"name": "another stage", "description": "another stage", "task_status": "in_progress", "desk": "#desks._id#"}]`,
    );
    await s.post(
      "/archive/123/duplicate",
      `{"desk": "#desks._id#", "stage": "#stages._id#", "type": "archive"}`,
    );
    s.ok();
    await s.get("/archive/#duplicate._id#");
    s.existingResource(
      `{"task": {"desk": "#desks._id#", "stage": "#stages._id#", "user": "#CONTEXT_USER_ID#"}}`,
    );
  });

  f.scenario("User can't duplicate content without a privilege", ["auth"], async (s) => {
    await background(s);
    await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
    await s.post("/archive/123/duplicate", `[{"desk": "#desks._id#", "type": "archive"}]`);
    s.code(403);
  });

  f.scenario(
    "Sign off is changed when item is duplicated by another person",
    ["auth"],
    async (s) => {
      await background(s);
      await s.patchGiven("archive", `{"headline": "test2"}`);
      s.ok(
        `{"headline": "test2", "state": "in_progress", "sign_off": "abc",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}`,
        { updated: true },
      );
      await s.switchUser();
      await s.post("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
      await s.get("/archive/#duplicate._id#");
      s.existingResource(
        `{"state": "submitted", "sign_off": "foo",
        "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#"}}`,
      );
    },
  );
  f.needs("Duplicate a item in the package doesn't keep the package", "packages");
  f.scenario("Duplicate a Scheduled Item", ["auth"], async (s) => {
    await background(s);
    await s.patch("/archive/123", `{"publish_schedule":"#DATE+1#"}`);
    await wireSubscriber(s);
    await s.publish("#archive._id#", "publish", "published", `{"publish_schedule": "#DATE+1#"}`);
    s.ok();
    s.existingResource(`{"_current_version": 3, "state": "scheduled", "operation": "publish"}`);
    await s.postWithSuccess("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    await s.get("/archive/#duplicate._id#");
    s.noKey("publish_schedule");
  });

  f.scenario(
    "Duplicate a published item and original item's ID is present in the duplicated item",
    ["auth"],
    async (s) => {
      await background(s);
      await s.given("published", `[{"_id":"1","item_id": "123", "state": "published"}]`);
      await s.postWithSuccess(
        "/archive/#archive._id#/duplicate",
        `{"desk": "#desks._id#","type": "archive"}`,
      );
      await s.get("/archive/#duplicate._id#");
      s.existingResource(`{"original_id": "123"}`);
    },
  );

  f.scenario("Duplicated item will have a new event_id", ["auth"], async (s) => {
    await background(s);
    await s.postWithSuccess("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    await s.get("/archive/#duplicate._id#");
    s.fieldValueNot("event_id", "abc123");
  });
  f.scenario("Duplicate an Updated, Highlighted and Marked Item", ["auth"], async (s) => {
    await background(s);
    await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
    await s.get("/archive/123");
    s.existingResource(`{"rewritten_by": "#REWRITE_ID#"}`);
    await s.post("highlights", `{"name": "highlight1", "desks": ["#desks._id#"]}`);
    await s.post(
      "marked_for_highlights",
      `[{"highlights": ["#highlights._id#"], "marked_item": "123"}]`,
    );
    await s.postWithSuccess(
      "/marked_for_desks",
      `[{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}]`,
    );
    await s.postWithSuccess("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    await s.get("/archive/#duplicate._id#");
    for (const key of ["rewritten_by", "highlights", "marked_desks"]) noKeyInResponse(s, key);
    await s.postWithSuccess(
      "/archive/#REWRITE_ID#/duplicate",
      `{"desk": "#desks._id#","type": "archive"}`,
    );
    await s.get("/archive/#duplicate._id#");
    noKeyInResponse(s, "rewrite_of");
  });
  f.scenario("Duplicate fails when item state is killed", ["auth"], async (s) => {
    await background(s);
    await s.patch("/archive/123", `{"publish_schedule":"#DATE+1#"}`);
    await wireSubscriber(s);
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.publish("#archive._id#", "kill", "killed");
    s.ok();
    await s.post("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    s.code(412, `{"_message": "Workflow transition is invalid."}`);
  });

  f.scenario(
    "Duplicate an expired published item and publish the duplicated item",
    ["auth"],
    async (s) => {
      await background(s);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      s.existingResource(
        `{"_current_version": 2, "state": "published",
          "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
      );
      const copy2 = `{"_items" : [{"_id": "123", "state": "published", "type": "text",
        "_current_version": 2}]}`;
      await s.get("/published");
      s.list(1, copy2);
      await s.enqueuePublished();
      await s.transmitItems();
      await importLegalPublishQueue(s);
      await expireItems(s, `["123"]`);
      await s.get("/published");
      s.list(0);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(0);
      await s.get("/archived");
      s.list(1, copy2.replace(`"_id"`, `"item_id"`));
      await s.postWithSuccess(
        "/archive/#archive._id#/duplicate",
        `{"desk": "#desks._id#", "type": "archived", "item_id": "123"}`,
      );
      await s.get("/archive/#duplicate._id#");
      s.existingResource(
        `{"state": "submitted", "_current_version": 3, "source": "AAP",
          "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"},
          "original_id": "123", "headline": "test1", "type": "text"}`,
      );
      noArchivedFields(s);
      await s.get("/published");
      s.list(0);
      await s.publish("#duplicate._id#", "publish", "published");
      s.ok();
      await s.get("/published");
      s.list(1, `{"_items" : [{"_current_version": 4, "state": "published", "type": "text"}]}`);
    },
    { env: { LEGAL_ARCHIVE: "true" } },
  );

  f.scenario(
    "Duplicate a archived item and the original ID of the archived item should be copied to duplicated item and the latest version of archived item should be picked",
    ["auth"],
    async (s) => {
      await background(s);
      const copy = (version: number) =>
        `{"_id": "123_${version}", "state": "published", "type":"text", "headline": "test${version}",
          "guid": "123_${version}", "item_id": "123", "original_creator": "#CONTEXT_USER_ID#",
          "source": "REUTERS", "subject":[{"qcode": "17004000", "name": "Statistics"}],
          "body_html": "Test Document body", "_current_version": ${version},
          "archived_id": "123:${version}",
          "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"}}`;
      await s.given("archived", `[${copy(1)}, ${copy(2)}]`);
      await s.get("/archived");
      s.list(2);
      await s.postWithSuccess(
        "/archive/123_1/duplicate",
        `{"desk": "#desks._id#", "type": "archived", "item_id": "123"}`,
      );
      await s.get("/archive/#duplicate._id#");
      s.existingResource(
        `{"state": "submitted", "_current_version": 3, "source": "AAP",
          "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"},
          "original_id": "123", "headline": "test2"}`,
      );
      noArchivedFields(s);
    },
  );
  f.needs(
    "Item can be duplicated to a different desk and stage with a desk source",
    "desk sources applied to content",
  );
  f.needs(
    "Ingested agency item can be duplicated to a different desk and stage with a desk source keeps original source",
    "desk sources applied to content",
  );
  f.needs("Duplicated item with SMS flag will have be cleared", "SMS flags on duplication");
  f.needs("Planning assignment is removed from an item on duplication", "planning");
  f.needs(
    "Auto publish flag is removed on duplication",
    "the `auto_publish` field on archive items (Superdesk's ingest auto-publishing)",
  );
});
