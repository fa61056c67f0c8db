import assert from "node:assert/strict";
/** Superdesk's features/content_duplication.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { fetchFrom } from "./_ingest_steps.ts";
import { feature } from "./feature.ts";
import { expireItems, importLegalPublishQueue } from "./_expiry_steps.ts";
import { givenRaw } from "./raw_given.ts";
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

/** The duplicate has one version, and the desk lists it beside its source. */
async function duplicateListed(s: Scenario) {
  await s.get("/archive/#duplicate._id#?version=all");
  s.list(1);
  await s.get("/archive?q=#desks._id#");
  s.list(2);
}

/** Item 123 duplicated to the Sports desk with success, then the duplicate got. */
async function duplicated(s: Scenario) {
  await s.postWithSuccess("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
  await s.get("/archive/#duplicate._id#");
}

/** Item 123 duplicated to a new stage of a new Finance desk (source XXX), then got. */
async function toStageOfNewDesk(s: Scenario) {
  await s.post("/desks", `[{"name": "Finance", "source": "XXX"}]`);
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
}

feature("content_duplication", (f) => {
  f.scenario("Duplicate a content with versions", ["auth", "notification"], async (s) => {
    await background(s);
    await savedTwice(s);
    await s.get("/archive/123?version=all");
    s.list(3);
    await duplicateAtVersion4(s);
    s.existingResource(`{"firstcreated": "__now__", "versioncreated": "__now__"}`);
    s.noKeyIn("task", "last_desk");
    s.noKeyIn("task", "desk_history");
    await s.get("/archive/#duplicate._id#?version=all");
    s.list(4);
    await s.get("/archive/#duplicate._id#");
    s.existingResource(`{"operation": "duplicate"}`);
    await s.get("/archive?q=#desks._id#");
    s.list(2);
  });

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

  f.scenario(
    "Duplicate a content with history doesn't change the state if it's submitted",
    ["auth"],
    async (s) => {
      await background(s);
      await s.post("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
      await s.get("/archive/#duplicate._id#");
      s.existingResource(
        `{"state": "submitted", "_current_version": 1, "task": {"desk": "#desks._id#",
          "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"}}`,
      );
      await duplicateListed(s);
    },
  );
  f.scenario("Duplicate a content where desk has source", ["auth"], async (s) => {
    await background(s);
    await s.patch("desks/#desks._id#", `{"source": "FOO"}`);
    s.ok();
    await s.post("/archive/123/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    await s.get("/archive/#duplicate._id#");
    s.existingResource(
      `{"state": "submitted", "_current_version": 1, "source": "FOO",
        "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"}}`,
    );
    await duplicateListed(s);
  });
  f.scenario("Duplicate a package", ["auth"], async (s) => {
    await background(s);
    await fetchFrom(s, "reuters", "tag_reuters.com_2014_newsml_KBN0FL0NM:10");
    await s.postWithSuccess(
      "/ingest/#reuters.tag_reuters.com_2014_newsml_KBN0FL0NM:10#/fetch",
      `{"desk": "#desks._id#"}`,
    );
    s.key("_id");
    await s.post("/archive/#_id#/duplicate", `{"desk": "#desks._id#","type": "archive"}`);
    await s.get("/archive?q=#desks._id#");
    s.list(13);
  });

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
  f.scenario("Duplicate a item in the package doesn't keep the package", ["auth"], async (s) => {
    await background(s);
    const guid = "tag:localhost:2015:515b895a-b336-48b2-a506-5ffaf561b916";
    const headline = "WA:Navy steps in with WA asylum-seeker boat";
    const task =
      `"task": {"user": "#CONTEXT_USER_ID#", "status": "todo", "stage": "#desks.incoming_stage#", "desk": "#desks._id#"}`;
    await s.postWithSuccess(
      "archive",
      `[{"headline": "${headline}", "guid": "${guid}", "state": "submitted", "type": "text",
        "body_html": "item content", ${task}}]`,
    );
    await s.postWithSuccess(
      "archive",
      `[{"groups": [{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
        {"id": "main", "role": "grpRole:main", "refs": [{"renditions": {}, "slugline": "Boat",
          "guid": "${guid}", "headline": "${headline}", "location": "archive", "type": "text",
          "itemClass": "icls:text", "residRef": "${guid}"}]}],
        ${task}, "guid": "compositeitem", "headline": "${headline}", "state": "submitted",
        "type": "composite"}]`,
    );
    await s.get(`/archive/${guid}`);
    s.existingResource(`{"linked_in_packages": [{"package": "compositeitem"}]}`);
    await s.post(`/archive/${guid}/duplicate`, `{"desk": "#desks._id#","type": "archive"}`);
    await s.get("/archive/#duplicate._id#");
    s.noKey("linked_in_packages");
  });
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
  f.scenario(
    "Item can be duplicated to a different desk and stage with a desk source",
    ["auth"],
    async (s) => {
      await background(s);
      await toStageOfNewDesk(s);
      s.existingResource(
        `{"task": {"desk": "#desks._id#", "stage": "#stages._id#", "user": "#CONTEXT_USER_ID#"}, "source": "XXX"}`,
      );
    },
  );
  f.scenario(
    "Ingested agency item can be duplicated to a different desk and stage with a desk source keeps original source",
    ["auth"],
    async (s) => {
      await background(s);
      await givenRaw(s, "ingest_providers", `[{"name": "agency", "source": "YYY"}]`);
      await s.patch(
        "/archive/123",
        `{"ingest_provider": "#ingest_providers._id#", "source": "YYY"}`,
      );
      await toStageOfNewDesk(s);
      s.existingResource(
        `{"task": {"desk": "#desks._id#", "stage": "#stages._id#", "user": "#CONTEXT_USER_ID#"}, "source": "YYY"}`,
      );
    },
  );
  f.scenario("Duplicated item with SMS flag will have be cleared", ["auth"], async (s) => {
    await background(s);
    await s.patchGiven("archive", `{"flags": {"marked_for_sms": true}, "sms_message": "Test SMS"}`);
    await duplicated(s);
    s.existingResource(`{"flags": {"marked_for_sms": false}}`);
  });
  f.scenario("Planning assignment is removed from an item on duplication", ["auth"], async (s) => {
    await background(s);
    await s.patchGiven("archive", `{"assignment_id": "1234"}`);
    await duplicated(s);
    s.noKey("assignment_id");
  });
  f.scenario("Auto publish flag is removed on duplication", ["auth"], async (s) => {
    await background(s);
    await s.patchGiven("archive", `{"auto_publish": true}`);
    await duplicated(s);
    s.noKey("auto_publish");
  });
});
