/**
 * Superdesk's features/content_fetch.feature over HTTP; `we fetch from "reuters" ingest` reads
 * sample files of our own (`_ingest_steps.ts`).
 */
import { feature } from "./feature.ts";
import { fetchFrom, ingestFrom } from "./_ingest_steps.ts";

const PICTURE = "tag_reuters.com_0000_newsml_GM1EA7M13RP01:484616934";
const PACKAGE = "tag_reuters.com_2014_newsml_KBN0FL0NM:10";

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

  f.needs(
    "Fetch an item and it fetches embedded items",
    "`refs` on archive items (apps/archive/usage.py) for the embedded picture",
  );

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

  f.needs(
    "Use default content profiles when fetching text item",
    "`DEFAULT_CONTENT_TYPE` (the profile an ingest item without one is read and fetched with)",
  );
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
