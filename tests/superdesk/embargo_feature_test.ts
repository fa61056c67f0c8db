/** Superdesk's features/embargo.feature over HTTP. */
import { embargoLapses, expiryAfter, hasEmbargo, publishedExpiry } from "./_embargo_steps.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import { rewrite } from "./_rewrite_steps.ts";

/** A subscriber of the Background with one email destination and product "1". */
function subscriber(id: string, name: string, mediaType: string, type: string): string {
  return `{"_id": "${id}", "name":"${name}", "media_type":"${mediaType}", "is_active": true,
    "subscriber_type": "${type}", "sequence_num_settings":{"min" : 1, "max" : 10},
    "email": "test@test.com", "products": ["1"],
    "destinations":[{"name":"email","format": "nitf", "delivery_type":"email",
      "config":{"recipients":"test@test.com"}}]}`;
}

/** The Background: validators, the Sports desk, product "1", three subscribers, item 123. */
async function background(s: Scenario) {
  await s.given(
    "validators",
    `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
      {"schema": {}, "type": "text", "act": "correct", "_id": "correct_text"},
      {"schema": {}, "type": "text", "act": "kill",    "_id": "kill_text"}]`,
  );
  await s.given("desks", `[{"name": "Sports", "content_expiry": "4320"}]`);
  await s.given("products", `[{"_id": "1", "name":"prod-1", "codes":"abc,xyz"}]`);
  await s.given(
    "subscribers",
    `[${subscriber("123", "Wire Subscriber", "media", "wire")},
      ${subscriber("321", "Digital Subscriber", "media", "digital")},
      ${subscriber("456", "2nd Wire Subscriber", "non-media", "wire")}]`,
  );
  await s.given(
    "archive",
    `[{"guid": "123", "type": "text", "slugline": "text with embargo", "headline": "test",
       "_current_version": 1, "state": "fetched", "anpa_take_key": "Take",
       "unique_id": "123456", "unique_name": "#text_with_embargo",
       "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body",
       "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
         "user": "#CONTEXT_USER_ID#"}}]`,
  );
}

/** The global "Embargo block" filter (embargoed packages) of the `@vocabulary` scenarios. */
async function embargoBlock(s: Scenario) {
  await s.given(
    "filter_conditions",
    `[{"_id" : "58e1aee91d41c8a54b1ce067", "value" : "True", "name" : "Embargo Block",
       "operator" : "eq","field" : "embargo"},
      {"_id" : "58e1af3b1d41c8a54b1ce06b", "value" : "composite","name" : "Composite Block",
       "operator" : "eq", "field" : "type"}]`,
  );
  await s.given(
    "content_filters",
    `[{"_id" : "58e1af1c1d41c8a54b1ce069", "api_block" : false, "name" : "Embargo block",
       "is_global" : true, "is_archived_filter" : false,
       "content_filter" : [{"expression" : {"fc" : ["58e1aee91d41c8a54b1ce067",
         "58e1af3b1d41c8a54b1ce06b"]}}]}]`,
  );
}

/** An embargo-scenario body: the Background, then `fn`. */
function withBackground(fn: (s: Scenario) => Promise<void>) {
  return async (s: Scenario) => {
    await background(s);
    await fn(s);
  };
}

/**
 * Item 123 embargoed two days ahead and published: version 3, its expiry counted from the
 * embargo, the embargo on the answer and on `/published`.
 */
async function publishEmbargoed(s: Scenario, extra = "") {
  await s.patch("/archive/123", `{"embargo": "#DATE+2#"}`);
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  s.existingResource(`{"_current_version": 3, "state": "published"${extra}}`);
  expiryAfter(s, 4320, "#archive_publish.embargo#");
  hasEmbargo(s);
}

const TASK = `"task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}`;
const PUBLISHED_123 =
  `{"_items" : [{"_id": "123", "guid": "123", "headline": "test", "_current_version": 3,
    "state": "published", "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
    "user": "#CONTEXT_USER_ID#"}}]}`;
