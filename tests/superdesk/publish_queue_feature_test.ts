/** Superdesk's features/publish_queue.feature over HTTP (the queue's own API). */
import assert from "node:assert/strict";
import type { Json } from "./json_match.ts";
import type { Scenario } from "./scenario.ts";
import { expireItems } from "./_expiry_steps.ts";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";

/** `we get "<key>" in "<url>"`: the URL answers 200 with the key. */
async function keyIn(s: Scenario, key: string, url: string) {
  const { status, body } = await s.get(url);
  assert.equal(status, 200, JSON.stringify(body));
  assert.ok(key in body, `no "${key}" in ${JSON.stringify(body)}`);
}

/** `we get list ordered by <field> with <count> items`: the items sorted by the field. */
function listOrderedBy(s: Scenario, field: string, count: number) {
  const { _items: items } = s.list(count);
  const values = items.map((item: Json) => item[field]);
  assert.deepEqual(values, [...values].sort(), `not ordered by ${field}`);
}

/** An item, a product and the Channel 3 subscriber with one email destination named `name`. */
async function channel3(s: Scenario, name: string) {
  await s.givenEmpty("archive");
  await s.givenEmpty("subscribers");
  await s.post("/archive", `[{"headline": "test"}]`);
  await s.post("/products", `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`);
  s.ok();
  await s.post(
    "/subscribers",
    `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"],
      "destinations":[{"name":"${name}","format": "nitf", "delivery_type":"email",
        "config":{"recipients":"test@test.com"}}]}`,
  );
  s.ok();
}

const PRODUCTS = `[{"_id":"570340ef1d41c89b50716dad", "name":"prod-1","codes":"abc"},
  {"_id":"570340ef1d41c89b50716dae", "name":"prod-2","codes":"def,xyz"},
  {"_id":"570340ef1d41c89b50716daf", "name":"prod-3"}]`;

const VALIDATORS = `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
  {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}},
  {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`;

/** The Channel 3 subscriber with `extra` fields and one email destination. */
const channel3Given = (extra: string) =>
  `[{"name":"Channel 3", "media_type":"media", ${extra}
    "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
    "codes": "ptr, axx,",
    "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email",
      "config":{"recipients":"test@test.com"}}]}]`;

/** Products, validators, the Sports desk and item 123 (the codes scenarios' givens). */
async function codesGivens(s: Scenario) {
  await s.givenEmpty("archive");
  await s.givenEmpty("subscribers");
  await s.givenEmpty("products");
  await s.given("products", PRODUCTS);
  await s.given("validators", VALIDATORS);
  await s.given("desks", `[{"name": "Sports"}]`);
  await s.given(
    "archive",
    `[{"guid": "123", "type": "text", "headline": "test", "_current_version": 1,
      "state": "fetched",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject":[{"qcode": "17004000", "name": "Statistics"}],
      "slugline": "test", "body_html": "Test Document body"}]`,
  );
}

/**
 * The codes scenarios: published, corrected, then `kind`/`state` (kill or takedown), the queue
 * read after each enqueue with the collated product and subscriber codes.
 */
async function collatedCodes(s: Scenario, kind: string, state: string) {
  await codesGivens(s);
  await s.given(
    "subscribers",
    channel3Given(`"is_active": true, "subscriber_type": "digital",
      "products": ["570340ef1d41c89b50716dad", "570340ef1d41c89b50716dae",
        "570340ef1d41c89b50716daf"],`),
  );
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(
    1,
    `{"_items": [{"state": "pending", "content_type": "text", "subscriber_id": "#subscribers._id#",
      "item_id": "123", "item_version": 2, "codes": ["abc", "xyz", "def", "ptr", "axx"]}]}`,
  );
  await s.publish(
    "#archive._id#",
    "correct",
    "corrected",
    `{"body_html": "Corrected", "slugline": "corrected", "headline": "corrected"}`,
  );
  s.ok();
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(2, `{"_items": [{"headline": "corrected", "codes": ["abc", "xyz", "def"]}]}`);
  await s.publish("#archive._id#", kind, state);
  s.ok();
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(3, `{"_items": [{"publishing_action": "${state}", "codes": ["abc", "xyz", "def"]}]}`);
}

