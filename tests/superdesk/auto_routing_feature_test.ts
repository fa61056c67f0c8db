/**
 * Superdesk's features/auto_routing.feature: ingested items routed by a routing scheme's rules
 * (content filters, schedules, `preserve_desk`, a destination's macro) to desks, and published
 * automatically. The providers read sample files of our own (`_ingest_steps.ts`).
 */
import {
  categoriesVocabulary,
  findIdAs,
  patchRoutingScheme,
  routedByRule,
  scheduleRoutingScheme,
} from "./_auto_routing_steps.ts";
import { fetchFrom } from "./_ingest_steps.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const SCHEME = "#routing_schemes._id#";

/** `@provider @vocabulary` (`@auth` is the scenario tag; the providers come on first fetch). */
async function setup(s: Scenario) {
  await categoriesVocabulary(s);
}

/** The subject condition and its content filter most scenarios give. */
async function financeFilter(s: Scenario, conditionId = "2222222222bbbb2222222222") {
  await s.given(
    "filter_conditions",
    `[{"_id": "${conditionId}", "name": "Finance Subject", "field": "subject",
       "operator": "in", "value": "04000000"}]`,
  );
  await s.given(
    "content_filters",
    `[{"_id": "1234567890abcd1234567890", "name": "Finance Content",
       "content_filter": [{"expression": {"fc": ["${conditionId}"]}}]}]`,
  );
}

/** The slugline condition and filter of the Reuters scenarios. */
async function syriaFilter(s: Scenario) {
  await s.given(
    "filter_conditions",
    `[{"_id": "1111111111aaaa1111111111", "name": "Syria in Slugline", "field": "slugline",
       "operator": "like", "value": "syria"}]`,
  );
  await s.given(
    "content_filters",
    `[{"_id": "1234567890abcd1234567890", "name": "Syria Content",
       "content_filter": [{"expression": {"fc": ["1111111111aaaa1111111111"]}}]}]`,
  );
}

async function postDesk(s: Scenario, name: string, extra = "") {
  await s.post(
    "/desks",
    `{"name": "${name}", "members": [{"user": "#CONTEXT_USER_ID#"}]${extra}}`,
  );
  s.code(201);
}

/** A scheme of one rule with content filter 1234567890abcd1234567890. */
async function postScheme(s: Scenario, rule: string, actions: string) {
  await s.post(
    "/routing_schemes",
    `[{"name": "routing rule scheme 1", "rules": [{"name": "${rule}",
       "handler": "desk_fetch_publish", "filter": "1234567890abcd1234567890",
       "actions": ${actions}}]}]`,
  );
  s.code(201);
}

/** `Given the "validators"` of the auto-publish scenarios: text auto-published without a schema. */
async function autoPublishText(s: Scenario) {
  await s.given(
    "validators",
    `[{"_id": "publish_text", "act": "auto_publish", "type": "text", "schema": {}}]`,
  );
}

/** The finance rule publishing to the incoming stage, targeted at subscriber `subscriber`. */
async function publishTargeting(s: Scenario, subscriber: string) {
  await postScheme(
    s,
    "Finance Rule 1",
    `{"fetch": [], "publish": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
                                "target_subscribers": [{"_id": "${subscriber}"}]}], "exit": true}`,
  );
}

const INCOMING = `{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}`;
const FETCH_INCOMING = `{"fetch": [${INCOMING}], "exit": false}`;
const PUBLISH_INCOMING = `{"fetch": [], "publish": [${INCOMING}], "exit": true}`;
const routing = (ingest: string) => `{"routing_scheme": "${SCHEME}", "ingest": "#${ingest}#"}`;
const FINANCE = routing("AAP.AFP.121974877.6504909");