const QUEUED_TO_ALL = `{"_items": [
  {"subscriber_id": "123", "publishing_action": "published", "content_type": "text",
   "item_id": "123"},
  {"subscriber_id": "321", "publishing_action": "published", "content_type": "text",
   "item_id": "123"},
  {"subscriber_id": "456"}]}`;
const EMAIL = `"content_type": "text", "destination":{"name":"email"}`;
const QUEUED_CORRECTED = `{"_items": [
  {"subscriber_id": "123", "publishing_action": "published", ${EMAIL}},
  {"subscriber_id": "123", "publishing_action": "corrected", ${EMAIL}},
  {"subscriber_id": "456", "publishing_action": "published"},
  {"subscriber_id": "456", "publishing_action": "corrected"}]}`;

/** Published with embargo, the copy on `/published`, three queue entries. */
async function publishedAndQueued(s: Scenario) {
  await publishEmbargoed(s, `, ${TASK}`);
  await s.get("/published");
  s.existingResource(PUBLISHED_123);
  hasEmbargo(s);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(3, QUEUED_TO_ALL);
}

/** The package of item 123 the package scenarios post. */
const PACKAGE_OF_123 = `{
  "groups": [
    {"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
    {"id": "main", "refs": [{"residRef": "123"}], "role": "grpRole:Main"}
  ],
  "guid": "tag:example.com,0000:newsml_BRE9A605",
  "type": "composite",
  "task": {"user": "#user._id#", "desk": "#desks._id#"}
}`;

