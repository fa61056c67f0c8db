/** Superdesk's features/content_publish.feature over HTTP. */
import assert from "node:assert/strict";
import { MAIL_MISSING, mailEnv } from "./_mail_steps.ts";
import { genreVocabulary } from "./_genre_vocabulary.ts";
import { feature } from "./feature.ts";
import { expireItems, importLegalPublishQueue } from "./_expiry_steps.ts";
import { expiryAfter } from "./_embargo_steps.ts";
import { givenRaw } from "./raw_given.ts";
import { capiNotPublished, capiNotPublishedTo, capiPublishedTo } from "./_content_api_steps.ts";
import type { Scenario } from "./scenario.ts";
import { PACKAGE_ENV } from "./_package_steps.ts";
import { queuedItems } from "./_publish_steps.ts";
import { fetchFrom } from "./_ingest_steps.ts";
import { picture, pictureMetadataOf, uploadFile, withBikeExif } from "./_media_steps.ts";

/** The publish validators most scenarios give: none of their fields is required. */
const TEXT_VALIDATOR = `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}}]`;

/** The "Test" email destination of every subscriber here. */
const EMAIL =
  `{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}`;

/** Item 123 on the Sports desk's incoming stage, `fetched`, with `extra` fields. */
function item123(extra = `"type": "text", "headline": "test",`): string {
  return `[{"guid": "123", ${extra} "_current_version": 1, "state": "fetched",
    "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
    "subject":[{"qcode": "17004000", "name": "Statistics"}],
    "slugline": "test",
    "body_html": "Test Document body"}]`;
}

/** Channel 3, a digital subscriber with the email destination and `extra` fields. */
function channel3(extra = `"products": ["#products._id#"]`): string {
  return `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
    "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
    ${extra}, "destinations":[${EMAIL}]}`;
}

const PROD_1 = `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`;

/**
 * A phase of the PUBLISHED_CONTENT_EXPIRY_MINUTES scenario: item `guid` made on a desk whose
 * content expires in 180 minutes, then published: its expiry (item and published copy) is
 * `minutes`.
 */
async function expiryPhase(s: Scenario, guid: string, minutes: number) {
  await s.given(
    "validators",
    `[{"_id": "publish_embedded", "type": "picture", "act": "publish", "embedded": true,
       "schema": {"headline": {"type": "string","required": true}}},
      {"_id": "publish_text", "type": "text", "act": "publish", "schema": {}}]`,
  );
  await s.given("desks", `[{"name": "Sports", "content_expiry": 180}]`);
  await s.postWithSuccess("/products", PROD_1);
  for (const [tag, n] of [["digital", 1], ["wire", 2]] as const) {
    await s.postWithTag(
      "/subscribers",
      tag,
      `{"name":"Channel ${n}","media_type":"media", "subscriber_type": "${tag}",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"], "destinations":[${EMAIL}]}`,
    );
  }
  await s.postWithSuccess(
    "/archive",
    `[{"guid": "${guid}", "type": "text", "headline": "test", "state": "fetched",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject":[{"qcode": "17004000", "name": "Statistics"}], "slugline": "test",
      "body_html": "Test Document body"}]`,
  );
  s.ok();
  s.expiryWithin(180);
  await s.publish(guid, "publish", "published");
  s.ok();
  for (const url of [`/archive/${guid}`, `/published/${guid}`]) {
    await s.get(url);
    s.ok();
    s.expiryWithin(minutes);
  }
}

/** The validators, the Sports desk and item 123. */
async function sportsItem(s: Scenario, item = item123()): Promise<void> {
  await s.given("validators", TEXT_VALIDATOR);
  await s.given("desks", `[{"name": "Sports"}]`);
  await s.given("archive", item);
}

/** The "sport" condition (headline like "est") and a content filter over it, `global` or not. */
async function estFilter(s: Scenario, global = false): Promise<void> {
  await s.givenEmpty("filter_conditions");
  await s.postWithSuccess(
    "/filter_conditions",
    `[{"name": "sport", "field": "headline", "operator": "like", "value": "est"}]`,
  );
  await s.latest();
  await s.givenEmpty("content_filters");
  await s.postWithSuccess(
    "/content_filters",
    `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}],
      "name": "soccer-only"${global ? `, "is_global": true` : ""}}]`,
  );
}

/** `we get existing resource` of an item published from the Sports desk's incoming stage. */
const PUBLISHED_V2 =
  `{"_current_version": 2, "state": "published", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`;

/** `/published` lists item 123 at version 2. */
const PUBLISHED_123 = `{"_items" : [{"_id": "123", "guid": "123", "headline": "test",
  "_current_version": 2, "state": "published",
  "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]}`;

/** Item 123, fetched on the Sports desk, flagged (or not) as not for publication. */
function notForPublication(marked: boolean): string {
  return `[{"guid": "123", "headline": "test", "body_html": "body", "state": "fetched",
    "slugline": "test", "flags": {"marked_for_not_publication": ${marked}},
    "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`;
}

const NOT_FOR_PUBLICATION =
  `{"_issues": {"validator exception": "400: Cannot publish an item which is marked as Not for Publication"}}`;

const CATEGORY_SUBJECT =
  `{"name": "DiDFødselsdag", "qcode": "DiDFødselsdag", "scheme": "category", "service": {"d": 1, "i": 1}}`;
const ARKEOLOGI = (scheme: string) =>
  `{"name": "arkeologi", "qcode": "01001000", "scheme": "${scheme}", "parent": "01000000"}`;

/**
 * The "Standard" profile whose subject list must hold the `mandatory` scheme and `category`,
 * the Sports desk, and item 123 posted (fetched) with `subjects` on that profile.
 */