feature("publish_queue", (f) => {
  f.scenario("Add a new transmission entry to the queue", ["auth"], async (s) => {
    await channel3(s, "Test");
    await s.post(
      "/publish_queue",
      `{"item_id":"#archive._id#","publish_schedule": "2016-05-30T10:00:00+00:00",
        "subscriber_id":"#subscribers._id#",
        "destination":{"name":"Test","format": "nitf","delivery_type":"email",
          "config":{"recipients":"test@test.com"}}}`,
    );
    s.ok();
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"destination":{"name":"Test"}}]}`);
  });

  f.scenario(
    "No transmission will happen if subscriber doesn't have product",
    ["auth"],
    async (s) => {
      await codesGivens(s);
      await s.given("subscribers", channel3Given(`"subscriber_type": "digital",`));
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(0);
    },
  );

  f.scenario("Error in queueing will be recorded if happens", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.givenEmpty("subscribers");
    await s.givenEmpty("products");
    await s.givenEmpty("filter_conditions");
    await s.postWithSuccess(
      "/filter_conditions",
      `[{"name": "sport", "field": "place", "operator": "match", "value": "4"}]`,
    );
    await s.latest();
    await s.givenEmpty("content_filters");
    await s.postWithSuccess(
      "/content_filters",
      `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "soccer"}]`,
    );
    await s.latest();
    // `#content_filter._id#` names nothing in Superdesk either (the post stores
    // `content_filters`): the product's filter is the placeholder's text.
    await s.given(
      "products",
      `[{"_id":"570340ef1d41c89b50716dae", "name":"prod-2","codes":"def,xyz",
        "content_filter": {"filter_id": "#content_filter._id#", "filter_type": "blocking"},
        "geo_restrictions": "NSW"}]`,
    );
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "target_regions": [{"a": "b"}]}]`,
    );
    await s.given(
      "subscribers",
      channel3Given(`"is_active": true, "subscriber_type": "wire",
        "products": ["570340ef1d41c89b50716dae"],`),
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
    await s.get("/published");
    s.existingResource(
      `{"_items": [{"type": "text", "queue_state": "error",
        "error_message": "400: Key is missing on article to be published: 'qcode'"}]}`,
    );
  });

  f.scenario("Transmission will have the collated codes", ["auth"], async (s) => {
    await collatedCodes(s, "kill", "killed");
  });

  f.scenario("Patch a transmission entry", ["auth"], async (s) => {
    await channel3(s, "destination2");
    await s.post(
      "/publish_queue",
      `{"item_id":"#archive._id#","subscriber_id":"#subscribers._id#",
        "destination":{"name":"destination2","format": "nitf", "delivery_type":"email",
          "config":{"recipients":"test@test.com"}}}`,
    );
    s.ok();
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"state":"pending"}]}`);
    await s.patch("/publish_queue/#publish_queue._id#", `{"state": "in-progress"}`);
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"state":"in-progress"}]}`);
  });

  f.scenario(
    "Published Item should have published sequence number when published and placed in queue",
    ["auth"],
    async (s) => {
      await s.given(
        "validators",
        `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}}]`,
      );
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.postWithSuccess(
        "/products",
        `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
      );
      await s.postWithSuccess(
        "/subscribers",
        `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
          "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
          "products": ["#products._id#"],
          "destinations":[{"name":"destination2","format": "nitf", "delivery_type":"email",
            "config":{"recipients":"test@test.com"}}]}`,
      );
      await s.postWithSuccess(
        "/archive",
        `[{"guid": "123", "headline": "test", "body_html": "body", "state": "fetched",
          "subject":[{"qcode": "17004000", "name": "Statistics"}],
          "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
      );
      await s.postWithSuccess(
        "/stages",
        `[{"name": "another stage", "description": "another stage",
          "task_status": "in_progress", "desk": "#desks._id#"}]`,
      );
      await s.publish("#archive._id#", "publish", "published");
      await keyIn(s, "publish_sequence_no", "/published/123");
    },
  );
  f.scenario(
    "Creating a new publish queue entry should add published sequence number",
    ["auth", "notification"],
    async (s) => {
      await channel3(s, "destination2");
      await s.post(
        "/publish_queue",
        `{"item_id":"#archive._id#","publish_schedule": "2016-05-30T10:00:00+00:00",
          "subscriber_id":"#subscribers._id#",
          "destination":{"name":"destination2","format": "nitf", "delivery_type":"email",
            "config":{"recipients":"test@test.com"}}}`,
      );
      await keyIn(s, "published_seq_num", "/publish_queue/#archive._id#");
      await s.patch("/publish_queue/#publish_queue._id#", `{"state": "success"}`);
      await s.latest();
      s.ok(`{"state": "success"}`);
      await s.notifications(
        `[{"event": "publish_queue:update",
          "extra": {"queue_id": "#publish_queue._id#", "state": "success"}}]`,
      );
    },
  );
  f.scenario("publish queue us returned in correct order", ["auth"], async (s) => {
    await givenRaw(
      s,
      "publish_queue",
      `[{"_created":"2016-05-30T13:00:00+00:00", "subscriber_id": 4, "published_seq_num": 2},
        {"_created":"2016-05-30T12:00:00+00:00", "subscriber_id": 4, "published_seq_num": 3},
        {"_created":"2016-05-30T11:00:00+00:00", "subscriber_id": 3, "published_seq_num": 1},
        {"_created":"2016-05-30T10:00:00+00:00", "subscriber_id": 2, "published_seq_num": 1}]`,
    );
    await s.get("/publish_queue");
    listOrderedBy(s, "_created", 4);
  });
  f.scenario("Expire published queue items", ["auth"], async (s) => {
    await s.givenEmpty("subscribers");
    // `Given config update {"PUBLISH_QUEUE_EXPIRY_MINUTES": -1}` (see the options).
    await s.postWithSuccess("/archive", `[{"guid": "123", "headline": "test"}]`);
    await s.postWithSuccess(
      "/products",
      `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"],
        "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]}`,
    );
    await s.postWithSuccess(
      "/publish_queue",
      `{"item_id":"#archive._id#","publish_schedule": "2016-05-30T10:00:00+00:00",
        "subscriber_id":"#subscribers._id#",
        "destination":{"name":"Test","format": "nitf","delivery_type":"email","config":{"recipients":"test@test.com"}}}`,
    );
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"destination":{"name":"Test"}}]}`);
    await expireItems(s, `[]`);
    await s.get("/publish_queue");
    s.list(0);
  }, { env: { PUBLISH_QUEUE_EXPIRY_MINUTES: "-1" } });

  f.scenario("Transmission will have the collated codes on takedown", ["auth"], async (s) => {
    await collatedCodes(s, "takedown", "recalled");
  });
});