feature("embargo", (f) => {
  f.scenario(
    "Create a Text Article with Embargo",
    ["auth"],
    withBackground(async (s) => {
      await s.postWithSuccess(
        "/archive",
        `[{"guid": "text-article-with-embargo", "type": "text",
           "embargo": "2030-02-13T22:46:19.000Z"}]`,
      );
      await s.get("/archive");
      s.list(
        2,
        `{"_items": [{"embargo": "2030-02-13T22:46:19+0000",
          "schedule_settings": {"utc_embargo": "2030-02-13T22:46:19+0000"}}]}`,
      );
      await s.get("/archive/text-article-with-embargo");
      s.key("embargo");
    }),
  );

  f.scenario(
    "Create a Text Article with Embargo an time zone",
    ["auth"],
    withBackground(async (s) => {
      await s.postWithSuccess(
        "/archive",
        `[{"guid": "text-article-with-embargo", "type": "text",
           "embargo": "2030-02-13T22:46:19.000Z",
           "schedule_settings":{"time_zone": "Australia/Sydney"}}]`,
      );
      await s.get("/archive");
      s.list(
        2,
        `{"_items": [{"embargo": "2030-02-13T22:46:19+0000",
          "schedule_settings": {"utc_embargo": "2030-02-13T11:46:19+0000"}}]}`,
      );
      await s.get("/archive/text-article-with-embargo");
      s.key("embargo");
    }),
  );

  f.scenario(
    "Update a Text Article with Embargo and timezone",
    ["auth"],
    withBackground(async (s) => {
      const step = async (patch: string, expected: string) => {
        await s.patch("/archive/123", patch);
        s.code(200);
        await s.get("/archive/123");
        s.existingResource(expected);
      };
      await step(
        `{"embargo": "2030-02-13T22:46:19+0000", "headline": "here comes the embargo"}`,
        `{"embargo": "2030-02-13T22:46:19+0000",
          "schedule_settings": {"utc_embargo": "2030-02-13T22:46:19+0000"}}`,
      );
      await step(
        `{"schedule_settings": {"time_zone": "Australia/Sydney"}}`,
        `{"embargo": "2030-02-13T22:46:19+0000",
          "schedule_settings": {"utc_embargo": "2030-02-13T11:46:19+0000"}}`,
      );
      await step(
        `{"embargo": "2030-03-13T22:46:19+0000"}`,
        `{"embargo": "2030-03-13T22:46:19+0000",
          "schedule_settings": {"utc_embargo": "2030-03-13T11:46:19+0000"}}`,
      );
      await step(
        `{"schedule_settings": {"time_zone": null}}`,
        `{"embargo": "2030-03-13T22:46:19+0000",
          "schedule_settings": {"utc_embargo": "2030-03-13T22:46:19+0000"}}`,
      );
      await step(
        `{"embargo": null}`,
        `{"embargo": null, "schedule_settings": {"utc_embargo": null}}`,
      );
    }),
  );

  f.scenario(
    "An article with Embargo always goes to Wire Subscribers irrespective of publish action until embargo lapses",
    ["auth"],
    withBackground(async (s) => {
      await embargoBlock(s);
      await publishEmbargoed(s);
      await s.get("/published");
      hasEmbargo(s);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        3,
        `{"_items": [
          {"subscriber_id": "123", "publishing_action": "published", ${EMAIL}},
          {"subscriber_id": "456"}]}`,
      );
      await s.publish("#archive._id#", "correct", "corrected", `{"headline": "corrected article"}`);
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(6, QUEUED_CORRECTED);
      await s.publish("#archive._id#", "kill", "killed", `{"abstract": "killed"}`);
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        9,
        `{"_items": [
          {"subscriber_id": "123", "publishing_action": "published", ${EMAIL}},
          {"subscriber_id": "123", "publishing_action": "corrected", ${EMAIL}},
          {"subscriber_id": "123", "publishing_action": "killed", ${EMAIL}},
          {"subscriber_id": "456", "publishing_action": "published"},
          {"subscriber_id": "456", "publishing_action": "corrected"},
          {"subscriber_id": "456", "publishing_action": "killed"}]}`,
      );
    }),
  );

  f.scenario(
    "Publish an article with Embargo and validate metadata",
    ["auth"],
    withBackground(async (s) => {
      await embargoBlock(s);
      await publishedAndQueued(s);
      await s.enqueuePublished();
      await s.publish("#archive._id#", "correct", "corrected");
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        6,
        `{"_items": [
          {"subscriber_id": "123", "publishing_action": "published", "content_type": "text",
           "item_id": "123"},
          {"subscriber_id": "123", "publishing_action": "corrected", "content_type": "text",
           "item_id": "123"},
          {"subscriber_id": "456", "publishing_action": "published"},
          {"subscriber_id": "456", "publishing_action": "corrected"}]}`,
      );
      await s.get("/published");
      publishedExpiry(s, 4320);
    }),
  );

  f.scenario(
    "Publish an article with Embargo and embargo lapses",
    ["auth"],
    withBackground(async (s) => {
      await embargoBlock(s);
      await publishedAndQueued(s);
      await embargoLapses(s, "#archive._id#");
      await s.publish("#archive._id#", "correct", "corrected");
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(6, QUEUED_CORRECTED);
      await s.get("/archive/123");
      await s.get("/published");
      publishedExpiry(s, 4320);
    }),
  );

  f.scenario(
    "Publish an article with Embargo and change embargo in correction",
    ["auth"],
    withBackground(async (s) => {
      await embargoBlock(s);
      await publishedAndQueued(s);
      await s.publish("#archive._id#", "correct", "corrected", `{"embargo": "#DATE+3#"}`);
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(6, QUEUED_CORRECTED);
      await s.get("/published");
      publishedExpiry(s, 4320);
      hasEmbargo(s);
      await s.publish("#archive._id#", "correct", "corrected", `{"embargo": null}`);
      s.ok();
      await s.enqueuePublished();
      await s.get("/published");
      publishedExpiry(s, 4320);
      await s.get("/archive/123");
    }),
  );

  f.scenario(
    "Creating/Updating an item without a future Embargo should fail",
    ["auth"],
    withBackground(async (s) => {
      await s.post(
        "/archive",
        `[{"guid": "text-article-with-embargo", "type": "text", "embargo": "#DATE-2#"}]`,
      );
      s.code(400, `{"_message": "Embargo cannot be earlier than now"}`);
      await s.patch("/archive/123", `{"embargo": "#DATE-1#"}`);
      s.code(
        400,
        `{"_issues": {"validator exception": "400: Embargo cannot be earlier than now"}}`,
      );
    }),
  );

  f.scenario(
    "Creating/Updating a Package with Embargo should fail",
    ["auth"],
    withBackground(async (s) => {
      await s.given("desks", `[{"name": "test desk"}]`);
      await s.post(
        "/archive",
        `[{"guid": "text-article-with-embargo", "type": "composite", "embargo": "#DATE+1#",
           "task": {"user": "#user._id#", "desk": "#desks._id#"}}]`,
      );
      s.code(400, `{"_message": "A Package doesn't support Embargo"}`);
      await s.postWithSuccess("/archive", PACKAGE_OF_123);
      await s.patch("/archive/tag:example.com,0000:newsml_BRE9A605", `{"embargo": "#DATE+1#"}`);
      s.code(
        400,
        `{"_issues": {"validator exception": "400: A Package doesn't support Embargo"}}`,
      );
    }),
  );

  f.scenario(
    "A package can't have Embargo Item(s)",
    ["auth"],
    withBackground(async (s) => {
      await s.patch("/archive/123", `{"embargo": "#DATE+2#"}`);
      await s.post("/archive", PACKAGE_OF_123);
      s.code(
        400,
        `{"_message": "Package can't have item which has embargo. Slugline/Unique Name of the item having embargo: text with embargo/#text_with_embargo"}`,
      );
    }),
  );

  f.scenario(
    "An article can't have both Publish Schedule and Embargo",
    ["auth"],
    withBackground(async (s) => {
      await s.post(
        "/archive",
        `[{"guid": "text-article-with-embargo", "type": "text", "publish_schedule": "#DATE+1#",
           "embargo": "#DATE+1#"}]`,
      );
      s.code(400, `{"_message": "An item can't have both Publish Schedule and Embargo"}`);
      await s.patch("/archive/123", `{"publish_schedule": "#DATE+1#", "embargo": "#DATE+1#"}`);
      s.code(
        400,
        `{"_issues": {"validator exception": "400: An item can't have both Publish Schedule and Embargo"}}`,
      );
    }),
  );

  f.scenario(
    "Can't set an Embargo after publishing",
    ["auth"],
    withBackground(async (s) => {
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      s.existingResource(`{"_current_version": 2, "state": "published", ${TASK}}`);
      await s.get("/published");
      s.existingResource(PUBLISHED_123.replace(`"_current_version": 3`, `"_current_version": 2`));
      await s.publish("#archive._id#", "correct", "corrected", `{"embargo": "#DATE+1#"}`);
      s.code(
        400,
        `{"_issues": {"validator exception": "400: Embargo can't be set after publishing"}}`,
      );
    }),
  );

  f.scenario(
    "Cannot rewrite an article which has Embargo",
    ["auth"],
    withBackground(async (s) => {
      await s.patch("/archive/123", `{"embargo": "2030-02-13T22:46:19.000Z"}`);
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      s.existingResource(`{"_current_version": 3, "state": "published", ${TASK},
        "embargo": "2030-02-13T22:46:19+0000",
        "schedule_settings":  {"utc_embargo": "2030-02-13T22:46:19+0000"}}`);
      await s.get("/published");
      s.existingResource(PUBLISHED_123);
      await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
      s.code(400, `{"_message": "Rewrite of an Item having embargo isn't possible"}`);
    }),
  );

  f.scenario(
    "Embargo shouldn't be copied while Duplicating an Embargoed Article",
    ["auth"],
    withBackground(async (s) => {
      await s.patch(
        "/archive/123",
        `{"embargo": "#DATE+2#", "headline": "here comes the embargo"}`,
      );
      s.code(200);
      await s.postWithSuccess(
        "/archive/123/duplicate",
        `{"desk": "#desks._id#","type": "archive"}`,
      );
      await s.get("/archive/#duplicate._id#");
      s.noKey("embargo");
    }),
  );

  f.scenario(
    "Embargo shouldn't be copied while Copying an Embargoed Article",
    ["auth"],
    withBackground(async (s) => {
      await s.postWithSuccess(
        "/archive",
        `[{"type":"text", "headline": "test1", "state": "draft", "guid": "text-article-with-embargo", "embargo": "#DATE+2#"}]`,
      );
      await s.postWithSuccess("/archive/text-article-with-embargo/copy", `{}`);
      await s.get("/archive/#copy._id#");
      s.noKey("embargo");
    }),
  );

  f.scenario(
    "Deschedule an article then embargo the same article",
    ["auth"],
    withBackground(async (s) => {
      await embargoBlock(s);
      await s.patch("/archive/123", `{"publish_schedule": "#DATE+1#"}`);
      s.code(200);
      await s.publish("123", "publish", "published", `{"publish_schedule": "#DATE+1#"}`);
      s.ok();
      s.existingResource(`{"state": "scheduled", "_id": "123"}`);
      await s.get("/archive/123");
      s.existingResource(`{"state": "scheduled", "_id": "123"}`);
      await s.get("/published");
      s.list(1, `{"_items": [{"state": "scheduled", "_id": "123", "type": "text"}]}`);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(0);
      await s.patch("/archive/123", `{"publish_schedule": null}`);
      s.ok();
      await s.get("/archive/123");
      s.existingResource(
        `{"state": "in_progress", "_id": "123", "publish_schedule": "#LAST_DATE_VALUE#"}`,
      );
      await s.patch("/archive/123", `{"publish_schedule": null}`);
      s.ok();
      await s.get("/archive/123");
      s.existingResource(`{"state": "in_progress", "_id": "123", "publish_schedule": "__none__"}`);
      await s.get("/published");
      s.list(0);
      await s.get("/publish_queue");
      s.list(0);
      await s.patch("/archive/123", `{"embargo": "#DATE+1#"}`);
      s.ok();
      await s.publish("123", "publish", "published");
      s.ok();
      expiryAfter(s, 4320, "#archive_publish.embargo#");
      hasEmbargo(s);
      await s.get("/published");
      hasEmbargo(s);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(3, QUEUED_TO_ALL);
    }),
  );

  f.scenario(
    "An article with Embargo goes to Digital Subscribers if not blocked",
    ["auth"],
    withBackground(async (s) => {
      await publishEmbargoed(s);
      await s.get("/published");
      hasEmbargo(s);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        3,
        `{"_items": [
          {"subscriber_id": "123", "publishing_action": "published", ${EMAIL}},
          {"subscriber_id": "456"},
          {"subscriber_id": "321", "publishing_action": "published", ${EMAIL}}]}`,
      );
      await s.publish("#archive._id#", "correct", "corrected", `{"headline": "corrected article"}`);
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        6,
        `{"_items": [
          {"subscriber_id": "123", "publishing_action": "published", ${EMAIL}},
          {"subscriber_id": "123", "publishing_action": "corrected", ${EMAIL}},
          {"subscriber_id": "456", "publishing_action": "published"},
          {"subscriber_id": "456", "publishing_action": "corrected"},
          {"subscriber_id": "321", "publishing_action": "published"},
          {"subscriber_id": "321", "publishing_action": "corrected"}]}`,
      );
      await s.publish("#archive._id#", "kill", "killed", `{"abstract": "killed"}`);
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        9,
        `{"_items": [
          {"subscriber_id": "123", "publishing_action": "published", ${EMAIL}},
          {"subscriber_id": "123", "publishing_action": "corrected", ${EMAIL}},
          {"subscriber_id": "123", "publishing_action": "killed", ${EMAIL}},
          {"subscriber_id": "456", "publishing_action": "published"},
          {"subscriber_id": "456", "publishing_action": "corrected"},
          {"subscriber_id": "456", "publishing_action": "killed"},
          {"subscriber_id": "321", "publishing_action": "published"},
          {"subscriber_id": "321", "publishing_action": "corrected"},
          {"subscriber_id": "321", "publishing_action": "killed"}]}`,
      );
    }),
  );
});
