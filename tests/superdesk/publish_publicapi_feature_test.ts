/**
 * Superdesk's features/publish_publicapi.feature over HTTP. Despite its name, no scenario reads
 * the content API: each publishes a text item, a picture or a package to a subscriber whose
 * products are not api products (so nothing reaches the content API store) and whose one
 * destination is an e-mail (`nitf`) or a `PublicArchive` (`ninjs`) one, then asserts the
 * publish's answer and notification, one `pending` queue entry once the published copies are
 * enqueued, the published copy, and for the picture the ninjs its queue entry holds (`we get
 * formatted item`).
 */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import { jsonMatch } from "./json_match.ts";
import type { Scenario } from "./scenario.ts";

const TASK = `"task": {"user": "#CONTEXT_USER_ID#", "status": "todo",
  "stage": "#desks.incoming_stage#", "desk": "#desks._id#"}`;
const PUBLISHED = `{"_current_version": 2, "state": "published",
  "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`;

/** A rendition of the feature's pictures: `media` id and size. */
const rendition = (media: string, width: number, height: number) =>
  `{"width": ${width}, "height": ${height}, "media": "${media}", "mimetype": "image/jpeg",
    "href": "http://localhost:5000/api/upload/${media}/raw?_schema=http"}`;
const ORIGINAL_SOURCE = `{"mimetype": "image/jpeg",
  "href": "https://one-api.aap.com.au/api/v3/Assets/20150723001158639795/Original/download"}`;
/** The renditions of the package scenarios' picture. */
const RENDITIONS = `{"original_source": ${ORIGINAL_SOURCE},
  "original": ${rendition("55b078b21d41c8e974d17ec5", 2784, 4176)},
  "thumbnail": ${rendition("55b078b41d41c8e974d17ed3", 80, 120)},
  "viewImage": ${rendition("55b078b31d41c8e974d17ed1", 426, 640)},
  "baseImage": ${rendition("55b078b31d41c8e974d17ecf", 933, 1400)}}`;

/** The package scenarios' picture, `guid`. */
const picture = (guid: string) =>
  `[{"original_source": "AAP Image/AAP", "description_text": "A test picture",
    "state": "submitted", "headline": "ABC SHOP CLOSURES", "byline": "PAUL MILLER",
    "source": "AAP Image", "mimetype": "image/jpeg", "type": "picture", "pubstatus": "usable",
    ${TASK}, "guid": "${guid}", "renditions": ${RENDITIONS}, "slugline": "ABC SHOP CLOSURES"}]`;

/** A package with the story `story` in main and the picture `pic` in sidebars. */
const composite = (story: string, pic: string) =>
  `[{"groups": [
    {"id": "root", "refs": [{"idRef": "main"}, {"idRef": "sidebars"}], "role": "grpRole:NEP"},
    {"id": "main", "role": "grpRole:main", "refs": [{"renditions": {}, "slugline": "Boat",
      "guid": "${story}", "headline": "WA:Navy steps in with WA asylum-seeker boat",
      "location": "archive", "type": "text", "itemClass": "icls:text", "residRef": "${story}"}]},
    {"id": "sidebars", "role": "grpRole:sidebars", "refs": [{"renditions": ${RENDITIONS},
      "slugline": "ABC SHOP CLOSURES", "type": "picture", "guid": "${pic}",
      "headline": "ABC SHOP CLOSURES", "location": "archive", "itemClass": "icls:picture",
      "residRef": "${pic}"}]}],
  ${TASK}, "guid": "compositeitem", "headline": "WA:Navy steps in with WA asylum-seeker boat",
  "state": "submitted", "type": "composite"}]`;

/** The product (`both`: direct and api) and the subscriber taking it through `destination`. */
async function productAndSubscriber(s: Scenario, destination: string) {
  await s.postWithSuccess(
    "/products",
    `{"name": "prod-1", "codes": "abc,xyz", "product_type": "both"}`,
  );
  await s.postWithSuccess(
    "/subscribers",
    `{"name": "Channel 3", "media_type": "media", "subscriber_type": "digital",
      "sequence_num_settings": {"min": 1, "max": 10}, "email": "test@test.com",
      "products": ["#products._id#"], "is_active": true, "destinations": [${destination}]}`,
  );
}

/** A `ninjs` destination of delivery type `PublicArchive`. */
const PUBLIC_ARCHIVE = `{"name": "Test", "format": "ninjs", "delivery_type": "PublicArchive",
  "config": {"recipients": "test@test.com"}}`;

