/**
 * Superdesk's features/content_fetch.feature over HTTP; `we fetch from "reuters" ingest` reads
 * sample files of our own (`_ingest_steps.ts`).
 */
import { feature } from "./feature.ts";
import { fetchFrom, ingestFrom } from "./_ingest_steps.ts";

const PICTURE = "tag_reuters.com_0000_newsml_GM1EA7M13RP01:484616934";
const PACKAGE = "tag_reuters.com_2014_newsml_KBN0FL0NM:10";

const PICTURE_ID =
  "urn:newsml:localhost:5000:2019-03-31T20:37:42.832355:9e339340-11c5-43f5-8314-3c6088bbe562";
const TEXT_ID =
  "urn:newsml:localhost:5000:2019-03-31T20:37:43.126066:07067129-d906-412d-92c5-4a72d9796a64";
const OIL =
  "Oil prices edged up on Monday, supported by the first fall in US drilling activity in month.";
const RENDITIONS = `{
  "viewImage": {"width": 640, "height": 490, "media": "5ca08a675f627dc02f16a39a", "mimetype": "image/jpeg",
    "href": "http://localhost:5000/api/upload-raw/5ca08a675f627dc02f16a39a.jpg"},
  "thumbnail": {"width": 156, "height": 120, "media": "5ca08a675f627dc02f16a39c", "mimetype": "image/jpeg",
    "href": "http://localhost:5000/api/upload-raw/5ca08a675f627dc02f16a39c.jpg"}}`;
/** Superdesk's ingested text with an embedded picture, and the picture itself. */
const EMBEDDING_ITEMS = `[
  {"_id": "${PICTURE_ID}", "guid": "20170809001313906811", "type": "picture", "state": "ingested",
   "headline": "Financial Markets", "description_text": "${OIL}", "byline": "Bebeto Matthews",
   "slugline": "GLOBAL-OIL", "pubstatus": "usable", "urgency": 3, "priority": 3, "language": "en",
   "versioncreated": "2019-03-31T09:37:42+0000", "firstcreated": "2015-07-08T15:46:07+0000",
   "family_id": "${PICTURE_ID}", "mimetype": "image/jpeg", "renditions": ${RENDITIONS},
   "subject": [{"qcode": "04005004", "name": "oil and gas - upstream activities"}]},
  {"_id": "${TEXT_ID}", "guid": "tag:localhost:2017:7ca07622-3b19-4d61-8daf-18500412d46b",
   "type": "text", "state": "ingested", "headline": "Oil prices edge up on first drop in US drilling in months",
   "byline": "By Henning Gloystein", "slugline": "TEST GLOBAL-OIL", "pubstatus": "usable",
   "urgency": 3, "priority": 3, "language": "en", "abstract": "${OIL}",
   "versioncreated": "2019-03-31T09:37:42+0000", "firstcreated": "2017-07-03T01:38:13+0000",
   "family_id": "${TEXT_ID}", "dateline": {"located": {"city": "Singapore"}},
   "body_html": "<p>Oil prices edged up on Monday.</p>",
   "associations": {"embedded216742513": {
     "_id": "${PICTURE_ID}", "guid": "20170809001313906811", "type": "picture", "state": "ingested",
     "headline": "Financial Markets", "description_text": "${OIL}", "byline": "Bebeto Matthews",
     "slugline": "GLOBAL-OIL", "pubstatus": "usable", "urgency": 3, "priority": 3, "language": "en",
     "versioncreated": "2017-08-24T01:56:56+0000", "firstcreated": "2015-07-08T15:46:07+0000",
     "mimetype": "image/jpeg", "renditions": ${RENDITIONS}}}}
]`;

