/**
 * Superdesk's features/publish_embedded.feature over HTTP: a story published with a picture it
 * embeds (`associations`), which its publishing publishes too (`PUBLISH_ASSOCIATED_ITEMS`, on in
 * Superdesk's test settings); the content API keeps, per association, the subscribers allowed
 * to see it.
 */
import assert from "node:assert/strict";
import { capiNotPublishedTo, capiPublishedTo } from "./_content_api_steps.ts";
import { uploadBike } from "./_crop_steps.ts";
import { PACKAGE_ENV } from "./_package_steps.ts";
import { applyPlaceholders } from "./placeholders.ts";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

/** Channel 1: text from source foo, by e-mail and the content API. */
const CHANNEL_1 = "58f6110d88ea94d000369a2f";
/** Channel 2: pictures from source AAP, by e-mail. */
const CHANNEL_2 = "58f6113988ea94d000369a30";
/** Channel 3: text and pictures, by the content API. */
const CHANNEL_3 = "58f6115b88ea94d000369a31";

/** A required, non-empty string field of a validator, at most `max` long. */
const requiredString = (max: number) =>
  `{"type": "string", "required": true, "nullable": false, "empty": false, "maxlength": ${max}}`;

/** The validators of text and of embedded pictures for `act`. */
function validators(act: string): string {
  return `{"_id": "${act}_text", "act": "${act}", "type": "text",
      "schema": {"headline": ${requiredString(42)}}},
    {"_id": "${act}_embedded_picture", "act": "${act}", "type": "picture", "embedded": true,
      "schema": {"type": {"type": "string", "required": true, "allowed": ["picture"]},
        "pubstatus": {"type": "string", "required": true, "allowed": ["usable"]},
        "slugline": ${requiredString(24)}}}`;
}

/** The Background: desk, validators, filters, products, three subscribers, crop sizes. */
async function background(s: Scenario): Promise<void> {
  await s.given(
    "desks",
    `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}], "source": "foo"}]`,
  );
  await s.given("validators", `[${validators("publish")}, ${validators("correct")}]`);
  await s.given(
    "filter_conditions",
    `[{"_id": "source-foo", "name": "source-foo", "field": "source", "operator": "eq", "value": "foo"},
      {"_id": "source-aap", "name": "source-aap", "field": "source", "operator": "eq", "value": "AAP"},
      {"_id": "type-text", "name": "type-text", "field": "type", "operator": "eq", "value": "text"},
      {"_id": "type-picture", "name": "type-picture", "field": "type", "operator": "eq", "value": "picture"}]`,
  );
  await s.given(
    "content_filters",
    `[{"content_filter": [{"expression": {"fc": ["source-foo", "type-text"]}}], "name": "text-source-foo", "_id": "text-source-foo"},
      {"content_filter": [{"expression": {"fc": ["source-aap", "type-picture"]}}], "name": "pic-source-aap", "_id": "pic-source-aap"},
      {"content_filter": [{"expression": {"fc": ["type-text"]}}], "name": "type-text", "_id": "type-text"},
      {"content_filter": [{"expression": {"fc": ["type-picture"]}}], "name": "type-picture", "_id": "type-picture"}]`,
  );
  const product = (id: string, name: string, filter: string) =>
    `{"_id": "${id}", "name": "${name}", "product_type": "both",
      "content_filter": {"filter_id": "${filter}", "filter_type": "permitting"}}`;
  await s.given(
    "products",
    `[${product("text-source-foo", "text-source-foo", "text-source-foo")},
      ${product("pic-source-aap", "pic-source-aap", "pic-source-aap")},
      ${product("58f6120488ea94d000369a32", "type-text", "type-text")},
      ${product("type-picture", "type-picture", "type-picture")}]`,
  );
  const mail =
    `"destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]`;
  const common = `"media_type": "media", "is_active": true, "subscriber_type": "all",
    "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com"`;
  await s.given(
    "subscribers",
    `[{"_id": "${CHANNEL_1}", "name":"Channel 1", ${common}, "products": ["text-source-foo"],
       "codes": "Aaa", ${mail}, "api_products": ["text-source-foo"]},
      {"_id": "${CHANNEL_2}", "name":"Channel 2", ${common}, "products": ["pic-source-aap"], ${mail}},
      {"_id": "${CHANNEL_3}", "name":"Channel 3", ${common},
       "api_products": ["58f6120488ea94d000369a32", "type-picture"]}]`,
  );
  await givenRaw(
    s,
    "vocabularies",
    `[{"_id": "crop_sizes", "items": [{"is_active": true, "name": "3:2", "width": 3, "height": 2}]}]`,
  );
}

