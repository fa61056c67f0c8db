/**
 * Superdesk's features/search_content_api.feature over HTTP: the newsroom's `search_capi` over
 * the content API's `items` (stored through the items service, so indexed as publishing stores
 * them), by privilege, by its parameters and by subscriber.
 */
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

/** The feature's Background: two items, the first with a picture published to `sub1` only. */
async function background(s: Scenario) {
  const common = `"_current_version": 2, "type": "text",
    "versioncreated": "2017-05-09T02:55:53.000+0000", "firstcreated": "2017-05-09T02:55:09.000+0000",
    "version": 2, "located": "Melbourne", "language": "en",
    "body_html": "<p>This is article has featuremedia</p>", "pubstatus": "usable",
    "genre": [{"name": "Article (news)", "code": "Article"}], "profile": "TextwithMedia",
    "slugline": "Slugline here"`;
  await s.given(
    "items",
    `[{"_id": "1", ${common},
       "service": [{"name": "Finance", "code": "f"}],
       "subject": [{"name": "economy, business and finance", "code": "04000000"}],
       "headline": "This is article has no media", "subscribers": ["sub1", "sub2"],
       "priority": 6, "urgency": 3, "source": "XYZ",
       "associations": {"featuremedia": {"guid": "featuremedia", "subscribers": ["sub1"]}}},
      {"_id": "2", ${common},
       "service": [{"name": "National", "code": "a"}],
       "subject": [{"name": "Sports", "code": "15000000"}],
       "headline": "foo bar", "subscribers": ["sub2"], "priority": 1, "urgency": 1,
       "source": "ABC"}]`,
  );
}

const FOO = `{"_id": "2", "headline": "foo bar"}`;
const ARTICLE = `{"_id": "1", "headline": "This is article has no media"}`;
const BOTH = `{"_items": [${FOO}, ${ARTICLE}]}`;
/** The priority and urgency searches' one item. */
const FOO_P1 = `{"_items": [{"_id": "2", "headline": "foo bar", "priority": 1}]}`;

/** `When we get "/search_capi?<query>"`, `Then we get list with <count> items` (and `text`). */
async function search(s: Scenario, query: string, count: number, text?: string) {
  await s.get(`/search_capi${query}`);
  s.list(count, text);
}

feature("search_content_api", (f) => {
  f.scenario("Control access to Content API via privilege", ["auth"], async (s) => {
    await background(s);
    await search(s, "", 2);
    await s.get("/search_capi/1");
    s.ok();
    await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
    await s.get("/search_capi");
    s.code(403);
    await s.get("/search_capi/1");
    s.code(403);
  });

  f.scenario("Search content api using parameters", ["auth"], async (s) => {
    await background(s);
    await search(s, "", 2);
    await search(s, "?q=foo", 1, `{"_items": [${FOO}]}`);
    await search(s, "?q=article", 2, BOTH);
    await search(s, "?priority=1", 1, FOO_P1);
    await search(s, "?priority=[1,6]", 2, BOTH);
    await search(s, "?urgency=1", 1, FOO_P1);
    await search(s, "?urgency=[1,3]", 2, BOTH);
    const finance = `{"_id": "1", "anpa_category": [{"name": "Finance", "qcode": "f"}]}`;
    const national = `{"_id": "2", "anpa_category": [{"name": "National", "qcode": "a"}]}`;
    await search(s, "?service=a", 1, `{"_items": [${national}]}`);
    await search(s, `?service=["a","f"]`, 2, `{"_items": [${finance}, ${national}]}`);
    const xyz = `{"_id": "1", "source": "XYZ"}`;
    await search(s, "?item_source=XYZ", 1, `{"_items": [${xyz}]}`);
    await search(
      s,
      `?item_source=["XYZ","ABC"]`,
      2,
      `{"_items": [${xyz}, {"_id": "2", "source": "ABC"}]}`,
    );
    const economy = `{"_id": "1", "subject": [{"qcode": "04000000"}]}`;
    await search(s, "?subject=04000000", 1, `{"_items": [${economy}]}`);
    await search(
      s,
      `?subject=["04000000","15000000"]`,
      2,
      `{"_items": [${economy}, {"_id": "2", "subject": [{"qcode": "15000000"}]}]}`,
    );
    await search(
      s,
      "?subject=04000000&item_source=XYZ",
      1,
      `{"_items": [{"_id": "1", "subject": [{"qcode": "04000000"}], "source": "XYZ"}]}`,
    );
    await search(
      s,
      `?filter=[{"terms":{"service.code": ["f"]}}, {"term": {"urgency": 3}}]`,
      1,
      `{"_items": [{"_id": "1", "anpa_category": [{"name": "Finance", "qcode": "f"}],
        "urgency": 3}]}`,
    );
  });

  f.scenario("Search content api by subscribers", ["auth"], async (s) => {
    await background(s);
    await search(s, "", 2);
    await search(
      s,
      "?subscribers=sub1",
      1,
      `{"_items": [{"_id": "1", "headline": "This is article has no media",
        "subscribers": ["sub1", "sub2"],
        "associations": {"featuremedia": {"_id": "featuremedia"}}}]}`,
    );
    await search(
      s,
      "?subscribers=sub2",
      2,
      `{"_items": [
        {"_id": "1", "headline": "This is article has no media",
          "subscribers": ["sub1", "sub2"], "associations": {}},
        {"_id": "2", "headline": "foo bar", "subscribers": ["sub2"], "associations": {}}]}`,
    );
    await search(s, "?subscribers=xxx", 0);
  });
});
