/** Superdesk's features/content_filter_tests.feature over HTTP (`POST /content_filters/test`). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

/**
 * `Given empty "archive"`, the item posted, `Given empty "filter_conditions"`, the urgency
 * condition with `value` posted with success, `Then we get latest`, `Given empty
 * "content_filters"`. (Superdesk's `@vocabulary` tag loads vocabularies no step here reads.)
 */
async function itemAndCondition(s: Scenario, item: string, value: string, field = "urgency") {
  await s.givenEmpty("archive");
  await s.post("/archive", `[${item}]`);
  s.ok();
  await s.givenEmpty("filter_conditions");
  await s.postWithSuccess(
    "/filter_conditions",
    `[{"name": "${value.startsWith("T") || value.startsWith("F") ? "test" : "sport"}",
       "field": "${field}", "operator": "${field === "urgency" ? "in" : "exists"}",
       "value": "${value}"}]`,
  );
  await s.latest();
  await s.givenEmpty("content_filters");
}

/** The soccer-only filter over the condition, posted with success. */
async function soccerOnly(s: Scenario) {
  await s.postWithSuccess(
    "/content_filters",
    `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "soccer-only"}]`,
  );
}

/** The in-memory filter over the condition. */
const IN_MEMORY = `{"content_filter": [{"expression" : {"fc" : ["#filter_conditions._id#"]}}]}`;

/** `When we post to "/content_filters/test"` then `we get existing resource` with `match`. */
async function tested(s: Scenario, test: string, match: string) {
  await s.post("/content_filters/test", test);
  s.existingResource(`{"match_results": ${match}}`);
}

/** The feature's featuremedia scenarios: the item, the `exists` condition, the test. */
async function featureMedia(s: Scenario, item: string, value: string, match: string) {
  await itemAndCondition(s, item, value, "featuremedia");
  await tested(s, `[{"filter": ${IN_MEMORY}, "article_id": "#archive._id#"}]`, match);
}

/** The named in-memory test of the archive item of the custom vocabulary scenarios. */
const NAMED_TEST = `{
  "article_id": "#archive._id#",
  "filter": {"name": "test", "content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}]}
}`;

feature("content_filter_tests", (f) => {
  f.scenario("Test existing content filter to get matching articles", ["auth"], async (s) => {
    await itemAndCondition(s, `{"urgency": 1}`, "1,2,3");
    await soccerOnly(s);
    await tested(
      s,
      `[{"return_matching": true, "filter_id": "#content_filters._id#"}]`,
      `[{"urgency": 1}]`,
    );
  });

  f.scenario("Test in-memory content filter to get matching articles", ["auth"], async (s) => {
    await itemAndCondition(s, `{"urgency": 1}`, "1,2,3");
    await tested(s, `[{"return_matching": true, "filter": ${IN_MEMORY}}]`, `[{"urgency": 1}]`);
  });

  f.scenario("Test content filter to get non-matching articles", ["auth"], async (s) => {
    await itemAndCondition(s, `{"urgency": 1}`, "2,3");
    await soccerOnly(s);
    await tested(
      s,
      `[{"return_matching": false, "filter_id": "#content_filters._id#"}]`,
      `[{"urgency": 1}]`,
    );
  });

  f.scenario("Test in-memory content filter to get non-matching articles", ["auth"], async (s) => {
    await itemAndCondition(s, `{"urgency": 5}`, "1,2,3");
    await tested(s, `[{"return_matching": false, "filter": ${IN_MEMORY}}]`, `[{"urgency": 5}]`);
  });

  f.scenario("Test a single article", ["auth"], async (s) => {
    await itemAndCondition(s, `{"urgency": 1}`, "1,2,3");
    await soccerOnly(s);
    await tested(
      s,
      `[{"filter_id": "#content_filters._id#", "article_id":"#archive._id#"}]`,
      "true",
    );
  });

  f.scenario("Test in-memory content filter to single article", ["auth"], async (s) => {
    await itemAndCondition(s, `{"urgency": 5}`, "1,2,3");
    await tested(s, `[{"filter": ${IN_MEMORY}, "article_id": "#archive._id#"}]`, "false");
  });

  f.scenario("Test single article from ingest", ["auth"], async (s) => {
    // Our ids are strings (DESIGN.md, the document store): Superdesk's fixture has the number 1.
    await s.given("ingest", `[{"guid": "1", "_id": "1", "urgency": 1}]`);
    await s.givenEmpty("filter_conditions");
    await s.postWithSuccess(
      "/filter_conditions",
      `[{"name": "sport", "field": "urgency", "operator": "in", "value": "1,2,3"}]`,
    );
    await s.latest();
    await s.givenEmpty("content_filters");
    await soccerOnly(s);
    await tested(s, `[{"filter_id": "#content_filters._id#", "article_id":"1"}]`, "true");
  });

  f.scenario("Test filtering with custom cv", ["auth"], async (s) => {
    await s.postWithSuccess(
      "archive",
      `{"guid": "foo", "headline": "foo", "subject": [], "type": "text", "version": 1}`,
    );
    await s.postWithSuccess(
      "vocabularies",
      `{"_id": "categories", "items": [{"name": "National", "qcode": "a", "is_active": true}], "type": "manageable", "display_name": "Cat"}`,
    );
    await s.postWithSuccess(
      "/filter_conditions",
      `{"name": "cat", "field": "categories", "operator": "in", "value": "a"}`,
    );
    await tested(s, NAMED_TEST, "false");
    await s.patch(
      "/archive/#archive._id#",
      `{"subject": [{"name": "national", "qcode": "a", "scheme": "categories"}]}`,
    );
    await tested(s, NAMED_TEST, "true");
  });

  f.scenario("Test in-memory content filter using exists", ["auth"], async (s) => {
    await featureMedia(s, `{"associations": {"featuremedia": {"_id": "12345"}}}`, "True", "true");
  });

  f.scenario("Test in-memory content filter using exists false", ["auth"], async (s) => {
    await featureMedia(s, `{"associations": {"featuremedia": {"_id": "12345"}}}`, "False", "false");
  });

  f.scenario("Test in-memory content filter does not exists", ["auth"], async (s) => {
    await featureMedia(s, `{"associations": {}}`, "True", "false");
  });

  f.scenario("Test language content filter", ["auth"], async (s) => {
    await s.given(
      "vocabularies",
      `[{
        "_id": "languages", "display_name": "Languages", "type": "manageable",
        "unique_field": "qcode", "service": { "all": 1 },
        "items": [
          {"name": "Nederlands", "qcode": "nl", "is_active": true },
          {"name": "Français", "qcode": "fr", "is_active": true },
          {"name": "English", "qcode": "en", "is_active": true },
          {"name": "Deutsch", "qcode": "de", "is_active": true },
          {"name": "Español", "qcode": "es", "is_active": true }
        ]
      }]`,
    );
    await s.given("archive", `[{"guid": "foo", "language": "de", "type": "picture"}]`);
    await s.given(
      "filter_conditions",
      `[{"name": "language in en", "field": "languages", "operator": "in", "value": "en"}]`,
    );
    await s.given(
      "content_filters",
      `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#"]}}], "name": "soccer-only"}]`,
    );
    await tested(s, `[${NAMED_TEST}]`, "false");
    await s.patch("/archive/#archive._id#", `{"language": "en"}`);
    await tested(s, `[${NAMED_TEST}]`, "true");
  });
});