/** The association `embedded1` of the picture just uploaded, with `fields` added. */
function embedded1(fields = ""): string {
  return `{"embedded1": {"_id": "#archive._id#", "type": "picture", "headline": "test",
    "alt_text": "alt_text", "description_text": "description_text",
    "subject": [{"name": "subject", "parent": "05000000", "qcode": "05007000"}],
    "anpa_category": [{"qcode": "category", "name": "categories"}], "state": "in_progress"
    ${fields}}}`;
}

/**
 * bike.jpg uploaded to the archive (personal space) and PATCHed onto the desk (its incoming
 * stage) with `fields` in the same PATCH, as the scenarios' `we patch` of `task.desk`.
 */
async function bikeOnSports(s: Scenario, fields = ""): Promise<void> {
  // A quarter of bike.jpg: no step reads its pixels.
  await uploadBike(s, "archive", { scale: 0.25 });
  await s.patch("/archive/#archive._id#", `{"task": {"desk": "#desks._id#"}${fields}}`);
  s.ok();
}

/**
 * Story "foo" on the desk embedding the bike (`associated`: the association's extra fields);
 * its publishing refused while the picture has no slugline; published once it has one.
 */
async function publishedWithPicture(s: Scenario, associated = ""): Promise<void> {
  await s.post(
    "archive",
    `{"type": "text", "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}, "guid": "foo"}`,
  );
  s.ok();
  await bikeOnSports(s, `, "headline": "test"`);
  await s.patch("/archive/#archive._id#", `{"state": "in_progress"}`);
  s.ok();
  await s.patch(
    "archive/foo",
    `{"headline": "foo", "slugline": "bar", "state": "in_progress",
      "associations": ${embedded1(associated)}}`,
  );
  s.ok();
  await s.publish("foo", "publish", "published");
  s.code(
    400,
    `{"_issues": {"validator exception": "['Associated item  test: SLUGLINE is a required field']"}}`,
  );
  await s.patch("archive/#archive._id#", `{"slugline": "bike", "pubstatus" : "usable"}`);
  s.ok();
  await s.publish(
    "foo",
    "publish",
    "published",
    `{"headline": "foo", "associations": ${
      embedded1(`, "slugline": "bike", "pubstatus": "usable"`)
    }}`,
  );
  s.ok();
  await s.get("published");
  s.list(2);
  await s.get("publish_queue");
  s.list(
    4,
    `{"_items": [
      {"subscriber_id": "${CHANNEL_3}", "headline": "test", "destination": {"delivery_type" : "content_api"}},
      {"subscriber_id": "${CHANNEL_3}", "item_id": "foo", "destination": {"delivery_type" : "content_api"}},
      {"subscriber_id": "${CHANNEL_1}", "item_id": "foo", "destination": {"delivery_type" : "content_api"}},
      {"subscriber_id": "${CHANNEL_1}", "item_id": "foo", "destination": {"delivery_type" : "email"}}]}`,
  );
}

/** `we assert content api item "<id>" with associated item "<key>" is (not) published to ...`. */
async function associationPublishedTo(
  s: Scenario,
  key: string,
  subscriber: string,
  published = true,
): Promise<void> {
  const item = await s.app.platform.registry.service("items").findOne({ _id: "foo" });
  assert.ok(item, "Item not found");
  const associations = (item.associations ?? {}) as Record<string, { subscribers?: string[] }>;
  assert.ok(key in associations, `${key} association not found.`);
  const subscribers = associations[key]?.subscribers ?? [];
  assert.equal(subscribers.includes(applyPlaceholders(s, subscriber)), published, subscriber);
}

/** `/items/foo` answers, and foo and its picture went to the subscribers they should. */
async function contentApiAsPublished(s: Scenario): Promise<void> {
  await s.get("/items/foo");
  s.ok();
  await capiPublishedTo(s, "foo", CHANNEL_1);
  await capiPublishedTo(s, "foo", CHANNEL_3);
  await capiNotPublishedTo(s, "foo", CHANNEL_2);
  await associationPublishedTo(s, "embedded1", CHANNEL_3);
  await associationPublishedTo(s, "embedded1", CHANNEL_1, false);
}

/**
 * The copy-metadata scenario's steps up to its first publish: story foo with a slugline,
 * category, subject, urgency and priority, embedding the uploaded bike (no slugline, its own
 * subject) as `embedded1`.
 */