const TARGETED_SUBSCRIBERS = `[
  {"_id": "sub-1", "name": "Channel 1", "is_active": true, "media_type": "media",
   "subscriber_type": "digital", "sequence_num_settings": {"min": 1, "max": 10},
   "email": "test@test.com", "codes": "Aaa",
   "destinations": [{"name": "Test", "format": "nitf", "delivery_type": "email",
                     "config": {"recipients": "test@test.com"}}]},
  {"_id": "sub-2", "name": "Wire channel with geo restriction Victoria", "is_active": true,
   "media_type": "media", "subscriber_type": "wire", "sequence_num_settings": {"min": 1, "max": 10},
   "email": "test@test.com",
   "destinations": [{"name": "Test", "format": "nitf", "delivery_type": "email",
                     "config": {"recipients": "test@test.com"}}]},
  {"_id": "sub-3", "name": "Wire channel without geo restriction", "is_active": true,
   "media_type": "media", "subscriber_type": "wire", "sequence_num_settings": {"min": 1, "max": 10},
   "email": "test@test.com",
   "destinations": [{"name": "Test", "format": "nitf", "delivery_type": "email",
                     "config": {"recipients": "test@test.com"}}]}]`;

feature("auto_routing", (f) => {
  f.scenario("Content is fetched based on subject metadata", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await s.given(
      "filter_conditions",
      `[{"_id": "1111111111aaaa1111111111", "name": "Finance Content", "field": "subject",
         "operator": "in", "value": "04000000"},
        {"_id": "2222222222bbbb2222222222", "name": "Sports Content", "field": "subject",
         "operator": "in", "value": "15000000"}]`,
    );
    await s.given(
      "content_filters",
      `[{"_id": "0987654321dcba0987654321", "name": "Finance Content",
         "content_filter": [{"expression": {"fc": ["1111111111aaaa1111111111"]}}]},
        {"_id": "1234567890abcd1234567890", "name": "Sports Content",
         "content_filter": [{"expression": {"fc": ["2222222222bbbb2222222222"]}}]}]`,
    );
    await postDesk(s, "Sports Desk");
    await postScheme(s, "Sports Rule", FETCH_INCOMING);
    await postDesk(s, "Finance Desk");
    await patchRoutingScheme(
      s,
      `/routing_schemes/${SCHEME}`,
      `{"name": "Finance Rule", "filter": "0987654321dcba0987654321",
        "actions": {"fetch": [${INCOMING}], "exit": false}}`,
    );
    s.code(200);
    await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
    await routedByRule(s, "Finance Rule", FINANCE);
    await routedByRule(s, "Sports Rule", FINANCE, { routed: false });
    await fetchFrom(s, "AAP", "aap-sports.xml", { scheme: SCHEME });
    const sports = routing("AAP.AAP.123253116.6697929");
    await routedByRule(s, "Sports Rule", sports);
    await s.get("/archive_history");
    s.list(
      2,
      `{"_items": [
        {"version": 1, "operation": "fetch", "user_id": "__none__"},
        {"version": 1, "operation": "fetch", "user_id": "__none__"}
      ]}`,
    );
    await routedByRule(s, "Finance Rule", sports, { routed: false });
  });

  f.scenario("Package is routed automatically", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await syriaFilter(s);
    await postDesk(s, "World Desk");
    await postScheme(s, "Syria Rule", FETCH_INCOMING);
    await fetchFrom(s, "reuters", "tag_reuters.com_2014_newsml_KBN0FL0NM:10", {
      scheme: SCHEME,
    });
    await routedByRule(
      s,
      "Syria Rule",
      routing("reuters.tag_reuters.com_2014_newsml_KBN0FL0NM:10"),
    );
    // Its story matches the rule too, but goes with the package only (not routed on its own).
    await s.get(`/archive?where={"slugline": "SYRIA-CRISIS/"}`);
    s.list(2);
  });

  f.scenario("Content is fetched and published to different stages 1", ["auth"], async (s) => {
    await setup(s);
    await s.given(
      "validators",
      `[{"_id": "publish_text", "act": "publish", "type": "text", "schema": {}}]`,
    );
    await s.givenEmpty("desks");
    await financeFilter(s);
    await postDesk(s, "Finance Desk");
    await postScheme(s, "Finance Rule 1", FETCH_INCOMING);
    await s.post(
      "/stages",
      `[{"name": "Published", "description": "Published Content", "task_status": "in_progress",
         "desk": "#desks._id#"}]`,
    );
    s.key("_id");
    await s.post(
      "/stages",
      `[{"name": "Un Publsihed", "description": "Published Content",
         "task_status": "in_progress", "desk": "#desks._id#"}]`,
    );
    s.ok();
    await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
    await routedByRule(s, "Finance Rule 1", FINANCE);
    await routedByRule(s, "Finance Rule 2", FINANCE);
    await fetchFrom(s, "AAP", "aap-finance1.xml", { scheme: SCHEME });
    await routedByRule(s, "Finance Rule 2", routing("AAP.AAP.0.6703189"));
    await routedByRule(s, "Finance Rule 1", routing("AAP.AAP.0.6703189"));
  });

  f.scenario("Content is fetched and published to different stages 2", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await financeFilter(s);
    await postDesk(s, "Finance Desk");
    await postScheme(s, "Finance Rule 1", FETCH_INCOMING);
    await s.post(
      "/stages",
      `[{"name": "Published", "description": "Published Content", "task_status": "in_progress",
         "desk": "#desks._id#"}]`,
    );
    await patchRoutingScheme(
      s,
      `/routing_schemes/${SCHEME}`,
      `{"name": "Finance Rule 2", "filter": "1234567890abcd1234567890",
        "actions": {"fetch": [{"desk": "#desks._id#", "stage": "#stages._id#"}], "exit": false}}`,
    );
    s.code(200);
    await scheduleRoutingScheme(s, SCHEME);
    await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
    await routedByRule(s, "Finance Rule 1", FINANCE, { routed: false });
    await routedByRule(s, "Finance Rule 2", FINANCE);
  });

  f.scenario("Content is fetched to desk in the ingested item", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await financeFilter(s);
    await postDesk(s, "Finance Desk");
    await postScheme(
      s,
      "Finance Rule 1",
      `{"fetch": [${INCOMING}], "preserve_desk": true, "exit": false}`,
    );
    await fetchFrom(s, "AAP", "aap-finance.xml", {
      scheme: SCHEME,
      desk: "#desks._id#",
      stage: "#desks.incoming_stage#",
    });
    await s.get("/archive?q=#desks._id#");
    s.list(1, `{"_items": [{"headline": "ASIA:Samsung sells defence, petrochemical units"}]}`);
  });

  f.scenario(
    "Content is fetched to desk and stage contained in the ingested item",
    ["auth"],
    async (s) => {
      await setup(s);
      await s.givenEmpty("desks");
      await financeFilter(s);
      await postDesk(s, "Finance Desk");
      await s.post(
        "/stages",
        `{"name": "None default stage", "description": "A stage that is not default incomming",
          "desk": "#desks._id#"}`,
      );
      s.ok();
      await postScheme(s, "Finance Rule 1", `{"preserve_desk": true, "exit": false}`);
      await fetchFrom(s, "AAP", "aap-cyber.xml", { scheme: SCHEME });
      await s.get("/archive?q=#desks._id#");
      s.list(1, `{"_items": [{"headline": "Headline", "task": {"stage": "#stages._id#"}}]}`);
    },
  );

  f.scenario("Content is fetched and transformed different stages", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await financeFilter(s, "3333333333cccc3333333333");
    await postDesk(s, "Politics");
    // `we create a new macro "behave_macro.py"`: the app below registers its `update_fields`.
    await postScheme(
      s,
      "Politics Rule 1",
      `{"fetch": [{"desk": "#desks._id#", "stage": "#desks.incoming_stage#",
                   "macro": "update_fields"}], "exit": false}`,
    );
    await s.post(
      "/stages",
      `[{"name": "Published", "description": "Published Content", "task_status": "in_progress",
         "desk": "#desks._id#"}]`,
    );
    await patchRoutingScheme(
      s,
      `/routing_schemes/${SCHEME}`,
      `{"name": "Politics Rule 2", "filter": "1234567890abcd1234567890",
        "actions": {"fetch": [{"desk": "#desks._id#", "stage": "#stages._id#",
                               "macro": "update_fields"}], "exit": false}}`,
    );
    s.code(200);
    await scheduleRoutingScheme(s, SCHEME);
    await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
    await routedByRule(s, "Politics Rule 1", FINANCE, { routed: false });
    await routedByRule(s, "Politics Rule 2", FINANCE, { transformed: true });
  }, { env: { INSTALLED_APPS: "tests/apps/fixtures/behave_macro_app.ts" } });

  f.scenario(
    "a versioned item with the same version ingested twice gets routed once",
    ["auth"],
    async (s) => {
      await setup(s);
      await s.givenEmpty("desks");
      await syriaFilter(s);
      await postDesk(s, "World Desk");
      await postScheme(s, "Syria Rule", FETCH_INCOMING);
      const guid = "tag_reuters.com_2014_newsml_KBN0FL0NN:5";
      await fetchFrom(s, "reuters", guid, { scheme: SCHEME });
      await fetchFrom(s, "reuters", guid, { scheme: SCHEME });
      await routedByRule(s, "Syria Rule", routing(`reuters.${guid}`));
      await s.get("/archive");
      s.list(1);
    },
  );

  f.scenario("Content is ingested and auto published", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await autoPublishText(s);
    await financeFilter(s);
    await postDesk(s, "Finance Desk");
    await postScheme(s, "Finance Rule 1", PUBLISH_INCOMING);
    await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
    await s.get("/published");
    s.list(
      1,
      `{"_items": [{"headline": "ASIA:Samsung sells defence, petrochemical units",
                    "type": "text"}]}`,
    );
  });

  f.scenario("Content is ingested and auto published with default values", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await autoPublishText(s);
    await financeFilter(s);
    await postDesk(s, "Finance Desk");
    await postScheme(s, "Finance Rule 1", PUBLISH_INCOMING);
    await fetchFrom(s, "AAP", "aap-finance-lite.xml", { scheme: SCHEME });
    await s.get("/published");
    s.list(
      1,
      `{"_items": [{"headline": " ", "body_html": "<p></p>", "type": "text",
                    "anpa_category": [{"name": "Australian General News", "qcode": "a"}]}]}`,
    );
  });

  f.scenario(
    "Content is ingested and auto published to targeted subscribers",
    ["auth"],
    async (s) => {
      await setup(s);
      await s.givenEmpty("desks");
      await autoPublishText(s);
      await financeFilter(s);
      await s.given("subscribers", TARGETED_SUBSCRIBERS);
      await postDesk(s, "Finance Desk");
      await publishTargeting(s, "sub-2");
      await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
      await s.get("/published");
      s.list(
        1,
        `{"_items": [{"headline": "ASIA:Samsung sells defence, petrochemical units",
                      "type": "text", "auto_publish": true}]}`,
      );
      await s.enqueuePublished();
      await s.get("/publish_queue");
      s.list(1, `{"_items": [{"subscriber_id": "sub-2"}]}`);
    },
  );

  f.scenario(
    "Content is ingested and auto published not using content profile",
    ["auth"],
    async (s) => {
      await setup(s);
      await s.givenEmpty("desks");
      await autoPublishText(s);
      await financeFilter(s);
      await s.post(
        "content_types",
        `[{"_id": "foo", "schema": {
            "body_html": {"required": true, "type": "string"},
            "headline": {"required": true, "maxlength": 30, "type": "string"},
            "body_footer": {"type": "string", "default": "test", "maxlength": null},
            "slugline": {"required": true, "maxlength": 24, "type": "string"}}}]`,
      );
      s.code(201);
      await postDesk(s, "Finance Desk", `, "default_content_profile": "#content_types._id#"`);
      await postScheme(s, "Finance Rule 1", PUBLISH_INCOMING);
      await fetchFrom(s, "AAP", "aap-finance.xml", { scheme: SCHEME });
      await s.get("/published");
      s.list(
        1,
        `{"_items": [{"headline": "ASIA:Samsung sells defence, petrochemical units",
                      "type": "text", "profile": "#content_types._id#"}]}`,
      );
      await findIdAs(s, "published", "published_doc", `where={"type": "text"}`);
      s.ok();
      await s.post(
        "/archive/#published_doc#/duplicate",
        `{"desk": "#desks._id#", "type": "archive"}`,
      );
      s.ok();
      await s.publish("#duplicate._id#", "publish", "published");
      s.code(
        400,
        `{"_issues": {"validator exception": "[['HEADLINE is too long']]"}, "_status": "ERR"}`,
      );
    },
    { env: { AUTO_PUBLISH_CONTENT_PROFILE: "false" } },
  );

  f.scenario("Content is fetched and published using desk profile", ["auth"], async (s) => {
    await setup(s);
    await s.given(
      "validators",
      `[{"_id": "auto_publish_text", "act": "auto_publish", "type": "text",
         "schema": {"headline": {"type": "string", "required": true, "nullable": false,
                                 "empty": false, "minlength": 10, "maxlength": 42}}}]`,
    );
    await s.given(
      "content_types",
      `[{"_id": "story", "schema": {"headline": {}, "body_html": {}}}]`,
    );
    await postDesk(s, "Finance Desk", `, "default_content_profile": "story"`);
    await s.post(
      "/routing_schemes",
      `[{"name": "publish", "rules": [{"name": "publish", "handler": "desk_fetch_publish",
         "actions": {"publish": [${INCOMING}], "exit": false}}]}]`,
    );
    s.code(201);
    await fetchFrom(s, "AAP", "aap-finance-lite.xml", { scheme: SCHEME });
    await s.get("/published");
    s.list(1, `{"_items": [{"profile": "story"}]}`);
  }, { env: { AUTO_PUBLISH_CONTENT_PROFILE: "true" } });

  f.scenario("Content is ingested and auto published (STT)", ["auth"], async (s) => {
    await setup(s);
    await s.givenEmpty("desks");
    await autoPublishText(s);
    await s.given(
      "filter_conditions",
      `[{"_id": "123", "name": "Headline Test", "field": "headline", "operator": "like",
         "value": "Mikko"}]`,
    );
    await s.given(
      "content_filters",
      `[{"_id": "1234567890abcd1234567890", "name": "Headline Content",
         "content_filter": [{"expression": {"fc": ["123"]}}]}]`,
    );
    await s.given(
      "subscribers",
      `[{"_id": "sub-1", "name": "Channel 1", "is_active": true, "media_type": "media",
         "subscriber_type": "digital", "sequence_num_settings": {"min": 1, "max": 10},
         "email": "test@test.com", "codes": "Aaa",
         "destinations": [{"name": "Test", "format": "newsroom ninjs", "delivery_type": "email",
                           "config": {"recipients": "test@test.com"}}]}]`,
    );
    await postDesk(s, "Finance Desk");
    await publishTargeting(s, "sub-1");
    await fetchFrom(s, "STT", "stt1.xml", { scheme: SCHEME });
    await s.get("/published");
    s.list(
      1,
      `{"_items": [{"headline": "Mikko Moilanen siirtyy Revenion toimitusjohtajaksi",
                    "type": "text", "auto_publish": true,
                    "ingest_id": "urn:newsml:stt.fi::102736761", "ingest_version": "2"}]}`,
    );
    await s.enqueuePublished();
    await s.get("/publish_queue");
    s.list(1, `{"_items": [{"subscriber_id": "sub-1"}]}`);
  }, { env: { AUTO_PUBLISH_CONTENT_PROFILE: "false" } });
});
