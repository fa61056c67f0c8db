/**
 * Superdesk's features/content_spike.feature over HTTP; a translation runs the built-in
 * `usd_to_cad` macro at Superdesk's test rate of 2 (`USD_TO_CAD_RATE`), as in content_translate.
 */
import { ingestFrom } from "./_ingest_steps.ts";
import { feature } from "./feature.ts";

const SPORTS_60 = `[{"name": "Sports Desk", "content_expiry": 60}]`;
const ON_SPORTS =
  `[{"_id": "item-1", "guid": "item-1", "_current_version": 1, "headline": "test", "task":{"desk":"#desks._id#", "stage" :"#desks.incoming_stage#"}}]`;

/** The groups of the package scenarios' package-1: item-1 in its main group. */
const PACKAGE_1_GROUPS = `[
  {"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
  {"id": "main", "role": "grpRole:Main", "refs": [
    {"headline": "test package with text", "residRef": "item-1", "slugline": "awesome article"}]}
]`;
const PACKAGE_1 = `{"groups": ${PACKAGE_1_GROUPS}, "_id": "package-1", "guid": "package-1",
  "type": "composite", "task": {"user": "#user._id#", "desk": "#desks._id#"}}`;

feature("content_spike", (f) => {
  f.scenario(
    "Spike a user content and validate metadata set by API",
    ["auth", "notification"],
    async (s) => {
      await s.given(
        "archive",
        `[{"_id": "item-1", "guid": "item-1", "headline": "test",
          "_current_version": 1, "state": "draft", "event_id": "abc123"}]`,
      );
      await s.get("/archive/item-1");
      // `we get latest` refetches and checks the 200 only (its text, a sign-off "abc" the
      // fixture has not, is not compared: steps.py's step ignores it).
      await s.latest();
      await s.spike("item-1");
      s.ok();
      await s.spikedContent("item-1");
      await s.notifications(
        `[{"event": "item:spike", "extra": {"item": "item-1", "user": "#CONTEXT_USER_ID#"}}]`,
      );
      s.version(2);
      s.expiryWithin();
      await s.get("/archive/item-1");
      s.existingResource(`{"_id": "item-1", "state": "spiked", "sign_off": "abc"}`);
      s.fieldValueNot("event_id", "abc123");
    },
  );

  f.scenario("Spike a desk content", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.givenEmpty("archive");
    await s.givenEmpty("stages");
    await s.given("desks", SPORTS_60);
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "_current_version": 1, "headline": "test", "versioncreated": "2021-12-25T10:00:00+0000", "task":{"desk":"#desks._id#", "stage" :"#desks.incoming_stage#"}}]`,
    );
    await s.spike("item-1");
    s.ok();
    await s.spikedContent("item-1");
    s.version(2);
    s.expiryWithin(60);
    await s.get("/archive/item-1");
    s.existingResource(
      `{"_id": "item-1", "state": "spiked", "sign_off": "abc", "versioncreated": "__now__"}`,
    );
  });

  f.scenario("Spike fetched content", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports Desk"}]`);
    await ingestFrom(s, "reuters", `[{"guid": "tag:reuters.com,2014:newsml_LOVEA6M0L7U2E"}]`);
    await s.post(
      "/ingest/tag:reuters.com,2014:newsml_LOVEA6M0L7U2E/fetch",
      `{"desk": "#desks._id#"}`,
    );
    s.key("_id");
    await s.spike("#_id#");
    s.ok();
  });

  f.scenario("Unspike a content", ["auth", "notification"], async (s) => {
    await s.givenEmpty("archive");
    await s.haveUserType("administrator");
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "_current_version": 1, "headline": "test", "state": "draft"}]`,
    );
    await s.spike("item-1");
    await s.unspike("item-1");
    await s.unspikedContent("item-1");
    await s.notifications(
      `[{"event": "item:unspike", "extra": {"item": "item-1", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    s.version(3);
    s.expiryWithin();
  });

  f.scenario("Unspike a desk content", ["auth"], async (s) => {
    await s.givenEmpty("desks");
    await s.givenEmpty("archive");
    await s.givenEmpty("stages");
    await s.given("desks", SPORTS_60);
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "_current_version": 1, "headline": "test", "task":{"desk":"#desks._id#", "stage" :"#desks.incoming_stage#"}, "versioncreated": "2021-12-25T10:00:00+0000"}]`,
    );
    await s.spike("item-1");
    await s.unspike("item-1");
    await s.unspikedContent(
      "item-1",
      `{"_id": "item-1", "guid": "item-1", "headline": "test", "versioncreated": "__now__"}`,
    );
    s.version(3);
    s.expiryWithin(60);
  });

  f.scenario("Unspike a desk content to different desk", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports"}]`);
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "_current_version": 1, "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}]`,
    );
    await s.spike("item-1");
    await s.post("desks", `[{"name": "finance"}]`);
    await s.unspike(
      "item-1",
      `{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
    await s.unspikedContent(
      "item-1",
      `{"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
    );
  });

  f.scenario("Sign Off changes when content is spiked or unspiked", ["auth"], async (s) => {
    await s.given("desks", SPORTS_60);
    await s.postWithSuccess(
      "/archive",
      `[{"guid": "item-1", "headline": "test", "task":{"desk":"#desks._id#", "stage" :"#desks.incoming_stage#"}}]`,
    );
    s.newResource(`{"sign_off": "abc"}`);
    await s.switchUser();
    await s.spike("#archive._id#");
    s.ok();
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"sign_off": "abc/foo"}`);
    await s.loginAs("bar", "foobar", `{"sign_off": "bar"}`);
    await s.unspike("#archive._id#");
    s.ok();
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"sign_off": "abc/foo/bar"}`);
  });

  f.scenario("Spike a non-empty package", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "test desk"}]`);
    await s.given(
      "archive",
      `[{"headline": "test", "_id": "item-1", "guid": "item-1", "slugline": "WORMS", "linked_in_packages": [{"package": "package-1"}]}]`,
    );
    await s.postWithSuccess("/archive", PACKAGE_1);
    await s.spike("package-1");
    s.ok();
    await s.get("/archive/package-1");
    s.existingResource(
      `{"deleted_groups": ${PACKAGE_1_GROUPS}, "groups": [], "_id": "package-1",
        "guid": "package-1", "type": "composite"}`,
    );
    await s.get("/archive/item-1");
    s.existingResource(`{"linked_in_packages": []}`);
    await s.spike("item-1");
    s.ok();
  });

  f.scenario("Unspike a non-empty package", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "test desk"}]`);
    await s.given(
      "archive",
      `[{"headline": "test", "_id": "item-1", "guid": "item-1", "slugline": "WORMS", "linked_in_packages": []}]`,
    );
    await s.postWithSuccess("/archive", PACKAGE_1);
    await s.spike("package-1");
    s.ok();
    await s.unspike("package-1");
    s.ok();
    await s.get("/archive/package-1");
    s.existingResource(
      `{"groups": ${PACKAGE_1_GROUPS}, "deleted_groups": [], "_id": "package-1",
        "guid": "package-1", "type": "composite"}`,
    );
    await s.get("/archive/item-1");
    s.existingResource(`{"linked_in_packages": [{"package": "package-1"}]}`);
  });

  f.scenario(
    "Spike a desk content with configured spike expiry",
    ["auth"],
    async (s) => {
      await s.givenEmpty("desks");
      await s.givenEmpty("archive");
      await s.givenEmpty("stages");
      await s.given("desks", SPORTS_60);
      await s.given("archive", ON_SPORTS);
      // `Then we set spike exipry "70"` is the app's SPIKE_EXPIRY_MINUTES (see the options).
      await s.spike("item-1");
      s.ok();
      await s.spikedContent("item-1");
      s.version(2);
      s.expiryWithin(70);
      await s.get("/archive/item-1");
      s.existingResource(`{"_id": "item-1", "state": "spiked", "sign_off": "abc"}`);
    },
    { env: { SPIKE_EXPIRY_MINUTES: "70" } },
  );

  f.scenario("Spike locked item", ["auth", "notification"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "item-1", "guid": "item-1", "headline": "test", "_current_version": 1, "state": "draft", "event_id": "abc123"}]`,
    );
    await s.post("/archive/item-1/lock", `{"lock_action": "edit"}`);
    await s.spike("item-1");
    s.ok();
    await s.notifications(
      `[{"event": "item:unlock", "extra": {"item": "item-1", "user": "#CONTEXT_USER_ID#"}}]`,
    );
    await s.get("/archive/item-1");
    s.existingResource(
      `{"_id": "item-1", "state": "spiked", "sign_off": "abc", "lock_user": null}`,
    );
  });

  f.scenario("Spike translated item", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "abc", "state": "draft",  "language": "en-CA", "body_html": "$10"}]`,
    );
    await s.given("desks", `[{"name": "Sports"}]`);
    await s.post("/archive/translate", `{"guid": "123", "language": "en-AU"}`);
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"translation_id": "123", "translations": ["#translate._id#"]}`);
    await s.get("/archive/#translate._id#");
    s.existingResource(
      `{"type":"text", "headline": "test1", "state": "draft", "sign_off": "abc", "language": "en-AU", "body_html": "$10 (CAD 20)", "translated_from": "123", "translation_id": "123"}`,
    );
    await s.spike("#translate._id#");
    s.ok();
    await s.get("/archive/#translate._id#");
    s.existingResource(
      `{"type":"text", "headline": "test1", "state": "spiked", "sign_off": "abc", "language": "en-AU", "body_html": "$10 (CAD 20)", "translated_from": "__none__", "translation_id": "__none__"}`,
    );
    await s.get("/archive/#archive._id#");
    s.existingResource(`{"translation_id": "__none__", "translations": []}`);
  }, { env: { USD_TO_CAD_RATE: "2" } });

  f.scenario(
    "Spike translated item which is translated from a published item",
    ["auth"],
    async (s) => {
      await s.given(
        "validators",
        `[{"_id": "publish_text", "act": "publish", "type": "text", "schema":{}},
          {"_id": "kill_text", "act": "kill", "type": "text", "schema":{}}]`,
      );
      await s.given("desks", `[{"name": "Sports"}]`);
      await s.given(
        "archive",
        `[{"type":"text", "headline": "test1", "guid": "123", "original_creator": "#CONTEXT_USER_ID#",
           "state": "submitted", "source": "REUTERS", "subject":[{"qcode": "17004000", "name": "Statistics"}],
           "body_html": "Test Document body",
           "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}}]`,
      );
      await s.patch("/archive/123", `{"publish_schedule":"#DATE+1#"}`);
      await s.postWithSuccess(
        "/products",
        `{"name":"prod-1","codes":"abc,xyz", "product_type": "both"}`,
      );
      await s.postWithSuccess(
        "/subscribers",
        `{"name":"Channel 3","media_type":"media", "subscriber_type": "wire", "sequence_num_settings":{"min" : 1, "max" : 10}, "email": "test@test.com",
          "products": ["#products._id#"],
          "destinations":[{"name":"Test","format": "nitf", "delivery_type":"email","config":{"recipients":"test@test.com"}}]}`,
      );
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await s.post("/archive/translate", `{"guid": "123", "language": "de"}`);
      await s.get("/archive/#translate._id#");
      s.existingResource(
        `{"type":"text", "headline": "test1", "state": "submitted", "sign_off": "abc", "language": "de", "source": "AAP",
          "subject":[{"qcode": "17004000", "name": "Statistics"}], "body_html": "Test Document body"}`,
      );
      await s.get("/published");
      s.list(1, `{"_items": [{"translation_id": "123", "translations": ["#translate._id#"]}]}`);
      await s.spike("#translate._id#");
      s.ok();
      await s.get("/archive/#translate._id#");
      s.existingResource(
        `{"state": "spiked", "translation_id": "__none__", "firstcreated": "__now__"}`,
      );
      await s.get("/published");
      s.list(1, `{"_items": [{"translation_id": "__none__", "translations": []}]}`);
    },
  );
});