async function customSubjectItem(s: Scenario, mandatory: string, subjects: string) {
  await s.given(
    "content_types",
    `[{"_id": "Standard", "label": "Standard", "priority": 80, "enabled": true,
      "schema": {
        "slugline": {"type": "string", "required": true, "maxlength": 64, "minlength": 1},
        "subject": {"type": "list",
          "mandatory_in_list": {"scheme": {"${mandatory}": {"required": "true"}, "category": {"required": "true"}}},
          "schema": {"type": "dict", "schema": {"name": {}, "qcode": {},
            "scheme": {"type": "string", "required": true, "allowed": ["subject_custom", "category"]},
            "service": {}, "parent": {}}}}},
      "editor": {"slugline": {"order": 1},
        "category": {"order": 2, "sdWidth": "half", "required": true},
        "subject_custom": {"order": 3, "sdWidth": "full", "required": true}}}]`,
  );
  await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
  await s.postWithSuccess(
    "/archive",
    `[{"guid": "123", "type": "text",
      "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
      "subject": [${subjects}], "slugline": "test", "state": "fetched", "profile": "Standard"}]`,
  );
  s.ok();
  s.existingResource(
    `{"_current_version": 1, "state": "fetched", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
  );
}

/** The associated-item scenarios whose pictures are uploaded (`we upload a file`). */

const LEGAL_MAIL = { env: { ...mailEnv(), LEGAL_ARCHIVE: "true" }, ignore: MAIL_MISSING };
const TEXT_VALIDATORS_PC = `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
  {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}}]`;
const TEXT_VALIDATORS_PCK =
  `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
  {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}},
  {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`;

/**
 * `we enqueue published`, then item 123 in the legal archive at its last version, with a version
 * in each of `states`; `we transmit items`, `run import legal publish queue`, and `entries` in
 * `/legal_publish_queue`.
 */
async function legalAfter(s: Scenario, states: string[], entries: string[]) {
  await s.enqueuePublished();
  await s.get("/legal_archive/123");
  s.existingResource(`{"_current_version": ${states.length}, "state": "${states.at(-1)}"}`);
  await s.get("/legal_archive/123?version=all");
  s.list(
    states.length,
    `{"_items": [${
      states.map((state, i) => `{"_current_version": ${i + 1}, "state": "${state}"}`).join(",")
    }]}`,
  );
  await s.transmitItems();
  await importLegalPublishQueue(s);
  await s.get("/legal_publish_queue");
  s.list(entries.length, `{"_items": [${entries.join(",")}]}`);
}

feature("content_publish", (f) => {
  f.scenario("Publish a user content", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": {}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
    await s.postWithSuccess(
      "/archive",
      `[{"guid": "123", "type": "text", "headline": "test", "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "body_html": "Test Document body",
        "dateline": {"located": {"country": "Afghanistan", "tz": "Asia/Kabul",
          "city": "Mazar-e Sharif", "alt_name": "", "country_code": "AF",
          "city_code": "Mazar-e Sharif", "dateline": "city", "state": "Balkh",
          "state_code": "AF.30"},
          "text": "MAZAR-E SHARIF, Dec 30  -", "source": "AAP"}}]`,
    );
    s.ok();
    s.existingResource(
      `{"_current_version": 1, "state": "fetched",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.patch("/users/#CONTEXT_USER_ID#", `{"byline": "Admin Admin"}`);
    s.ok();
    await s.postWithSuccess("/products", PROD_1);
    const subscriber = (name: string, type: string, extra = "") =>
      `{"name":"${name}","media_type":"media", "subscriber_type": "${type}",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"], "is_active": true, "destinations":[${EMAIL}]${extra}}`;
    await s.postWithTag("/subscribers", "digital", subscriber("Channel 1", "digital"));
    await s.postWithTag(
      "/subscribers",
      "wire",
      subscriber("Channel 2", "wire", `, "api_products": ["#products._id#"]`),
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "published",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    s.noKey("byline");
    await s.get("/published");
    s.existingResource(
      `{"_items" : [{"_id": "123", "guid": "123", "headline": "test", "_current_version": 2,
        "state": "published",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "lock_user": "__none__"}]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    const entry = (state: string, subscriber: string, delivery: string) =>
      `{"state": "${state}", "content_type": "text", "subscriber_id": "${subscriber}",
        "item_id": "123", "item_version": 2, "ingest_provider": "__none__",
        "destination": {"delivery_type": "${delivery}"}}`;
    s.list(
      3,
      `{"_items": [${entry("pending", "#digital#", "email")}, ${
        entry("pending", "#wire#", "email")
      }, ${entry("success", "#wire#", "content_api")}]}`,
    );
    const task = `"task": {"desk": "Sports", "stage": "Incoming Stage", "user": "test_user"}`;
    await s.get("/legal_archive");
    s.existingResource(
      `{"_items" : [{"_id": "123", "guid": "123", "headline": "test", "_current_version": 2,
        "state": "published", ${task}, "slugline": "test", "body_html": "Test Document body",
        "subject":[{"qcode": "17004000", "name": "Statistics"}]}]}`,
    );
    await s.get("/legal_archive/123?version=all");
    s.list(
      2,
      `{"_items" : [
        {"_id": "123", "headline": "test", "_current_version": 1, "state": "fetched", ${task}},
        {"_id": "123", "headline": "test", "_current_version": 2, "state": "published", ${task}}]}`,
    );
    await s.transmitItems();
    await importLegalPublishQueue(s);
    await s.enqueuePublished();
    await s.get("/legal_publish_queue");
    s.list(
      3,
      `{"_items": [
        {"state": "success", "content_type": "text", "subscriber_id": "Channel 1",
          "item_id": "123", "item_version": 2},
        {"state": "success", "content_type": "text", "subscriber_id": "Channel 2",
          "item_id": "123", "item_version": 2}]}`,
    );
  }, LEGAL_MAIL);

  f.scenario("Publish a ingested content", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": {}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
    await s.givenEmpty("ingest");
    await fetchFrom(s, "AAP", "aap.xml");
    await s.post("/ingest/#AAP.AAP.115314987.5417374#/fetch", `{"desk": "#desks._id#"}`);
    s.key("_id");
    await s.get("/archive/#_id#");
    s.existingResource(
      `{"_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.postWithSuccess("/products", PROD_1);
    const subscriber = (name: string, type: string) =>
      `{"name": "${name}", "media_type": "media", "subscriber_type": "${type}",
        "sequence_num_settings": {"min": 1, "max": 10}, "email": "test@test.com",
        "products": ["#products._id#"], "is_active": true, "destinations": [${EMAIL}]}`;
    await s.postWithTag("/subscribers", "digital", subscriber("Channel 1", "digital"));
    await s.postWithTag("/subscribers", "wire", subscriber("Channel 2", "wire"));
    await s.publish("#_id#", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "state": "published",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    const entry = (subscriber: string) =>
      `{"state": "pending", "content_type": "text", "destination": {"delivery_type": "email"},
        "subscriber_id": "#${subscriber}#", "item_id": "#_id#", "item_version": 2,
        "ingest_provider": "#providers.aap#"}`;
    s.list(2, `{"_items": [${entry("wire")}, ${entry("digital")}]}`);
  });

  f.scenario("Publish a user content passes the filter", ["auth"], async (s) => {
    await sportsItem(s);
    await estFilter(s);
    await s.postWithSuccess(
      "/products",
      `{"name":"prod-1","codes":"abc,xyz",
        "content_filter":{"filter_id":"#content_filters._id#", "filter_type": "permitting"},
        "product_type": "both"}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      channel3(`"products": ["#products._id#"], "is_active": true`),
    );
    await s.latest();
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(PUBLISHED_V2);
    await s.get("/published");
    s.existingResource(PUBLISHED_123);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(1);
  });

  f.scenario("Publish a user content that use API product", ["auth"], async (s) => {
    const story = (guid: string, headline: string) =>
      `{"guid": "${guid}", "type": "text", "headline": "${headline}", "_current_version": 1,
        "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "anpa_category": [{"qcode": "a", "name": "National"}],
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "body_html": "Test Document body"}`;
    await sportsItem(
      s,
      `[${story("123", "publish via direct")}, ${story("456", "publish via api")}]`,
    );
    await s.givenEmpty("filter_conditions");
    for (const word of ["direct", "api"]) {
      await s.postWithTag(
        "/filter_conditions",
        `fc_${word}`,
        `[{"name": "fc_${word}", "field": "headline", "operator": "like", "value": "${word}"}]`,
      );
    }
    await s.latest();
    await s.givenEmpty("content_filters");
    for (const word of ["direct", "api"]) {
      await s.postWithTag(
        "/content_filters",
        `cf_${word}`,
        `[{"content_filter": [{"expression": {"fc": ["#fc_${word}#"]}}], "name": "cf_${word}"}]`,
      );
    }
    for (
      const [tag, name, word] of [["p_direct", "prod-1", "direct"], ["p_api", "prod-2", "api"]]
    ) {
      await s.postWithTag(
        "/products",
        tag!,
        `[{"name":"${name}","codes":"${word}",
          "content_filter":{"filter_id":"#cf_${word}#", "filter_type": "permitting"},
          "product_type": "${word}"}]`,
      );
    }
    const wire = (name: string, extra: string) =>
      `{"name":"${name}","media_type":"media", "subscriber_type": "wire",
        "email": "test@test.com", "sequence_num_settings":{"min" : 1, "max" : 10},
        "is_active": true, ${extra}}`;
    await s.postWithTag(
      "/subscribers",
      "sub_direct",
      wire("Channel Direct", `"products": ["#p_direct#"], "destinations":[${EMAIL}]`),
    );
    await s.postWithTag(
      "/subscribers",
      "sub_api",
      wire("Channel API", `"api_products": ["#p_api#"]`),
    );
    await s.latest();
    await s.publish("123", "publish", "published");
    s.ok();
    s.existingResource(PUBLISHED_V2);
    await s.get("/published");
    s.list(
      1,
      `{"_items" : [{"_id": "123", "headline": "publish via direct", "_current_version": 2,
        "state": "published",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(
      1,
      `{"_items" : [{"item_id": "123", "headline": "publish via direct",
        "destination": {"format": "nitf", "delivery_type":"email"},
        "item_version": 2, "content_type": "text", "state": "pending", "publishing_action": "published"}]}`,
    );
    await s.get("/items/123");
    s.ok();
    await capiNotPublished(s, "123");
    await s.publish("456", "publish", "published");
    s.ok();
    await s.get("/published");
    s.list(
      2,
      `{"_items" : [
        {"_id": "123", "headline": "publish via direct", "_current_version": 2, "state": "published",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}},
        {"_id": "456", "headline": "publish via api", "_current_version": 2, "state": "published",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}
      ]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(
      2,
      `{"_items" : [
        {"item_id": "123", "headline": "publish via direct", "subscriber_id": "#sub_direct#",
        "destination": {"format": "nitf", "delivery_type":"email"},
        "item_version": 2, "content_type": "text", "state": "pending", "publishing_action": "published"},
        {"item_id": "456", "headline": "publish via api", "subscriber_id": "#sub_api#",
        "destination": {"format": "ninjs", "delivery_type":"content_api"},
        "item_version": 2, "content_type": "text", "state": "success", "publishing_action": "published"}
      ]}`,
    );
    await capiPublishedTo(s, "456", "#sub_api#");
    await capiNotPublishedTo(s, "456", "#sub_direct#");
  });

  f.scenario("Publish a user content blocked by the filter", ["auth"], async (s) => {
    await sportsItem(s);
    await estFilter(s);
    await s.postWithSuccess(
      "/products",
      `{"name":"prod-1","codes":"abc,xyz",
        "content_filter":{"filter_id":"#content_filters._id#", "filter_type": "blocking"},
        "product_type": "both"}`,
    );
    await s.postWithSuccess("/subscribers", channel3());
    await s.latest();
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
  });

  f.scenario("Publish a user content blocked by global filter", ["auth"], async (s) => {
    await sportsItem(s);
    await estFilter(s, true);
    await s.postWithTag(
      "/products",
      "direct-product",
      `{"name":"prod-direct","codes":"abc,xyz", "product_type": "direct"}`,
    );
    await s.postWithTag(
      "/products",
      "api-product",
      `{"name":"prod-api","codes":"abc,xyz", "product_type": "api"}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel Direct","media_type":"media", "subscriber_type": "digital",
        "email": "test@test.com", "sequence_num_settings":{"min" : 1, "max" : 10},
        "products": ["#direct-product#"], "destinations":[${EMAIL}]}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel API","media_type":"media", "subscriber_type": "digital",
        "email": "test@test.com", "sequence_num_settings":{"min" : 1, "max" : 10},
        "api_products": ["#api-product#"]}`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
  });

  f.scenario("Publish a user content bypassing the global filter", ["auth"], async (s) => {
    await sportsItem(s);
    await estFilter(s, true);
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess(
      "/subscribers",
      channel3(`"is_active": true, "products": ["#products._id#"],
        "global_filters": {"#content_filters._id#": false}`),
    );
    await s.latest();
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(PUBLISHED_V2);
    await s.get("/published");
    s.existingResource(PUBLISHED_123);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(1);
  });

  f.scenario("Publish user content that fails validation", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{"headline": {"required": true}}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "slugline": "test", "body_html": "Test Document body"}]`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.code(
      400,
      `{"_issues": {"fields": {"headline": "required field"},
        "validator exception": "[['HEADLINE is a required field']]"}, "_status": "ERR"}`,
    );
  });

  f.scenario("Publish a user content if content format is not compatible", ["auth"], async (s) => {
    await s.given("validators", TEXT_VALIDATOR);
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type": "image", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "slugline": "test", "body_html": "Test Document body"}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("#archive._id#", "publish", "published");
    s.code(200);
  });

  f.scenario("Schedule a user content publish", ["auth"], async (s) => {
    await s.givenEmpty("subscribers");
    await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
    await s.given("validators", TEXT_VALIDATOR);
    await s.given("archive", item123(`"headline": "test",`));
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
      "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
      "products": ["#products._id#"], "is_active": true, "destinations":[${EMAIL}]}`,
    );
    await s.publish("#archive._id#", "publish", "published", `{"publish_schedule": "#DATE+2#"}`);
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "state": "scheduled", "operation": "publish", "firstpublished": "__future__"}`,
    );
    expiryAfter(s, 60, "#archive_publish.publish_schedule#");
    await s.get("/published");
    s.list(
      1,
      `{"_items": [{"_id": "123", "type": "text", "state": "scheduled", "_current_version": 2, "operation": "publish", "queue_state": "pending"}]}`,
    );
    await s.enqueuePublished();
    await s.notifications(`[{"event": "content:update"}]`);
    await s.get("/publish_queue");
    s.list(0);
    await s.get("/legal_archive/123");
    s.code(404);
    await s.publishScheduleLapses(`["123"]`);
    await s.enqueuePublished();
    await s.get("/published");
    s.list(
      1,
      `{"_items": [{"_id": "123", "type": "text", "state": "published", "_current_version": 3, "operation": "publish", "queue_state": "queued"}]}`,
    );
    await s.get("/publish_queue");
    s.list(1);
    await s.transmitItems();
    await importLegalPublishQueue(s);
    await s.get("/legal_archive/123");
    s.ok();
    s.existingResource(
      `{"_id": "123", "type": "text", "state": "published", "_current_version": 3}`,
    );
    await s.get("/legal_archive/123");
    s.ok();
    s.existingResource(
      `{"_current_version": 3, "state": "published", "type": "text", "task":{"desk": "#desks.name#"}}`,
    );
    await expireItems(s, `["123"]`);
    await s.get("/published");
    s.list(0);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
    await s.get("/archived");
    s.list(
      1,
      `{"_items" : [{"item_id": "123", "state": "published", "type": "text", "_current_version": 3}]}`,
    );
  }, { env: { LEGAL_ARCHIVE: "true" } });

  f.scenario("Schedule a user content publish with different time zone", ["auth"], async (s) => {
    await s.givenEmpty("subscribers");
    await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
    await s.given("validators", TEXT_VALIDATOR);
    await s.given("archive", item123(`"headline": "test",`));
    await s.patch(
      "/archive/123",
      `{"publish_schedule":"2030-02-13T22:46:19.000Z",
        "schedule_settings": {"time_zone": "Australia/Sydney"}}`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.get("/archive");
    s.list(
      1,
      `{"_items": [{"publish_schedule":  "2030-02-13T22:46:19+0000",
        "schedule_settings":  {"utc_publish_schedule": "2030-02-13T11:46:19+0000"}}]}`,
    );
    await s.patch("/archive/123", `{"publish_schedule":  "2030-03-13T22:46:19+0000"}`);
    s.code(200);
    await s.get("/archive/123");
    s.existingResource(
      `{"publish_schedule":  "2030-03-13T22:46:19+0000",
        "schedule_settings":  {"utc_publish_schedule": "2030-03-13T11:46:19+0000"}}`,
    );
    await s.patch("/archive/123", `{"schedule_settings":  {"time_zone": null}}`);
    s.code(200);
    await s.get("/archive/123");
    s.existingResource(
      `{"publish_schedule":  "2030-03-13T22:46:19+0000",
        "schedule_settings":  {"utc_publish_schedule": "2030-03-13T22:46:19+0000"}}`,
    );
    await s.patch("/archive/123", `{"publish_schedule":  null}`);
    s.code(200);
    await s.get("/archive/123");
    s.existingResource(
      `{"publish_schedule":  null, "schedule_settings":  {"utc_publish_schedule": null}}`,
    );
  });

  f.scenario("Deschedule an item", ["auth"], async (s) => {
    await s.givenEmpty("subscribers");
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given("validators", TEXT_VALIDATOR);
    await s.given(
      "archive",
      `[{"guid": "123", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "publish_schedule": "#DATE+1#",
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "body_html": "Test Document body",
        "associations": {"editor_0": null}}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess(
      "/subscribers",
      `[{"name":"Digital","media_type":"media", "subscriber_type": "digital",
         "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
         "products": ["#products._id#"], "destinations":[${EMAIL}]},
        {"name":"Wire","media_type":"media", "subscriber_type": "wire",
         "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
         "products": ["#products._id#"], "destinations":[${EMAIL}]}]`,
    );
    await s.publish("#archive._id#", "publish", "published", `{"publish_schedule": "#DATE+1#"}`);
    s.ok();
    s.existingResource(`{"_current_version": 2, "state": "scheduled"}`);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
    await s.patch("/archive/123", `{"publish_schedule": null}`);
    await s.get("/archive");
    s.existingResource(
      `{"_items": [{"_current_version": 3, "state": "in_progress", "type": "text", "_id": "123",
        "firstpublished": null}]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
    await s.get("/published");
    s.list(0);
  });

  f.scenario("Deschedule an item fails if date is past", ["auth"], async (s) => {
    await s.givenEmpty("subscribers");
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "slugline": "test", "body_html": "Test Document body"}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.patch("/archive/123", `{"publish_schedule": "2010-05-30T10:00:00+00:00"}`);
    s.code(400);
  });

  f.scenario("Publish a user content and stays on the same stage", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given("validators", TEXT_VALIDATOR);
    await s.given("archive", item123(`"headline": "test",`));
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(PUBLISHED_V2);
  });

  f.wrong(
    "Clean autosave on publishing item",
    "test_user autosaves an item of a desk it is not a member of: an autosave needs the right " +
      "to edit the item here (README, content model), so the step is a 403; the autosave " +
      "removed on publishing is checked in tests/publish",
  );

  f.scenario("We can lock a published content and then kill it", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "headline": "test", "_current_version": 0, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "type": "text",
        "body_html": "<p>Test Document body</p>\\n<p>with a \\"quote\\"</p>"}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel 3","media_type":"media", "subscriber_type": "wire",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"], "is_active": true, "destinations":[${EMAIL}],
        "api_products": ["#products._id#"]}`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#subscribers._id#");
    await s.get("/items/123");
    s.existingResource(`{"uri": "http://localhost:5400/items/123", "pubstatus": "usable"}`);
    await s.post("/archive/#archive._id#/lock", "{}");
    s.ok();
    await s.publish("#archive._id#", "kill", "killed");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "state": "killed", "operation": "kill", "pubstatus": "canceled",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"},
        "version_creator": "#CONTEXT_USER_ID#"}`,
    );
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#subscribers._id#");
    await s.get("/items/123");
    s.existingResource(`{"uri": "http://localhost:5400/items/123", "pubstatus": "canceled"}`);
  });
  f.scenario("We can lock a published content and then correct it", ["auth"], async (s) => {
    await s.given("validators", TEXT_VALIDATORS_PC);
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "archive",
      item123(`"headline": "test",`).replace(`"_current_version": 1`, `"_current_version": 0`),
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess(
      "/subscribers",
      channel3(`"products": ["#products._id#"], "is_active": true`),
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.get("/legal_archive/123");
    s.ok();
    await s.get("/legal_archive/123?version=all");
    s.ok();
    await s.transmitItems();
    await importLegalPublishQueue(s);
    await s.get("/legal_publish_queue");
    s.list(1);
    await s.post("/archive/#archive._id#/lock", `{}`);
    s.ok();
    await s.get(`/workqueue?source={"filter": {"term": {"lock_user": "#CONTEXT_USER_ID#"}}}`);
    s.list(
      1,
      `{"_items": [{"guid": "123", "headline": "test", "state": "published",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "body_html": "Test Document body"}]}`,
    );
    await s.publish("#archive._id#", "correct", "corrected");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "state": "corrected", "operation": "correct",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}, "lock_user": "__none__"}`,
    );
    await s.enqueuePublished();
    await s.post("/archive/#archive._id#/unlock", `{}`);
    s.code(400);
    await s.get("/legal_archive/123");
    s.ok();
    await s.get("/legal_archive/123?version=all");
    s.ok();
    await s.transmitItems();
    await importLegalPublishQueue(s);
    await s.get("/legal_publish_queue");
    s.list(2);
  }, LEGAL_MAIL);

  for (const [last, lastState] of [["kill", "killed"], ["takedown", "recalled"]]) {
    f.scenario(
      `We can lock a published content and then correct it and then ${last} the article`,
      ["auth"],
      async (s) => {
        await s.given("validators", TEXT_VALIDATORS_PCK);
        await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
        await s.postWithSuccess(
          "/archive",
          item123(`"headline": "test",`).replace(`"_current_version": 1, `, ""),
        );
        await s.postWithSuccess("/products", PROD_1);
        await s.postWithSuccess(
          "/subscribers",
          channel3(`"products": ["#products._id#"], "is_active": true`).replace(
            `"digital"`,
            `"wire"`,
          ),
        );
        await s.publish("#archive._id#", "publish", "published");
        s.ok();
        const states = ["fetched", "published"];
        const entries = [`{"item_version": 2, "publishing_action": "published", "item_id": "123"}`];
        await legalAfter(s, states, entries);
        for (const [kind, state] of [["correct", "corrected"], [last, lastState]]) {
          await s.post("/archive/#archive._id#/lock", `{}`);
          s.ok();
          // `we get updated timestamp "versioncreated"`: set by this action (wire dates are seconds).
          const start = Math.floor(Date.now() / 1000) * 1000;
          await s.publish("#archive._id#", kind!, state!);
          s.ok();
          const version = states.length + 1;
          s.existingResource(
            `{"_current_version": ${version}, "state": "${state}", "operation": "${kind}",
            "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
          );
          assert.ok(
            Date.parse(s.response.body.versioncreated) >= start,
            `versioncreated ${s.response.body.versioncreated} is older than the action`,
          );
          states.push(state!);
          entries.push(
            `{"item_version": ${version}, "publishing_action": "${state}", "item_id": "123",
            "destination": {"delivery_type": "email"}}`,
          );
          await legalAfter(s, states, entries);
        }
      },
      LEGAL_MAIL,
    );
  }

  f.scenario("Publishing an already corrected published story fails", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await s.given("archive", item123(`"headline": "test",`));
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.post("/archive/#archive._id#/lock", `{}`);
    s.ok();
    await s.publish("#archive._id#", "correct", "corrected");
    s.ok();
    s.existingResource(
      `{"_current_version": 3, "state": "corrected", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.code(400);
  });

  f.scenario("We can correct a corrected story", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}}]`,
    );
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "anpa_category": [{"qcode": "a"}, {"qcode": "s"}],
        "slugline": "test", "body_html": "Test Document body"}]`,
    );
    for (
      const [name, code, tag, type] of [
        ["national", "a", "national-product", "both"],
        ["sport", "s", "sport-product", "api"],
      ] as const
    ) {
      await s.postWithSuccess(
        "/filter_conditions",
        `[{"name": "${name}", "field": "anpa_category", "operator": "in", "value": "${code}"}]`,
      );
      await s.postWithSuccess(
        "/content_filters",
        `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}],
          "name": "${name}-only"}]`,
      );
      await s.postWithTag(
        "/products",
        tag,
        `{"name":"prod-${name}","codes":"abc,xyz", "product_type": "${type}",
          "content_filter":{"filter_id":"#content_filters._id#", "filter_type": "permitting"}}`,
      );
    }
    const wire = (name: string, extra: string) =>
      `{"name":"${name}","media_type":"media", "subscriber_type": "wire",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "is_active": true, ${extra}}`;
    await s.postWithTag(
      "/subscribers",
      "sub1",
      wire("Channel direct", `"products": ["#national-product#"], "destinations":[${EMAIL}]`),
    );
    await s.postWithTag(
      "/subscribers",
      "sub2",
      wire("Channel api", `"api_products": ["#sport-product#"]`),
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#sub2#");
    await capiNotPublishedTo(s, "123", "#sub1#");
    await s.patch("/subscribers/#sub2#", `{"api_products": ["#national-product#"]}`);
    s.ok();
    await s.post("/archive/#archive._id#/lock", "{}");
    s.ok();
    await s.publish(
      "#archive._id#",
      "correct",
      "corrected",
      `{"headline": "test-1", "anpa_category": [{"qcode": "s"}]}`,
    );
    s.ok();
    s.existingResource(
      `{"_current_version": 3, "state": "corrected",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.enqueuePublished();
    await capiPublishedTo(s, "123", "#sub2#");
    await capiNotPublishedTo(s, "123", "#sub1#");
    await s.publish("#archive._id#", "correct", "corrected", `{"headline": "test-2"}`);
    s.ok();
    await s.get("/published");
    s.existingResource(
      `{"_items": [
        {"headline": "test", "_current_version": 2, "state": "published"},
        {"headline": "test-1", "_current_version": 3, "state": "corrected"},
        {"headline": "test-2", "_current_version": 4, "state": "corrected"}]}`,
    );
  });

  f.wrong(
    "User can't publish without a privilege",
    "the fixture item has no desk and no creator, which only administrators may open here " +
      "(README, who sees what), so the publish step's read of the item is a 404 for the plain " +
      "user; the 403 of a publish without the privilege is checked in tests/publish " +
      "(publish_flow_test)",
  );

  f.scenario("User can't publish a draft item", ["auth"], async (s) => {
    await s.given("archive", `[{"headline": "test", "_current_version": 1, "state": "draft"}]`);
    await s.publish("#archive._id#", "publish", "published");
    s.code(400);
  });

  f.scenario("User can't update a published item", ["auth"], async (s) => {
    await sportsItem(s, item123(`"headline": "test",`));
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.patch("/archive/#archive._id#", `{"headline": "updating a published item"}`);
    s.code(400);
  });

  f.scenario(
    "As a user I shouldn't be able to publish an item which is marked as not for publication",
    ["auth"],
    async (s) => {
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.postWithSuccess("/archive", notForPublication(true));
      await s.publish("#archive._id#", "publish", "published");
      s.code(400, NOT_FOR_PUBLICATION);
    },
  );

  f.scenario(
    "Publish a content directly which is marked not-for-publication should fail",
    ["auth"],
    async (s) => {
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.postWithSuccess("/archive", notForPublication(false));
      await s.publish(
        "#archive._id#",
        "publish",
        "published",
        `{"flags": {"marked_for_not_publication": true}}`,
      );
      s.code(400, NOT_FOR_PUBLICATION);
    },
  );

  f.scenario(
    "Assign a default Source to user created content Items and is overwritten by Source at desk level when published",
    ["auth"],
    async (s) => {
      await s.given("validators", TEXT_VALIDATOR);
      await s.given("desks", `[{"name": "Sports", "source": "Superdesk Sports"}]`);
      await s.given(
        "archive",
        `[{"guid": "123", "headline": "test", "body_html": "body", "_current_version": 1,
          "state": "fetched", "slugline": "test",
          "subject":[{"qcode": "17004000", "name": "Statistics"}],
          "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
      );
      await s.postWithSuccess("/products", PROD_1);
      await s.postWithSuccess("/subscribers", channel3());
      await s.postWithSuccess(
        "/stages",
        `[{"name": "Published Stage", "task_status": "done", "desk": "#desks._id#"}]`,
      );
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      s.existingResource(
        `{"_current_version": 2, "source": "Superdesk Sports", "state": "published", "task":{"desk": "#desks._id#"}}`,
      );
    },
  );

  f.scenario("Publish can't publish the same headline to SMS twice", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"schema": {}, "type": "composite", "act": "publish", "_id": "publish_composite"}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[${item123().slice(1, -1).replace(`"guid": "123"`, `"guid": "122"`)},
        ${item123().slice(1, -1)}]`,
    );
    await s.postWithSuccess(
      "/products",
      `{"name":"prod-1","codes":"abc,xyz", "product_type": "direct"}`,
    );
    await s.postWithSuccess(
      "/subscribers",
      `{"name":"Channel 3","media_type":"media", "subscriber_type": "digital",
        "sequence_num_settings":{"min" : 1, "max" : 10},
        "email": "test@test.com", "products": ["#products._id#"],
        "destinations":[{"name":"Test","format": "AAP SMS", "delivery_type":"ODBC","config":{}}]}`,
    );
    await s.publish("122", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
  });

  f.scenario("Publish fails when publish validators fail", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"_id": "publish_text", "type": "text", "act": "publish", "schema": {
        "dateline": {"type": "dict", "required": true, "schema": {
          "located": {"type": "dict", "required": true},
          "date": {"type": "datetime", "required": true},
          "source": {"type": "string", "required": true},
          "text": {"type": "string", "required": true}}}}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type": "text", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "dateline": {},
        "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body"}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("#archive._id#", "publish", "published");
    s.code(
      400,
      `{"_issues": {"validator exception": "[['DATELINE is a required field']]",
        "fields": {"dateline": {"located": "required field", "date": "required field",
          "source": "required field", "text": "required field"}}},
        "_status": "ERR"}`,
    );
  });

  f.scenario(
    "Sign Off is updated when published and corrected but not when killed",
    ["auth"],
    async (s) => {
      await s.given(
        "validators",
        `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
          {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}},
          {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`,
      );
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.postWithSuccess(
        "/archive",
        `[{"guid": "123", "type": "text", "headline": "test", "state": "fetched",
          "subject":[{"qcode": "17004000", "name": "Statistics"}],
          "slugline": "test", "body_html": "Test Document body",
          "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
      );
      await s.postWithSuccess("/products", PROD_1);
      await s.postWithSuccess("/subscribers", channel3());
      await s.publish("#archive._id#", "publish", "published");
      s.existingResource(
        `{"_current_version": 2, "state": "published", "sign_off": "abc",
          "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
      );
      await s.switchUser();
      await s.publish("#archive._id#", "correct", "corrected");
      s.ok();
      s.existingResource(
        `{"_current_version": 3, "state": "corrected", "sign_off": "abc/foo", "operation": "correct",
          "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
      );
      await s.loginAs("bar", "foobar", `{"sign_off": "bar"}`);
      await s.publish("#archive._id#", "kill", "killed");
      s.ok();
      s.existingResource(
        `{"_current_version": 4, "state": "killed", "pubstatus": "canceled", "sign_off": "abc/foo",
          "operation": "kill", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
      );
    },
  );

  f.scenario("Publish broadcast content to wire/digital subscribers", ["auth"], async (s) => {
    await genreVocabulary(s);
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"schema": {}, "type": "text", "act": "correct", "_id": "correct_text"}]`,
    );
    await s.given("desks", `[{"name": "Sports", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type": "text", "headline": "test", "_current_version": 1, "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}], "slugline": "test",
        "body_html": "Test Document body",
        "dateline": {"date": "#DATE#", "located" : {"country" : "Afghanistan", "tz" : "Asia/Kabul",
          "city" : "Mazar-e Sharif", "alt_name" : "", "country_code" : "AF",
          "city_code" : "Mazar-e Sharif", "dateline" : "city", "state" : "Balkh",
          "state_code" : "AF.30"},
          "text" : "MAZAR-E SHARIF, Dec 30  -", "source": "AAP"}}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    const subscriber = (name: string, type: string) =>
      `{"name":"${name}","media_type":"media", "subscriber_type": "${type}",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"], "is_active": true, "destinations":[${EMAIL}]}`;
    await s.postWithTag("/subscribers", "DigitalSubscriber", subscriber("Digital", "digital"));
    await s.postWithTag("/subscribers", "WireSubscriber", subscriber("Wire", "wire"));
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.post("/archive/123/broadcast", `[{"desk": "#desks._id#"}]`);
    s.ok();
    await s.patch(
      "/archive/#broadcast._id#",
      `{"headline": "broadcast content", "body_html": "broadcast content"}`,
    );
    await s.publish("#broadcast._id#", "publish", "published");
    s.ok();
    const broadcast = `{"_current_version": 3, "state": "published",
      "task":{"desk": "#desks._id#", "stage": "#desks.working_stage#"}, "_id": "#broadcast._id#",
      "genre": [{"name": "Broadcast Script", "qcode": "Broadcast Script"}],
      "broadcast": {"master_id": "123"}}`;
    await s.get("/archive/#broadcast._id#");
    s.existingResource(broadcast);
    await s.get("/published");
    s.existingResource(`{"_items": [${broadcast}]}`);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(
      4,
      `{"_items": [
        {"item_version": 3, "publishing_action": "published", "headline": "broadcast content",
         "item_id": "#broadcast._id#", "subscriber_id": "#WireSubscriber#"},
        {"item_version": 3, "publishing_action": "published", "headline": "broadcast content",
         "item_id": "#broadcast._id#", "subscriber_id": "#DigitalSubscriber#"}]}`,
    );
  });

  f.scenario("Save and publish a text item with body text", ["auth"], async (s) => {
    const body =
      `{"body_html": {"type": "string", "required": true, "nullable": false, "empty": false}}`;
    await s.given(
      "validators",
      `[{"schema": ${body}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": ${body}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type": "text", "headline": "test", "_current_version": 1,
        "slugline": "test", "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}]}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("#archive._id#", "publish", "published", `{"body_html": "Test Document body"}`);
    s.ok();
    s.existingResource(PUBLISHED_V2);
    await s.get("/published");
    s.existingResource(PUBLISHED_123);
  });

  f.scenario("Publish item with custom subject fields", ["auth"], async (s) => {
    await customSubjectItem(s, "subject", `${CATEGORY_SUBJECT}, ${ARKEOLOGI("subject")}`);
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "state": "published", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
  });

  f.scenario(
    "Fail on category when publish item with custom subject fields",
    ["auth"],
    async (s) => {
      await customSubjectItem(s, "subject_custom", ARKEOLOGI("subject_custom"));
      await s.publish("#archive._id#", "publish", "published");
      s.code(400, `{"_issues": {"validator exception": "[['CATEGORY is a required field']]"}}`);
    },
  );

  f.scenario(
    "Fail on subject when publish item with custom subject fields",
    ["auth"],
    async (s) => {
      await customSubjectItem(s, "subject", CATEGORY_SUBJECT);
      await s.publish("#archive._id#", "publish", "published");
      s.code(400, `{"_issues": {"validator exception": "[['SUBJECT is a required field']]"}}`);
    },
  );

  // `we set published item expiry 60` changes the setting mid-scenario: ours is read at start,
  // so item 123 is published and checked (in archive and published) before, item 456 after.
  f.phased("PUBLISHED_CONTENT_EXPIRY_MINUTES setting overrides content expiry setting.", [
    "auth",
  ], [
    { fn: (s) => expiryPhase(s, "123", 180) },
    { env: { PUBLISHED_CONTENT_EXPIRY_MINUTES: "60" }, fn: (s) => expiryPhase(s, "456", 60) },
  ]);

  f.scenario("Publish with required user defined vocabulary", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "News", "content_expiry": 180}]`);
    await s.given(
      "vocabularies",
      `[{"_id": "vocabulary1", "display_name": "Vocabulary 1",
         "schema": {"name" : {}, "qcode": {}, "parent": {}}, "service": {"all": 1},
         "type": "manageable",
         "items": [{"name": "Option 1", "qcode": "o1", "is_active": true},
                   {"name": "Option 2", "qcode": "o2", "is_active": true}]},
        {"_id": "custom_field_1", "display_name": "Custom Field 1", "field_type": "text",
         "schema": {"name" : {}, "qcode": {}, "parent": {}}, "service": {"all": 1},
         "type": "manageable", "items": [], "field_options": {"single": true}}]`,
    );
    await s.given(
      "content_types",
      `[{"enabled": true, "priority": 0, "label": "Profile 1", "schema": {
        "custom_field_1": {"type": "string", "required": true, "enabled": true},
        "subject": {
          "schema": {"schema": {"qcode": {}, "parent": {"nullable" : true}, "name": {},
            "service": {"nullable" : true},
            "scheme": {"nullable": true, "required": true, "allowed": ["vocabulary1"], "type": "string"}},
            "type": "dict"},
          "mandatory_in_list": {"scheme": {"subject": {"required": "true"}}},
          "default": [], "nullable": false, "required": true, "type": "list", "minlength": 1}}}]`,
    );
    await s.given(
      "archive",
      `[{"type": "text", "profile": "#content_types._id#", "state": "in_progress",
         "subject": [{"scheme": "subject", "name": "Option 1", "qcode": "o1"}],
         "extra": {"custom_field_1": "some text"}}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithTag(
      "/subscribers",
      "digital",
      `{"name":"Channel 1","media_type":"media", "subscriber_type": "digital",
        "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
        "products": ["#products._id#"], "destinations":[${EMAIL}]}`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "published", "pubstatus": "usable"}`,
    );
  });

  f.scenario(
    "Compare embedded items for content API and HTTP push destinations",
    ["auth"],
    async (s) => {
      for (const resource of ["filter_conditions", "content_filters", "products", "subscribers"]) {
        await s.givenEmpty(resource);
      }
      await s.given("desks", `[{"name": "Sports"}]`);
      const media = `"guid": "234", "type": "picture", "slugline": "s234",
        "state": "in_progress", "headline": "some headline", "_current_version": 1,
        "alt_text": "foo", "renditions": {"original": {"mimetype": "audio/mp3",
          "media": "5ae35d0095cc644f859a94c2",
          "href": "http://localhost:5000/api/upload-raw/5ae35d0095cc644f859a94c2"}}`;
      await s.given(
        "archive",
        `[{"_id": "234", ${media}, "description_text": "bar"},
          {"guid": "123", "type": "text", "headline": "fc_api", "_current_version": 1,
           "state": "in_progress",
           "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
             "user": "#CONTEXT_USER_ID#"},
           "subject":[{"qcode": "17004000", "name": "Statistics"}],
           "body_html": "Test Document body",
           "associations": {"media--1": {"_id": "234", ${media}, "_type": "archive",
             "description_text": "foo"}}}]`,
      );
      await s.postWithTag(
        "/filter_conditions",
        "fc_api",
        `[{"name": "fc_api", "field": "headline", "operator": "like", "value": "api"}]`,
      );
      await s.postWithTag(
        "/content_filters",
        "cf_api",
        `[{"content_filter": [{"expression": {"fc": ["#fc_api#"]}}], "name": "cf_api"}]`,
      );
      await s.postWithTag(
        "/products",
        "p_api",
        `[{"name":"prod-2","codes":"api", "product_type": "api",
           "content_filter":{"filter_id":"#cf_api#", "filter_type": "permitting"}}]`,
      );
      await s.postWithTag(
        "/subscribers",
        "sub_api",
        `{"name":"Channel API","media_type":"media", "subscriber_type": "wire",
          "email": "test@test.com", "sequence_num_settings":{"min" : 1, "max" : 10},
          "is_active": true, "api_products": ["#p_api#"]}`,
      );
      await s.postWithSuccess("/products", PROD_1);
      await s.postWithTag(
        "/subscribers",
        "sub_reg",
        `{"name":"Subscriber 1","media_type":"media", "subscriber_type": "digital",
          "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
          "products": ["#products._id#"], "is_active": true,
          "destinations":[{"name":"Test","format": "ninjs", "delivery_type":"http_push","config":{}}]}`,
      );
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      s.existingResource(
        `{"guid": "123", "state": "published", "associations": {"media--1": {"state": "published"}}}`,
      );
      await s.enqueuePublished();
      await s.get("/publish_queue");
      const formatted = `{"guid": "123", "version": "2", "headline": "fc_api",
        "body_html": "Test Document body", "language": "en", "pubstatus": "usable", "type": "text",
        "associations": {"media--1": {"guid": "234", "headline": "some headline",
          "language": "en", "slugline": "s234", "pubstatus": "usable", "type": "picture",
          "renditions": {"original": {"mimetype": "audio/mp3",
            "href": "http://localhost:5000/api/upload-raw/5ae35d0095cc644f859a94c2",
            "media": "5ae35d0095cc644f859a94c2"}}}}}`;
      queuedItems(
        s,
        3,
        `{"_items": [
          {"item_id": "123", "state": "success", "content_type": "text",
           "subscriber_id": "#sub_api#", "item_version": 2, "ingest_provider": "__none__",
           "destination": {"delivery_type": "content_api", "format": "ninjs", "name": "content api"},
           "formatted_item": ${formatted}},
          {"item_id": "123", "state": "pending", "content_type": "text",
           "subscriber_id": "#sub_reg#", "item_version": 2, "ingest_provider": "__none__",
           "destination": {"delivery_type": "http_push", "format": "ninjs", "name": "Test"},
           "formatted_item": ${formatted}}]}`,
      );
    },
    // Superdesk's test settings publish a story's associated items with it: the picture is the
    // third entry.
    { env: PACKAGE_ENV },
  );

  f.scenario("body_html is generated from draftJS state on correction", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "test_editor_gen_1", "guid": "test_editor_gen_1", "headline": "test", "state": "fetched"}]`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    const meta = `{"body_html": {"draftjsState": [{
      "blocks": [{"key": "fcbn3",
        "text": "The name of Highlaws comes from the Old English hēah-hlāw, meaning \\"high mounds\\".",
        "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": [],
        "data": {"MULTIPLE_HIGHLIGHTS": {}}}],
      "entityMap": {}}]}}`;
    await s.publish("#archive._id#", "correct", "corrected", `{"fields_meta": ${meta}}`);
    s.ok();
    s.existingResource(
      `{"_id": "test_editor_gen_1", "guid": "test_editor_gen_1", "headline": "test",
        "state": "corrected",
        "body_html": "<p>The name of Highlaws comes from the Old English hēah-hlāw, meaning \\"high mounds\\".</p>",
        "fields_meta": ${meta}}`,
    );
  });

  // `Given config update {"PUBLISH_ASSOCIATED_ITEMS": false}`: Superdesk's default and ours (the
  // feature's app runs without it).
  f.scenario("Send correction with adding a featuremedia", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "crop_sizes", "unique_field": "name",
         "items": [{"is_active": true, "name": "original", "width": 800, "height": 600}]}]`,
    );
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "correct_text", "act": "correct", "type": "text", "schema":{}},
        {"_id": "publish_picture", "act": "publish", "type": "picture", "schema": {}},
        {"_id": "correct_picture", "act": "correct", "type": "picture", "schema": {}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    const task =
      `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`;
    const crop = `{"original": {"CropLeft": 0, "CropRight": 800, "CropTop": 0, "CropBottom": 600}}`;
    await s.given(
      "archive",
      `[{"guid": "123", "type": "text", "headline": "test", "state": "in_progress", ${task},
         "subject": [{"qcode": "17004000", "name": "Statistics"}],
         "body_html": "Test Document body", "_current_version": 1},
        {"guid": "234", "type": "picture", "slugline": "234", "headline": "234",
         "state": "in_progress", ${task}, "renditions": ${crop}, "_current_version": 1}]`,
    );
    await s.postWithSuccess("/products", PROD_1);
    await s.postWithSuccess("/subscribers", channel3());
    await s.publish("123", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "published",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    const media = `"_id": "234", "type": "picture", "guid": "234", "byline": "foo",
      "alt_text": "alt_text", "description_text": "description_text"`;
    await s.publish(
      "123",
      "correct",
      "corrected",
      `{"associations": {"featuremedia": {${media}, "slugline": "slugline",
        "subject": [{"name": "subject", "parent": "05000000", "qcode": "05007000"}],
        "anpa_category": [{"qcode": "category", "name": "categories"}],
        "headline": "234", "renditions": ${crop}}}}`,
    );
    s.ok();
    s.existingResource(
      `{"_current_version": 3, "state": "corrected",
        "associations": {"featuremedia": {${media}, "headline": "234", "renditions": ${crop}}}}`,
    );
  });

  f.scenario("Publish a user content from personal space", ["auth"], async (s) => {
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
        {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": {}}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.postWithSuccess(
      "/archive",
      `[{"guid": "123", "type": "text", "headline": "test", "state": "in_progress",
        "task": {"user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "body_html": "Test Document body",
        "dateline": {"located" : {"country" : "Afghanistan", "tz" : "Asia/Kabul",
          "city" : "Mazar-e Sharif", "alt_name" : "", "country_code" : "AF",
          "city_code" : "Mazar-e Sharif", "dateline" : "city", "state" : "Balkh",
          "state_code" : "AF.30"},
          "text" : "MAZAR-E SHARIF, Dec 30  -", "source": "AAP"}}]`,
    );
    s.ok();
    s.existingResource(`{"_current_version": 1, "state": "in_progress"}`);
    s.ok();
    await s.publish("#archive._id#?desk_id=#desks._id#", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "published",
        "task":{"desk": "#desks._id#", "user": "#CONTEXT_USER_ID#"}}`,
    );
  });

  f.scenario("Create correction in working stage", ["auth"], async (s) => {
    await s.given("validators", TEXT_VALIDATORS_PC);
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.given(
      "archive",
      `[{"guid": "123", "type": "text", "headline": "test", "state": "fetched",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
          "user": "#CONTEXT_USER_ID#"},
        "subject": [{"qcode": "17004000", "name": "Statistics"}], "_current_version": 1}]`,
    );
    await s.publish("123", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "published",
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.publish("123", "correction", "correction");
    s.ok();
    await s.get("/archive/123");
    s.existingResource(
      `{"_current_version": 2, "type": "text", "state": "correction",
        "task":{"desk": "#desks._id#", "stage": "#desks.working_stage#"}}`,
    );
  }, { env: { CORRECTIONS_WORKFLOW: "true" } });
  // `Given config update {"PICTURE_METADATA_MAPPING": ...}` first: the setting, read at start.
  f.scenario("We update picture metadata on publish", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "Sports", "members":[{"user":"#CONTEXT_USER_ID#"}]}]`);
    await uploadFile(s, "archive", {
      bytes: withBikeExif(await picture(300, 200)),
      filename: "bike.jpg",
      type: "image/jpeg",
    });
    await s.publish(
      "#archive._id#",
      "publish",
      "published",
      `{"slugline": "test publish", "extra": {"transref": "1234"}}`,
    );
    s.ok();
    const expected = { JobId: "1234", Title: "test publish" };
    const published = s.resources.archive_publish.renditions.original.media;
    assert.notEqual(published, s.resources.archive.renditions.original.media, "a new file");
    await pictureMetadataOf(s, published, expected);
    await s.get("/published");
    s.list(1);
    await pictureMetadataOf(s, s.response.body._items[0].renditions.original.media, expected);
  }, {
    env: { PICTURE_METADATA_MAPPING: `{"slugline": "Title", "extra.transref": "JobId"}` },
  });
});