/** Publishes `id`, then the answer, the notification and the one pending queue entry. */
async function publishAndEnqueue(s: Scenario, id: string) {
  await s.publish(id, "publish", "published");
  s.ok();
  await s.notifications(`[{"event": "item:publish", "extra": {"item": "${id}"}}]`);
  s.existingResource(PUBLISHED);
  await s.enqueuePublished();
  await s.get("/publish_queue");
  s.existingResource(`{"_items": [{"state": "pending"}]}`);
}

/** `we get formatted item`: the answer's `formatted_item` (ninjs text) matches the text. */
function formattedItem(s: Scenario, text: string) {
  assert.equal(s.response.status, 200);
  const formatted = JSON.parse(s.response.body.formatted_item);
  const mismatch = jsonMatch(s.json(text), formatted);
  assert.equal(mismatch, null, `${mismatch}\n${JSON.stringify(formatted)}`);
}

/** `publish_<type>` validators with no rules, for `types`. */
const validators = (types: string[]) =>
  JSON.stringify(
    types.map((type) => ({ _id: `publish_${type}`, act: "publish", type, schema: {} })),
  );

/** An empty archive, the desk, and `validatorsText`. */
async function deskAndValidators(s: Scenario, validatorsText: string) {
  await s.givenEmpty("archive");
  await s.given("desks", `[{"name": "test_desk1"}]`);
  await s.given("validators", validatorsText);
}

