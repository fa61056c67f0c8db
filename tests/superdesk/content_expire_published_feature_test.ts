/**
 * Superdesk's features/content_expire_published.feature over HTTP, with the legal archive on
 * (`LEGAL_ARCHIVE`, as Superdesk's test settings). Its subscribers send by e-mail: the scenarios
 * that transmit run where the test mail server is (`mailEnv`).
 */
import { expireItems, importLegalArchive, importLegalPublishQueue } from "./_expiry_steps.ts";
import { MAIL_MISSING, mailEnv } from "./_mail_steps.ts";
import { feature } from "./feature.ts";
import { genreVocabulary } from "./_genre_vocabulary.ts";
import type { Scenario } from "./scenario.ts";
import { cropSizesVocabulary, fetchFileOk, rendition, uploadBike } from "./_crop_steps.ts";
import { PACKAGE_ENV } from "./_package_steps.ts";

const VALIDATORS = `[
  {"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
  {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": {}},
  {"schema": {}, "type": "text", "act": "correct", "_id": "correct_text"},
  {"_id": "correct_composite", "act": "correct", "type": "composite", "schema": {}},
  {"schema": {}, "type": "text", "act": "kill", "_id": "kill_text"},
  {"_id": "kill_composite", "act": "kill", "type": "composite", "schema": {}},
  {"_id": "publish_picture", "act": "publish", "type": "picture",
   "schema": {"renditions": {"type": "dict", "required": true,
     "schema": {"4-3": {"type": "dict", "required": true}, "16-9": {"type": "dict", "required": true}}}}}]`;

/** Subscriber `name` of `type`, sending NITF by e-mail, on product prod-1. */
function subscriber(name: string, type: string): string {
  return `{"name":"${name}","media_type":"media", "subscriber_type": "${type}",
    "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
    "products": ["#products._id#"], "is_active": true,
    "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]}`;
}

const ON_SPORTS =
  `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`;

/** Item `guid` of ANPA category `category`, fetched on the Sports desk. */
function item(guid: string, category = `{"qcode" : "e", "name" : "Entertainment"}`): string {
  return `[{"guid": "${guid}", "type": "text", "headline": "test", "state": "fetched", "slugline": "slugline",
    "anpa_category" : [${category}], ${ON_SPORTS},
    "subject":[{"qcode": "17004000", "name": "Statistics"}],
    "body_html": "Test Document body"}]`;
}

/** Package `guid` on the Sports desk holding `ids` in its main group. */
function packageOf(guid: string, ids: string[]): string {
  const refs = ids.map((id) =>
    `{"headline": "Test Document body", "residRef": "${id}", "slugline": ""}`
  );
  return `{"guid": "${guid}", "type": "composite", "headline": "test package", "state": "fetched",
    ${ON_SPORTS}, "subject": [{"qcode": "17004000", "name": "Statistics"}],
    "body_html": "Test Package",
    "groups": [{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
      {"id": "main", "role": "grpRole:Main", "refs": [${refs.join(", ")}]}]}`;
}