feature("content_fetch", (f) => {
  f.scenario("Fetch an item and validate metadata set by API", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    await ingestFrom(
      s,
      "reuters",
      `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E", "byline": "Chuck Norris",
        "dateline": {"source": "Reuters"}}]`,
    );
    await s.post(
      "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
      `{"desk": "#desks._id#"}`,
    );
    s.newResource();
    await s.get("/archive?q=#desks._id#");
    s.list(
      1,
      `{"_items": [{"family_id": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E",
        "ingest_id": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E", "operation": "fetch",
        "sign_off": "abc", "byline": "Chuck Norris", "dateline": {"source": "Reuters"}}]}`,
    );
  });

  f.scenario("Fetch an item and it fetches embedded items", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    // Superdesk's two items with their long rights texts left out.
    await ingestFrom(s, "reuters", EMBEDDING_ITEMS);
    await s.post(`/ingest/${TEXT_ID}/fetch`, `{"desk": "#desks._id#"}`);
    s.newResource();
    await s.get("/archive?q=#desks._id#");
    s.list(
      2,
      `{"_items": [
        {"family_id": "${TEXT_ID}", "ingest_id": "tag:localhost:2017:7ca07622-3b19-4d61-8daf-18500412d46b",
         "operation": "fetch", "sign_off": "abc", "slugline": "TEST GLOBAL-OIL",
         "associations": {"embedded216742513": {"description_text": "${OIL}"}},
         "refs": [{"key": "embedded216742513", "type": "picture"}]},
        {"family_id": "${PICTURE_ID}", "type": "picture"}]}`,
    );
  });

  f.scenario(
    "Fetch an item empty byline and dateline doesn't get populated",
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.given("desks", `[{"name": "Sports"}]`);
      await ingestFrom(s, "reuters", `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E"}]`);
      await s.post(
        "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
        `{"desk": "#desks._id#"}`,
      );
      s.newResource();
      await s.get("/archive?q=#desks._id#");
      s.noKey("byline");
      s.noKey("dateline");
    },
  );

  f.scenario(
    "Fetch an item of type Media and validate metadata set by API",
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.given("desks", `[{"name": "Sports"}]`);
      await fetchFrom(s, "reuters", PICTURE);
      await s.postWithSuccess(`/ingest/#reuters.${PICTURE}#/fetch`, `{"desk": "#desks._id#"}`);
      s.key("_id");
      await s.get("/archive/#_id#");
      s.existingResource(
        `{"sign_off": "abc", "renditions": {
          "baseImage": {"height": 845, "mimetype": "image/jpeg", "width": 1400},
          "original": {"height": 2113, "mimetype": "image/jpeg", "width": 3500},
          "thumbnail": {"height": 120, "mimetype": "image/jpeg", "width": 198},
          "viewImage": {"height": 386, "mimetype": "image/jpeg", "width": 640}}}`,
      );
    },
  );

  f.scenario("Fetch a package and validate metadata set by API", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await s.given("desks", `[{"name": "Sports"}]`);
    await fetchFrom(s, "reuters", PACKAGE);
    await s.post(`/ingest/#reuters.${PACKAGE}#/fetch`, `{"desk": "#desks._id#"}`);
    await s.get("archive");
    const member = (type: string) =>
      `{"_current_version": 1, "linked_in_packages": [{}], "state": "fetched",
        "type": "${type}", "sign_off": "abc"}`;
    s.existingResource(
      `{"_items": [${member("picture")},
        {"_current_version": 1, "state": "fetched", "type": "composite", "sign_off": "abc",
         "groups": [{"refs": [{"itemClass": "icls:text"}, {"itemClass": "icls:picture"},
                              {"itemClass": "icls:picture"}, {"itemClass": "icls:picture"}]},
                    {"refs": [{"itemClass": "icls:text"}]}]},
        ${member("picture")}, ${member("text")}, ${member("picture")}, ${member("text")}]}`,
    );
  });

  f.scenario("Fetch same ingest item to a desk twice", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    await ingestFrom(s, "reuters", `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E"}]`);
    await s.post(
      "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
      `{"desk": "#desks._id#"}`,
    );
    await s.post(
      "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
      `{"desk": "#desks._id#"}`,
    );
    s.newResource();
    await s.get("/archive?q=#desks._id#");
    s.list(
      2,
      `{"_items": [{"family_id": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E", "unique_id": 1},
        {"family_id": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E", "unique_id": 2}]}`,
    );
  });

  f.scenario("Fetch should fail when invalid ingest id is passed", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.givenEmpty("ingest");
    await s.post("/ingest/invalid_id/fetch", `{"desk": "#desks._id#"}`);
    s.code(
      404,
      `{"_message": "Failed to find ingest item with _id: invalid_id", "_status": "ERR"}`,
    );
  });

  f.scenario("Fetch should fail when no desk is specified", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await fetchFrom(s, "reuters", PICTURE);
    await s.post(`/ingest/${PICTURE}/fetch`, `{}`);
    s.code(400, `{"_issues": {"desk": {"required": 1}}}`);
  });

  f.scenario(
    'Fetched item should have "in_progress" state when locked and edited',
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.given("desks", `[{"name": "Sports"}]`);
      await ingestFrom(s, "reuters", `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E"}]`);
      await s.post(
        "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
        `{"desk": "#desks._id#"}`,
      );
      s.key("_id");
      await s.post("/archive/#_id#/lock", `{}`);
      await s.patch("/archive/#_id#", `{"headline": "test 2"}`);
      s.existingResource(
        `{"headline": "test 2", "state": "in_progress", "task": {"desk": "#desks._id#"}}`,
      );
    },
  );

  f.scenario("User can't fetch content without a privilege", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    await ingestFrom(s, "reuters", `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E"}]`);
    await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
    await s.post(
      "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
      `{"desk": "#desks._id#"}`,
    );
    s.code(403);
  });

  f.scenario("Use default content profiles when fetching text item", ["auth"], async (s) => {
    await s.given(
      "ingest",
      `[{"_id": "ingest1", "type": "text"}, {"_id": "ingest2", "type": "picture"}]`,
    );
    await s.given("content_types", `[{"_id": "foo"}]`);
    await s.get("/ingest/ingest1");
    s.existingResource(`{"profile": "bar"}`);
    await s.post(
      "/desks",
      `{"name": "sports", "default_content_profile": "foo", "content_profiles": {"foo": 1}}`,
    );
    s.newResource();
    await s.post("/ingest/ingest1/fetch", `{"desk": "#desks._id#"}`);
    s.newResource(`{"profile": "foo"}`);
    await s.post("/ingest/ingest2/fetch", `{"desk": "#desks._id#"}`);
    s.newResource(`{"profile": "picture"}`);
    await s.post("/desks", `{"name": "finance"}`);
    s.newResource();
    await s.post("/ingest/ingest1/fetch", `{"desk": "#desks._id#"}`);
    s.newResource(`{"profile": "bar"}`);
  }, { env: { DEFAULT_CONTENT_TYPE: "bar" } });
  f.scenario(
    "Fetch an item from reuters and ensure that dateline and source don't change on publish.",
    ["auth"],
    async (s) => {
      await s.givenEmpty("archive");
      await s.given("desks", `[{"name": "Sports", "source": "AAP"}]`);
      await s.given(
        "validators",
        `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"},
          {"_id": "publish_composite", "act": "publish", "type": "composite", "schema": {}}]`,
      );
      await ingestFrom(s, "reuters", `[{"guid": "tag_reuters.com_2014_newsml_LOVEA6M0L7U2E"}]`);
      await s.postWithTag(
        "/ingest/tag_reuters.com_2014_newsml_LOVEA6M0L7U2E/fetch",
        "fetched_item",
        `{"desk": "#desks._id#"}`,
      );
      const located = `"located" : {"city" : "Sydney", "state" : "NSW",
        "tz" : "Australia/Sydney", "country" : "Australia", "city_code" : "Sydney",
        "country_code" : "AU", "state_code" : "AU.02", "dateline" : "city", "alt_name" : ""}`;
      await s.patch(
        "/archive/#fetched_item#",
        `{"dateline": {"date": "2017-01-05T04:00:00+0000", ${located}}}`,
      );
      const dateline = `"dateline": {"date": "2017-01-05T04:00:00+0000",
        "text": "SYDNEY, Jan 5 reuters -", ${located}}`;
      s.existingResource(`{"_current_version": 2, "source": "reuters", ${dateline}}`);
      await s.postWithSuccess(
        "/products",
        `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
      );
      for (const [type, name] of [["digital", "Channel 1"], ["wire", "Channel 2"]]) {
        await s.postWithTag(
          "/subscribers",
          type!,
          `{"name":"${name}","media_type":"media", "subscriber_type": "${type}",
            "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
            "products": ["#products._id#"],
            "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email",
              "config":{"recipients":"test@test.com"}}]}`,
        );
      }
      await s.publish("#fetched_item#", "publish", "published");
      s.ok();
      s.existingResource(
        `{"_current_version": 3, "state": "published",
          "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"},
          "source": "reuters", ${dateline}}`,
      );
      await s.get("/published");
      s.existingResource(
        `{"_items" : [{"_id": "#fetched_item#", "_current_version": 3, "state": "published",
          "type": "text","source": "reuters", ${dateline}}]}`,
      );
    },
  );

  f.scenario("Fetch item with associations", ["auth"], async (s) => {
    await s.given(
      "ingest",
      `[
        {"_id": "picture", "type": "picture", "state": "ingested"},
        {"_id": "text", "type": "text", "associations": {
          "featured": {"_id": "picture", "type": "picture", "state": "ingested"}
        }}
      ]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.post("/ingest/text/fetch", `{"desk": "#desks._id#"}`);
    s.newResource();
    await s.get("archive");
    s.list(
      2,
      `{"_items": [
        {"type": "picture", "_current_version": 1, "state": "fetched"},
        {"type": "text", "_current_version": 1,
         "associations": {"featured": {"_current_version": 1, "state": "fetched"}}}
      ]}`,
    );
  });
});