feature("publish_publicapi", (f) => {
  f.scenario("Publish a text item", ["auth", "notification"], async (s) => {
    await s.given("desks", `[{"name": "test_desk1"}]`);
    await s.given(
      "archive",
      `[{"_current_version": 1, "body_html": "item content", "slugline": "some slugline",
        "headline": "some headline", "language": "en", "byline": "John Doe", "urgency": 1,
        "pubstatus": "usable", "state": "submitted", ${TASK},
        "anpa_category": [{"qcode": "a"}],
        "subject": [{"qcode": "07005000", "parent": "07000000", "name": "medical research"}],
        "versioncreated": "2015-06-01T22:19:08+0000", "original_creator": "#CONTEXT_USER_ID#",
        "type": "text", "version": "1", "unique_name": "#9028", "guid": "item1"}]`,
    );
    await s.given("validators", validators(["text"]));
    await productAndSubscriber(
      s,
      `{"name": "Test", "format": "nitf", "delivery_type": "email",
        "config": {"recipients": "test@test.com"}}`,
    );
    await publishAndEnqueue(s, "item1");
    await s.get("/published");
    s.existingResource(
      `{"_items": [{"guid": "item1", "_current_version": 2, "state": "published"}]}`,
    );
  });

  f.scenario("Publish a picture item to the API", ["auth", "notification"], async (s) => {
    const id = "20150723001158606583";
    const upload = (media: string) => `http://localhost:5000/api/upload/${media}/raw?_schema=http`;
    await s.given("desks", `[{"name": "test_desk1"}]`);
    await s.given(
      "archive",
      `[{${TASK}, "_current_version": 1, "slugline": "AMAZING PICTURE", "original_source": "AAP",
        "renditions": {
          "viewImage": {"width": 640, "height": 401, "mimetype": "image/jpeg",
            "href": "${upload("55b032041d41c8d278d21b6f")}", "poi": {"x": 160, "y": 100}},
          "original_source": {"mimetype": "image/jpeg",
            "href": "https://one-api.aap.com.au/api/v3/Assets/${id}/Original/download"},
          "thumbnail": {"width": 191, "height": 120, "mimetype": "image/jpeg",
            "href": "${upload("55b032051d41c8d278d21b73")}", "poi": {"x": 47, "y": 30}},
          "baseImage": {"width": 1400, "height": 878, "mimetype": "image/jpeg",
            "href": "${upload("55b032051d41c8d278d21b71")}", "poi": {"x": 350, "y": 219}},
          "original": {"width": 2828, "height": 1775, "mimetype": "image/jpeg",
            "href": "${upload("55b032041d41c8d278d21b6b")}", "poi": {"x": 707, "y": 443}}},
        "byline": "MICKEY MOUSE", "original_creator": "#CONTEXT_USER_ID#", "family_id": "${id}",
        "version_creator": "#CONTEXT_USER_ID#", "operation": "create", "headline": "AMAZING PICTURE",
        "ingest_id": "${id}", "unique_id": 85, "marked_for_not_publication": false,
        "unique_name": "#85", "versioncreated": "2015-07-23T00:15:00.000Z",
        "mimetype": "image/jpeg", "language": "en", "state": "submitted", "ednote": "TEST ONLY",
        "sign_off": "mar", "type": "picture", "pubstatus": "usable", "source": "AAP",
        "description_text": "The most amazing picture you will ever see", "guid": "${id}",
        "expiry": "2015-09-02T16:15:01.000Z", "_etag": "05b475af5ed0d752c618636da89baf0eaf245cb1",
        "lock_time": null, "lock_user": null, "lock_session": null, "force_unlock": true}]`,
    );
    await s.given("validators", validators(["picture"]));
    await productAndSubscriber(s, PUBLIC_ARCHIVE);
    await publishAndEnqueue(s, id);
    await s.get(`/publish_queue/${id}`);
    formattedItem(
      s,
      `{"guid": "${id}", "type": "picture", "renditions": {"original": {"width": 2828,
        "height": 1775, "href": "${upload("55b032041d41c8d278d21b6b")}",
        "mimetype": "image/jpeg", "poi": {"x": 707, "y": 443}}}}`,
    );
    await s.get("/published");
    s.existingResource(
      `{"_items": [{"guid": "${id}", "_current_version": 2, "state": "published"}]}`,
    );
  });

  f.scenario(
    "Publish a composite item with a story and a picture to the API",
    ["auth", "notification"],
    async (s) => {
      const story = "tag:localhost:2015:515b895a-b336-48b2-a506-5ffaf561b916";
      const pic =
        "urn:newsml:localhost:2015-07-24T15:04:29.589984:af3bef9a-5002-492b-a15a-8b460e69b164";
      await deskAndValidators(s, validators(["composite", "text", "picture"]));
      await s.postWithSuccess(
        "/archive",
        `[{"headline": "WA:Navy steps in with WA asylum-seeker boat", "guid": "${story}",
          "state": "submitted", "type": "text", "body_html": "item content", ${TASK}}]`,
      );
      await s.postWithSuccess("/archive", picture(pic));
      await s.postWithSuccess("/archive", composite(story, pic));
      await productAndSubscriber(s, PUBLIC_ARCHIVE);
      await publishAndEnqueue(s, "compositeitem");
      await s.get("/published/compositeitem");
      s.existingResource(`{"guid": "compositeitem", "_current_version": 2, "state": "published"}`);
    },
  );

  f.scenario(
    "Publish a composite item with embedded items",
    ["auth", "notification"],
    async (s) => {
      await deskAndValidators(
        s,
        `[{"_id": "publish_composite", "act": "publish", "type": "composite", "schema":{}},
        {"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
        {"_id": "publish_picture", "act": "publish", "type": "picture", "schema":{}},
        {"_id": "publish_embedded", "act": "publish", "type": "picture", "embedded": true,
         "schema": {}}]`,
      );
      // Superdesk's `Given` writes the vocabulary as it is (no `type`, which ours requires).
      await givenRaw(
        s,
        "vocabularies",
        `[{"_id": "crop_sizes", "items": [{"is_active": true, "name": "4-3", "width": 800, "height": 600}]}]`,
      );
      const embedded = `"guid": "embedded", "type": "picture", "state": "submitted",
      "pubstatus": "usable", "mimetype": "image/jpeg", "slugline": "foo"`;
      await s.postWithSuccess(
        "/archive",
        `[{${embedded}, "renditions": {}},
        {"headline": "text item with embedded pic", "guid": "item1", "state": "submitted",
         "type": "text", "body_html": "item content", ${TASK},
         "associations": {"embedded1": {${embedded}, "headline": "headline",
           "alt_text": "alt_text", "description_text": "description_text",
           "subject": [{"name": "subject", "parent": "05000000", "qcode": "05007000"}],
           "anpa_category": [{"qcode": "category", "name": "categories"}]}}}]`,
      );
      await s.postWithSuccess("/archive", picture("item2"));
      await s.postWithSuccess("/archive", composite("item1", "item2"));
      await productAndSubscriber(
        s,
        `{"name": "Test", "format": "ninjs", "delivery_type": "PublicArchive",
        "config": {"recipients": "test@test.com", "packaged": true}}`,
      );
      await s.publish("compositeitem", "publish", "published");
      s.ok();
      s.existingResource(PUBLISHED);
      await s.notifications(`[{"event": "item:publish", "extra": {"item": "compositeitem"}}]`);
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(
        1,
        `{"_items": [{"item_id": "compositeitem", "state": "pending", "content_type": "composite"}]}`,
      );
      await s.get("/published/compositeitem");
      s.existingResource(`{"guid": "compositeitem", "_current_version": 2, "state": "published"}`);
      await s.get("/publish_queue/compositeitem");
      formattedItem(
        s,
        `{"guid": "compositeitem", "type": "composite", "associations": {
        "main": {"body_html": "item content", "headline": "text item with embedded pic",
          "type": "text"},
        "sidebars": {"guid": "item2", "type": "picture", "headline": "ABC SHOP CLOSURES",
          "renditions": {"original": {"mimetype": "image/jpeg"}}}}}`,
      );
    },
  );
});