/** Background: the Sports desk, validators, two subscribers, a highlight and item 123. */
async function background(s: Scenario): Promise<void> {
  await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
  await s.given("validators", VALIDATORS);
  await s.postWithSuccess(
    "/products",
    `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
  );
  await s.postWithTag("/subscribers", "digital", subscriber("Channel 1", "digital"));
  await s.postWithTag("/subscribers", "wire", subscriber("Channel 2", "wire"));
  await s.post("highlights", `{"name": "highlight1", "desks": ["#desks._id#"]}`);
  await s.postWithSuccess(
    "/archive",
    `[{"guid": "123", "type": "text", "headline": "test", "state": "fetched", "slugline": "slugline",
      "headline": "headline",
      "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}],
      ${ON_SPORTS},
      "subject":[{"qcode": "17004000", "name": "Statistics"}],
      "body_html": "Test Document body",
      "assignment_id": "123456",
      "dateline": {
        "date": "#DATE#",
        "located" : {"country" : "Afghanistan", "tz" : "Asia/Kabul", "city" : "Mazar-e Sharif",
          "alt_name" : "", "country_code" : "AF", "city_code" : "Mazar-e Sharif",
          "dateline" : "city", "state" : "Balkh", "state_code" : "AF.30"},
        "text" : "MAZAR-E SHARIF, Dec 30  -",
        "source": "AAP"}}]`,
  );
  s.ok();
  s.existingResource(
    `{"_current_version": 1, "state": "fetched", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
  );
}

/** `we enqueue published`, `we transmit items`, `run import legal publish queue`. */
async function sendAndImport(s: Scenario): Promise<void> {
  await s.enqueuePublished();
  await s.transmitItems();
  await importLegalPublishQueue(s);
}

/** Item 123 published, corrected, then killed or taken down (`kind`, `state`); all sent. */
async function correctThen(s: Scenario, kind: string, state: string): Promise<void> {
  await s.publish("123", "publish", "published");
  s.ok();
  await sendAndImport(s);
  await s.publish(
    "123",
    "correct",
    "corrected",
    `{"body_html": "Corrected", "slugline": "corrected", "headline": "corrected"}`,
  );
  s.ok();
  await sendAndImport(s);
  await s.publish(
    "123",
    kind,
    state,
    `{"body_html": "${state}", "slugline": "${state}", "headline": "${state}"}`,
  );
  s.ok();
  await sendAndImport(s);
}

/** `we get "<url>"` / `Then we get list with <count> items` for each pair. */
async function counts(s: Scenario, expected: Array<[string, number]>): Promise<void> {
  for (const [url, count] of expected) {
    await s.get(url);
    s.list(count);
  }
}

/** Item 123 killed or taken down after a correction, then expired: gone, not archived. */
async function killedExpire(s: Scenario, kind: string, state: string): Promise<void> {
  await background(s);
  await correctThen(s, kind, state);
  await counts(s, [["archive", 0], ["published", 3], ["publish_queue", 6], ["archived", 0]]);
  await expireItems(s, `["123"]`);
  await counts(s, [["archive", 0], ["published", 0], ["publish_queue", 0], ["archived", 0]]);
}

/** Item `guid` published from the Sports desk, sent, and imported into the legal archive. */
async function publishedLegal(s: Scenario, guid: string, category?: string): Promise<void> {
  if (guid !== "123") await s.postWithSuccess("/archive", item(guid, category));
  await s.publish(guid, "publish", "published");
  s.ok();
  await sendAndImport(s);
  await s.get(`/legal_archive/${guid}`);
  s.ok();
  await s.get(`/legal_publish_queue?where=item_id==%22${guid}%22`);
  s.list(2);
}

/** `we get "/archive_history?where=item_id==%22123%22"` / `Then we get list with <n> items`. */
async function history123(s: Scenario, count: number, text?: string): Promise<void> {
  await s.get(`/archive_history?where=item_id==%22123%22`);
  s.list(count, text);
}

const CREATE_AND_PUBLISH = `{"_items": [
  {"version": 1, "operation": "create"},
  {"version": 2, "operation": "publish"}]}`;

/** Item 123 published, its copy listed, queued for both subscribers, sent and imported. */
async function published123(s: Scenario, listed: string): Promise<void> {
  await s.publish("#archive._id#", "publish", "published");
  s.ok();
  s.existingResource(
    `{"_current_version": 2, "state": "published", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
  );
  await s.get("/published");
  s.list(1, listed);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(2);
  await s.transmitItems();
  await importLegalPublishQueue(s);
  await history123(s, 2, CREATE_AND_PUBLISH);
}

const LISTED_123 = `{"_items" : [
  {"_id": "123", "_current_version": 1, "state": "published", "type": "text", "_current_version": 2}]}`;
const LISTED_123_V2 = `{"_items" : [
  {"_id": "123", "state": "published", "type": "text", "_current_version": 2}]}`;

/** `we patch "/desks/#desks._id#"` setting `preserve_published_content`. */
async function preserve(s: Scenario, value: boolean): Promise<void> {
  await s.patch("/desks/#desks._id#", `{"preserve_published_content": ${value}}`);
  s.existingResource(
    `{"_id": "#desks._id#", "preserve_published_content": ${value}, "name": "Sports"}`,
  );
}

/** Item 123 expired on a preserving desk: its `published` copies and queue entries stay. */
async function keptOnExpiry(s: Scenario, copies: number, historyCount: number) {
  await expireItems(s, `["123"]`);
  await s.get("/published");
  s.list(copies);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.list(copies * 2);
  await history123(s, historyCount);
  await s.get("/archived");
  s.list(0);
}

const MAIL = { env: mailEnv(), ignore: MAIL_MISSING };

/**
 * (`@vocabulary`) Item 123 published and sent, three broadcasts of it made and edited
 * (`#broadcast1#` ... `#broadcast3#`), the first published and sent.
 */
async function broadcastsOf123(s: Scenario): Promise<void> {
  await genreVocabulary(s);
  await s.publish("123", "publish", "published");
  s.ok();
  await sendAndImport(s);
  for (const tag of ["broadcast1", "broadcast2", "broadcast3"]) {
    await s.postWithTag("archive/123/broadcast", tag, `[{"desk": "#desks._id#"}]`);
    s.ok();
    await s.patch(
      `/archive/#${tag}#`,
      `{"headline":"headline", "body_html": "testing", "abstract": "abstract"}`,
    );
    s.ok();
  }
  await s.publish("#broadcast1#", "publish", "published");
  s.ok();
  await sendAndImport(s);
}
/**
 * (`@vocabulary`) The bike uploaded as "bike" (a quarter of bike.jpg: no step reads a crop's
 * pixels), moved to the Sports desk, cropped to `4-3` and `16-9` by a PATCH of its renditions,
 * then made item 123's `featuremedia` and 123 published.
 */
async function publishedWithBike(s: Scenario): Promise<void> {
  await cropSizesVocabulary(s);
  await uploadBike(s, "archive", { guid: "bike", scale: 0.25 });
  await s.post(
    "/archive/bike/move",
    `[{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
  );
  s.ok();
  await s.patch(
    "/archive/bike",
    `{"renditions": {"4-3": {"CropLeft":0,"CropRight":800,"CropTop":0,"CropBottom":600},
      "16-9": {"CropLeft":0,"CropRight":1280,"CropTop":0,"CropBottom":720}}}`,
  );
  s.ok();
  await rendition(s, "4-3", "image/jpeg");
  await rendition(s, "16-9", "image/jpeg");
  await s.patch(
    "/archive/123",
    `{"associations": {"featuremedia": {"_id": "bike", "poi": {"x": 0.2, "y": 0.3},
      "headline": "headline", "alt_text": "alt_text", "description_text": "description_text",
      "slugline": "slugline",
      "subject": [{"name": "subject", "parent": "05000000", "qcode": "05007000"}],
      "anpa_category": [{"qcode": "category", "name": "categories"}]}}}`,
  );
  s.ok();
  await s.publish("123", "publish", "published");
  s.ok();
}

/** `When we get "/archive/123"`, its `4-3` crop fetched, then all sent and imported. */
async function sentWithCrop(s: Scenario): Promise<void> {
  await s.get("/archive/123");
  s.ok();
  await fetchFileOk(s, "#rendition.4-3.href#");
  await sendAndImport(s);
}

/** The story expired, then the picture: `archived` counts after each; the crop outlives both. */
async function expiredOneByOne(s: Scenario, archived: [number, number]): Promise<void> {
  await expireItems(s, `["123"]`);
  await s.get("/archived");
  s.list(archived[0]);
  await expireItems(s, `["bike"]`);
  await s.get("/archived");
  s.list(archived[1]);
  await s.get("/archive");
  s.list(0);
  await fetchFileOk(s, "#rendition.4-3.href#");
}

/** Both scenarios "Published a story with associated picture and expire the items". */
async function storyAndPictureExpired(s: Scenario): Promise<void> {
  await background(s);
  await publishedWithBike(s);
  await sentWithCrop(s);
  await s.get("/legal_archive");
  s.list(2);
  await expiredOneByOne(s, [1, 2]);
}

/** Superdesk's test settings publish a story's associated items with it. */
const ASSOCIATED = { env: { ...mailEnv(), ...PACKAGE_ENV }, ignore: MAIL_MISSING };

feature("content_expire_published", (f) => {
  f.scenario("Item on a desk is published and expired", ["auth"], async (s) => {
    await background(s);
    await published123(s, LISTED_123);
    await expireItems(s, `["123"]`);
    await s.get("/published");
    s.list(0);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(0);
    await history123(s, 0);
    await s.get("/archived");
    s.list(
      1,
      `{"_items" : [
        {"item_id": "123", "_current_version": 1, "state": "published", "type": "text", "_current_version": 2}]}`,
    );
  }, MAIL);
  f.scenario("Highlights and mark desks are removed from archived", ["auth"], async (s) => {
    await background(s);
    await s.post(
      "marked_for_highlights",
      `[{"highlights": ["#highlights._id#"], "marked_item": "#archive._id#"}]`,
    );
    s.newResource(`{"highlights": ["#highlights._id#"], "marked_item": "#archive._id#"}`);
    await s.postWithSuccess(
      "/marked_for_desks",
      `[{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}]`,
    );
    s.newResource(`{"marked_desk": "#desks._id#", "marked_item": "#archive._id#"}`);
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    s.existingResource(
      `{"_current_version": 2, "state": "published", "highlights": ["#highlights._id#"],
        "marked_desks": [{"desk_id": "#desks._id#"}],
        "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.get("/published");
    s.list(1, LISTED_123);
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(2);
    await s.transmitItems();
    await importLegalPublishQueue(s);
    await expireItems(s, `["123"]`);
    await s.get("/archived");
    // The copy is there (Superdesk's step would also pass on an empty list).
    s.list(1);
    for (const item of s.response.body._items) {
      for (const field of ["highlights", "marked_desks"]) {
        if (field in item) throw new Error(`"${field}" is in the archived copy`);
      }
    }
  }, MAIL);
  f.scenario("Item in a package is published and expired", ["auth"], async (s) => {
    await background(s);
    await published123(s, LISTED_123);
    await s.postWithTag("/archive", "package", packageOf("package", ["123"]));
    await s.publish("#package#", "publish", "published");
    s.ok();
    await expireItems(s, `["123"]`);
    await s.get("/published");
    s.list(2);
    await sendAndImport(s);
    await s.get("/publish_queue");
    s.list(3);
    await expireItems(s, `["#package#"]`);
    await s.get("/published");
    s.list(0);
    await s.get("/publish_queue");
    s.list(0);
  }, MAIL);
  f.scenario("Item in multiple packages is published and expired", ["auth"], async (s) => {
    await background(s);
    await published123(s, LISTED_123);
    await s.postWithSuccess("/archive", item("456"));
    await s.publish("456", "publish", "published");
    s.ok();
    await s.postWithTag("/archive", "package1", packageOf("package1", ["123", "456"]));
    await s.publish("#package1#", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.postWithTag("/archive", "package2", packageOf("package2", ["456"]));
    s.ok();
    await s.transmitItems();
    await importLegalPublishQueue(s);
    const kept = async () => {
      await s.get("/published");
      s.list(3, `{"_items": [{"_id": "123"}, {"_id": "456"}, {"_id": "#package1#"}]}`);
      await s.get("/publish_queue");
      s.list(5);
      await s.get("/archive");
      s.list(1, `{"_items": [{"_id": "#package2#"}]}`);
      await s.get("/archived");
      s.list(0);
    };
    await expireItems(s, `["123"]`);
    await s.get("/published");
    s.list(3, `{"_items": [{"_id": "123"}, {"_id": "456"}, {"_id": "#package1#"}]}`);
    await s.enqueuePublished();
    await kept();
    await expireItems(s, `["456"]`);
    await kept();
    await expireItems(s, `["#package1#"]`);
    await kept();
    await expireItems(s, `["#package2#"]`);
    await s.get("/published");
    s.list(0);
    await s.get("/publish_queue");
    s.list(0);
    await s.get("/archive");
    s.list(0);
    await s.get("/archived");
    s.list(
      3,
      `{"_items": [{"item_id": "123"}, {"item_id": "456"}, {"item_id": "#package1#"}]}`,
    );
  }, MAIL);
  f.scenario(
    "Expire the master story then it expires all related broadcast content.",
    ["auth"],
    async (s) => {
      await background(s);
      await broadcastsOf123(s);
      await expireItems(s, `["123"]`);
      await counts(s, [["archive", 2], ["published", 2], ["publish_queue", 4], ["archived", 0]]);
      await expireItems(s, `["#broadcast1#", "#broadcast2#", "#broadcast3#"]`);
      await counts(s, [["archive", 0], ["published", 0], ["publish_queue", 0]]);
      await s.get("archived");
      s.list(2, `{"_items":[{"item_id": "123"}, {"item_id": "#broadcast1#"}]}`);
    },
    MAIL,
  );
  f.scenario(
    "Broadcast in a package then master story and broadcast content cannot expires unless package expire.",
    ["auth"],
    async (s) => {
      await background(s);
      await broadcastsOf123(s);
      await s.postWithTag("/archive", "package1", packageOf("package1", ["#broadcast2#"]));
      await expireItems(s, `["123"]`);
      await s.get("archive");
      s.list(
        3,
        `{"_items": [{"_id": "#broadcast2#"}, {"_id": "#package1#"}, {"_id": "#broadcast3#"}]}`,
      );
      await counts(s, [["archived", 0]]);
      await expireItems(s, `["#package1#", "#broadcast1#", "#broadcast2#", "#broadcast3#"]`);
      await counts(s, [["archive", 0], ["published", 0], ["publish_queue", 0]]);
      await s.get("archived");
      s.list(2, `{"_items":[{"item_id": "123"}, {"item_id": "#broadcast1#"}]}`);
    },
    MAIL,
  );

  f.scenario("Correct/kill an item and then expire", ["auth"], async (s) => {
    await killedExpire(s, "kill", "killed");
  }, MAIL);

  f.scenario("Expire items that not moved to legal.", ["auth"], async (s) => {
    await background(s);
    await publishedLegal(s, "123");
    await s.get(`/legal_publish_queue?where=item_id==%22123%22`);
    s.list(
      2,
      `{"_items" : [{"item_id": "123", "item_version": 2, "state": "success", "content_type": "text"}]}`,
    );
    await s.postWithSuccess("/archive", item("456"));
    await s.publish("456", "publish", "published");
    s.ok();
    await s.enqueuePublished();
    await s.transmitItems();
    await s.get(`/legal_publish_queue?where=item_id==%22456%22`);
    s.list(0);
    await expireItems(s, `["123", "456"]`);
    await s.get("/archive/456");
    s.ok();
    s.existingResource(`{"_id": "456", "type": "text", "expiry_status": "invalid"}`);
    await s.get("/archive/123");
    s.code(404);
    await expireItems(s, `["456"]`);
    await s.get("/archive/456");
    s.ok();
    await importLegalPublishQueue(s);
    await importLegalArchive(s);
    await expireItems(s, `["456"]`);
    await s.get("/archive/456");
    s.code(404);
    await s.get("/legal_archive/456");
    s.ok();
  }, MAIL);

  f.scenario("Only entertainment articles are archived", ["auth"], async (s) => {
    await background(s);
    await publishedLegal(s, "123");
    await publishedLegal(s, "456", `{"qcode" : "a", "name" : "Australian General News"}`);
    await publishedLegal(s, "789", `{"qcode" : "s", "name" : "International Sports"}`);
    for (
      const [name, value, filter, archived] of [
        ["international sport", "s", "intl sports", true],
        ["domestic", "a", "Domestic News", true],
        ["Entertainment", "e", "Entertainment", false],
      ] as const
    ) {
      await s.postWithSuccess(
        "/filter_conditions",
        `[{"name": "${name}", "field": "anpa_category", "operator": "in", "value": "${value}"}]`,
      );
      s.ok();
      await s.postWithSuccess(
        "/content_filters",
        `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}],
          "name": "${filter}"${archived ? `, "is_archived_filter": true` : ""}}]`,
      );
      s.ok();
    }
    await expireItems(s, `["123", "456", "789"]`);
    await s.get("/archived");
    s.list(
      1,
      `{"_items": [{"item_id": "123", "type": "text", "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}]}]}`,
    );
    await s.get("/archive/456");
    s.code(404);
    await s.get("/archive/789");
    s.code(404);
  }, MAIL);

  f.scenario(
    "Published a story with associated picture and expire the items",
    ["auth"],
    storyAndPictureExpired,
    ASSOCIATED,
  );

  f.scenario(
    "Published a story with associated picture and spike the picture",
    ["auth"],
    async (s) => {
      await background(s);
      await publishedWithBike(s);
      await sentWithCrop(s);
      await s.spike("bike");
      s.code(400);
      await s.get("/legal_archive");
      s.list(2);
      await expireItems(s, `["bike"]`);
      await s.get("/archived");
      s.list(0);
      await expireItems(s, `["123", "bike"]`);
      await s.get("/archived");
      s.list(2);
      await s.get("/archive");
      s.list(0);
      await fetchFileOk(s, "#rendition.4-3.href#");
    },
    ASSOCIATED,
  );

  // The feature has two scenarios of this title, step for step the same.
  f.scenario(
    "Published a story with associated picture and expire the items (its second copy)",
    ["auth"],
    storyAndPictureExpired,
    ASSOCIATED,
  );

  // `Given config update {"PUBLISH_ASSOCIATED_ITEMS": false}` opens it: the app's from the start.
  f.scenario(
    "Published a story with associated picture and expire the items with PUBLISH_ASSOCIATED_ITEMS as false",
    ["auth"],
    async (s) => {
      await background(s);
      await publishedWithBike(s);
      await s.get("/published");
      s.list(
        1,
        `{"_items" : [{"guid": "123", "_current_version": 3, "state": "published", "type": "text",
          "operation": "publish",
          "associations": {"featuremedia": {"operation": "publish", "state": "published"}}}]}`,
      );
      await s.get("/archive/123");
      s.existingResource(
        `{"guid": "123", "_current_version": 3, "state": "published", "type": "text",
          "operation": "publish",
          "associations": {"featuremedia": {"operation": "update", "state": "in_progress"}}}`,
      );
      s.ok();
      await fetchFileOk(s, "#rendition.4-3.href#");
      await sendAndImport(s);
      await s.get("/legal_archive");
      s.list(1);
      await expiredOneByOne(s, [1, 1]);
    },
    { ...MAIL, env: { ...mailEnv(), PUBLISH_ASSOCIATED_ITEMS: "false" } },
  );

  f.scenario("Correct/takedown an item and then expire", ["auth"], async (s) => {
    await killedExpire(s, "takedown", "recalled");
  }, MAIL);

  f.scenario(
    "Published content is not expired if the desk has preserve_published_content as True",
    ["auth"],
    async (s) => {
      await background(s);
      await preserve(s, true);
      await published123(s, LISTED_123_V2);
      await keptOnExpiry(s, 1, 2);
    },
    MAIL,
  );

  f.scenario(
    "Correct/takedown an item and then expire on desk with preserve_published_content as True",
    ["auth"],
    async (s) => {
      await background(s);
      await preserve(s, true);
      await s.publish("123", "publish", "published");
      s.ok();
      await sendAndImport(s);
      await keptOnExpiry(s, 1, 2);
      await s.publish(
        "123",
        "correct",
        "corrected",
        `{"body_html": "Corrected", "slugline": "corrected", "headline": "corrected"}`,
      );
      s.ok();
      await sendAndImport(s);
      await keptOnExpiry(s, 2, 3);
      await s.publish(
        "123",
        "takedown",
        "recalled",
        `{"body_html": "recalled", "slugline": "recalled", "headline": "recalled"}`,
      );
      s.ok();
      await sendAndImport(s);
      await counts(s, [["archive", 0], ["published", 3], ["publish_queue", 6], ["archived", 0]]);
      await expireItems(s, `["123"]`);
      await counts(s, [["archive", 0], ["published", 0], ["publish_queue", 0], ["archived", 0]]);
    },
    MAIL,
  );

  f.scenario(
    "Published content is expired if the preserve_published_content flag is changed to false",
    ["auth"],
    async (s) => {
      await background(s);
      await preserve(s, true);
      await published123(s, LISTED_123_V2);
      await keptOnExpiry(s, 1, 2);
      await preserve(s, false);
      await expireItems(s, `["123"]`);
      await s.get("/published");
      s.list(0);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(0);
      await history123(s, 0);
      await s.get("/archived");
      s.list(1);
    },
    MAIL,
  );
}, { env: { LEGAL_ARCHIVE: "true" } });