async function storyWithUntitledPicture(s: Scenario): Promise<void> {
  await background(s);
  await s.post(
    "archive",
    `{"type": "text", "task": {"desk": "#desks._id#"}, "guid": "foo",
      "slugline": "text item slugline", "anpa_category": [{"qcode": "a", "name": "foo"}],
      "subject": [{"qcode": "01000000", "name": "bar"}], "urgency": 1, "priority": 2}`,
  );
  s.ok();
  await bikeOnSports(s);
  await s.patch(
    "/archive/#archive._id#",
    `{"state": "in_progress", "subject": [{"qcode": "02000000", "name": "xxx"}]}`,
  );
  s.ok();
  await s.patch(
    "archive/foo",
    `{"headline": "foo", "state": "in_progress", "associations": {"embedded1": {
      "_id": "#archive._id#", "type": "picture", "headline": "test", "alt_text": "alt_text",
      "description_text": "description_text", "state": "in_progress",
      "subject": [{"qcode": "02000000", "name": "xxx"}],
      "anpa_category": [{"qcode": "a", "name": "foo"}]}}}`,
  );
  s.ok();
}

feature("publish_embedded", (f) => {
  f.scenario(
    "Publish embedded picture together with text item - no other ops",
    ["auth"],
    async (s) => {
      await background(s);
      await publishedWithPicture(s);
      await contentApiAsPublished(s);
    },
    { env: PACKAGE_ENV },
  );

  f.scenario(
    "Publish embedded picture together with text item and correct the item",
    ["auth"],
    async (s) => {
      await background(s);
      await publishedWithPicture(s);
      await contentApiAsPublished(s);
      await s.patch(
        `/subscribers/${CHANNEL_3}`,
        `{"api_products": ["58f6120488ea94d000369a32"]}`,
      );
      s.ok();
      await s.publish("foo", "correct", "corrected", `{"headline": "foo corrected"}`);
      s.ok();
      await s.get("published");
      s.list(4);
      await s.get("publish_queue");
      s.list(8);
      await contentApiAsPublished(s);
      await s.publish("foo", "correct", "corrected", `{"headline": "foo corrected v2"}`);
      s.ok();
      await s.get("published");
      s.list(6);
    },
    { env: PACKAGE_ENV },
  );

  f.scenario(
    "Publish embedded picture together with text item and resend to another subscriber",
    ["auth"],
    async (s) => {
      await background(s);
      await publishedWithPicture(s, `, "pubstatus": "usable"`);
      await contentApiAsPublished(s);
      await s.postWithTag(
        "subscribers",
        "sub-4",
        `[{"name":"Channel 4", "media_type":"media", "is_active": true,
           "subscriber_type": "wire", "sequence_num_settings":{"min" : 1, "max" : 10},
           "email": "test@test.com", "api_products": ["58f6120488ea94d000369a32"]}]`,
      );
      s.ok();
      await s.post(
        "/archive/foo/resend",
        `{"subscribers": ["#subscribers._id#"], "version": 3}`,
      );
      s.ok();
      await contentApiAsPublished(s);
      await capiPublishedTo(s, "foo", "#subscribers._id#");
      await associationPublishedTo(s, "embedded1", "#subscribers._id#");
    },
    { env: PACKAGE_ENV },
  );

  // Superdesk turns the setting on between the two publishes; ours is read at start, so each
  // phase sets the story up on its own app: refused without it, published with it.
  f.phased(
    "Publish embedded picture together with text item with copy metadata from text item",
    ["auth"],
    [
      {
        env: PACKAGE_ENV,
        fn: async (s) => {
          await storyWithUntitledPicture(s);
          await s.publish("foo", "publish", "published");
          s.code(
            400,
            `{"_issues": {"validator exception": "['Associated item  test: SLUGLINE is a required field']"}}`,
          );
        },
      },
      {
        env: { ...PACKAGE_ENV, COPY_METADATA_FROM_PARENT: "true" },
        fn: async (s) => {
          await storyWithUntitledPicture(s);
          await s.publish("foo", "publish", "published");
          s.ok(
            `{"headline": "foo", "associations": {"embedded1": {"_id": "#archive._id#",
              "slugline": "text item slugline", "type": "picture", "headline": "test",
              "alt_text": "alt_text", "description_text": "description_text",
              "state": "published", "subject": [{"qcode": "01000000", "name": "bar"}],
              "anpa_category": [{"qcode": "a", "name": "foo"}], "urgency": 1, "priority": 2}}}`,
            { updated: true },
          );
        },
      },
    ],
  );
});
