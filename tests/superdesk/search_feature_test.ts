/** Superdesk's features/search.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const SPORTS_DESK = `[{"name": "Sports Desk", "content_expiry": 60}]`;
/** A `/search` source in the client's legacy syntax: `query_string` over everything. */
const queryString = (query: string) =>
  `{"query": {"filtered": {"query": {"query_string": {"query": "${query}", "lenient": true, "default_operator": "AND"}}}}}`;
const ARCHIVED_123 =
  `[{"item_id": "123", "guid": "123", "type": "text", "headline": "test", "slugline": "slugline",
  "genre": [{"name": "Broadcast Script", "qcode": "Broadcast Script"}], "headline": "headline",
  "anpa_category" : [{"qcode" : "e", "name" : "Entertainment"}], "state": "published",
  "subject":[{"qcode": "17004000", "name": "Statistics"}],
  "body_html": "Test Document body", "_current_version": 2}]`;
/** Why the invisible-stage scenarios do not hold for us. */
const ADMIN_OPENS_ANY =
  "administrators open any item by id (README, Newsroom: Who sees what), so the administrator " +
  "foo reads an item on a stage hidden from them (200) where Superdesk answers 403";
const HIGHLIGHTED = (text: string) => `<span class=\\"es-highlight\\">${text}</span>`;

/** `we get "<field>" does not exist` / `does exist`, on every listed item. */
function fieldExists(s: Scenario, field: string, exists: boolean): void {
  for (const item of s.response.body._items) {
    assert.equal(field in item, exists, `"${field}" ${exists ? "missing" : "present"}`);
  }
}

feature("search", (f) => {
  f.scenario("Can search ingest", ["auth"], async (s) => {
    await s.given("ingest", `[{"guid": "1"}]`);
    await s.get("/search");
    s.list(1);
  });

  f.scenario("Can search archive", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    await s.given(
      "archive",
      `[{"guid": "1", "task": {"desk": "#desks._id#"}, "state": "in_progress"}]`,
    );
    await s.get("/search");
    s.list(1);
  });

  f.scenario("Can not search private content", ["auth"], async (s) => {
    await s.given("archive", `[{"guid": "1"}]`);
    await s.get("/search");
    s.list(0);
  });

  // `we set elastic limit` / `we reset elastic limit` change MAX_SEARCH_DEPTH, which we read at
  // start: each phase runs on a fresh app, so the second gives the items again.
  const nineItems = async (s: Scenario) => {
    await s.given("desks", SPORTS_DESK);
    const items = Array.from(
      { length: 9 },
      (_, i) => `{"guid": "${i + 1}", "task": {"desk": "#desks._id#"}, "state": "in_progress"}`,
    );
    await s.given("archive", `[${items.join(",")}]`);
  };
  f.phased("Can limit search to 1 result per shard", ["auth"], [
    {
      env: { MAX_SEARCH_DEPTH: "1" },
      fn: async (s) => {
        await nineItems(s);
        await s.get("/search");
        s.list("<6");
      },
    },
    {
      fn: async (s) => {
        await nineItems(s);
        await s.get("/search");
        s.list(9);
      },
    },
  ]);

  f.wrong("Search Invisible stages without desk membership", ADMIN_OPENS_ANY);
  f.wrong(
    "Search archived items in Invisible stages",
    `${ADMIN_OPENS_ANY}; archived copies have no visibility rules (Superdesk hides those on ` +
      "stages invisible to the user)",
  );
  f.wrong(
    "Search Invisible stages with desk membership",
    `${ADMIN_OPENS_ANY}; and our task.user must be a user id (Superdesk's is any string, so ` +
      "its unresolved #users._id# placeholder is accepted)",
  );

  f.scenario("Search by slugline", ["auth"], async (s) => {
    await s.given("ingest", `[{"guid": "1", "slugline": "ABUSE PHOTO"}]`);
    const bySlugline = (word: string) =>
      `/search?source={"query":{"filtered":{"filter": null,"query":{"query_string":{"query":"slugline:(${word})","lenient":false,"default_operator":"AND"}}}}}`;
    await s.get(bySlugline("abuse"));
    s.list(1);
    await s.get(bySlugline("absent"));
    s.list(0);
  });

  f.scenario("Get item by guid no matter where it is", ["auth"], async (s) => {
    await s.given("ingest", `[{"_id": "item-ingest"}]`);
    await s.given("archive", `[{"_id": "item-archive"}]`);
    await s.given("published", `[{"_id": "item-published", "state": "published"}]`);
    await s.get("/search/item-ingest");
    s.code(200);
    await s.get("/search/item-archive");
    s.code(200);
    await s.get("/search/item-published");
    s.code(200);
  });

  f.scenario("Search returns spiked content from archive", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    await s.given(
      "archive",
      `[{"guid": "1", "state": "spiked", "task": {"desk": "#desks._id#"}},
      {"guid": "2", "state": "in_progress", "task": {"desk": "#desks._id#"}}]`,
    );
    await s.get("/search");
    s.list(2);
  });

  f.scenario("Search returns only current users drafts", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    // `#users.id#` names nothing (no user was given), so it stays as it is, as in Superdesk.
    await s.given(
      "archive",
      `[{"guid": "1", "state": "draft", "version": 0, "task": {"desk": "#desks._id#", "user": "123"}},
      {"guid": "2", "state": "in_progress", "task": {"desk": "#desks._id#", "user": "#users.id#"}}]`,
    );
    await s.get("/search");
    s.list(1, `{"_items": [{"guid": "2"}]}`);
  });

  f.scenario(
    "Search returns only spiked content when filtered from archive",
    ["auth"],
    async (s) => {
      await s.given("desks", SPORTS_DESK);
      await s.given(
        "archive",
        `[{"guid": "1", "state": "spiked", "task": {"desk": "#desks._id#"}},
      {"guid": "2", "state": "draft", "task": {"desk": "#desks._id#"}}]`,
      );
      await s.get(
        `/search?source={"query":{"filtered":{"filter":{"and":[{"term":{"state":"spiked"}}]}}}}`,
      );
      s.list(1);
    },
  );

  f.scenario("Search items with highlight", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    await s.given(
      "archive",
      `[{"guid": "1", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "Foo", "body_html": "foo"},
        {"guid": "2", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "bar", "body_html": "bar"},
        {"guid": "3", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "linkage", "body_html": "This is a link: <a href=\\"#\\">link</a>"},
        {"guid": "4", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "div in divoka sarka", "body_html": "This is a div: <div>div body</div>"}]`,
    );
    await s.given("ingest", `[{"guid": "1","headline": "test-ingested","body_html": "test-body"}]`);
    await s.given(
      "published",
      `[{"_id": "1","headline": "test-published","body_html": "test-body", "state": "published"}]`,
    );
    const foo = `{"guid": "1", "state": "in_progress", "task": {"desk": "#desks._id#"},
      "headline": "Foo", "body_html": "foo"`;
    const fooHighlighted = `${foo}, "es_highlight": {
      "headline": ["${HIGHLIGHTED("Foo")}"], "body_html": ["${HIGHLIGHTED("foo")}"]}}`;
    await s.get(`/search?source=${queryString("(foo)")}`);
    s.list(1, `{"_items": [${foo}, "es_highlight": "__no_value__"}]}`);
    await s.get(`/search?es_highlight=1&source=${queryString("(foo)")}`);
    s.list(1, `{"_items": [${fooHighlighted}]}`);
    await s.get(`/search?es_highlight=1&source=${queryString("(a)")}`);
    s.list(
      2,
      `{"_items": [
        {"body_html": "This is a link: <a href=\\"#\\">link</a>",
         "es_highlight": {"body_html": [
           "This is ${HIGHLIGHTED("a")} link: <a href=\\"#\\">link</a>"]},
         "guid": "3", "headline": "linkage", "state": "in_progress",
         "task": {"desk": "#desks._id#"}},
        {"body_html": "This is a div: <div>div body</div>",
         "es_highlight": {"body_html": ["This is ${HIGHLIGHTED("a")} div: <div>div body</div>"]},
         "guid": "4", "headline": "div in divoka sarka", "state": "in_progress",
         "task": {"desk": "#desks._id#"}}]}`,
    );
    await s.get(`/search?es_highlight=1&source=${queryString("(div)")}`);
    s.list(
      1,
      `{"_items": [
        {"body_html": "This is a div: <div>div body</div>",
         "es_highlight": {"body_html": [
           "This is a ${HIGHLIGHTED("div")}: <div>${HIGHLIGHTED("div")} body</div>"]},
         "guid": "4", "headline": "div in divoka sarka", "state": "in_progress",
         "task": {"desk": "#desks._id#"}}]}`,
    );
    await s.get(`/archive?es_highlight=1&source=${queryString("(foo)")}`);
    s.list(1, `{"_items": [${fooHighlighted}]}`);
    await s.get(`/ingest?es_highlight=1&source=${queryString("(test)")}`);
    s.list(
      1,
      `{"_items": [{"guid": "1", "state": "ingested",
        "headline": "test-ingested", "body_html": "test-body",
        "es_highlight": {"body_html": ["${HIGHLIGHTED("test")}-body"],
                         "headline": ["${HIGHLIGHTED("test")}-ingested"]}}]}`,
    );
    await s.get(`/published?es_highlight=1&source=${queryString("(test)")}`);
    s.list(
      1,
      `{"_items": [{"_id": "1", "state": "published",
        "headline": "test-published", "body_html": "test-body",
        "es_highlight": {"body_html": ["${HIGHLIGHTED("test")}-body"],
                         "headline": ["${HIGHLIGHTED("test")}-published"]}}]}`,
    );
  });

  f.scenario("Search items with projections", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    await s.given(
      "archive",
      `[{"guid": "1", "state": "in_progress", "task": {"desk": "#desks._id#"},
        "headline": "Foo", "body_html": "foo"},
        {"guid": "2", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "bar", "body_html": "bar"}]`,
    );
    await s.get(`/search?source=${queryString("(foo)")}`);
    s.list(
      1,
      `{"_items": [{"guid": "1", "state": "in_progress", "task": {"desk": "#desks._id#"},
        "headline": "Foo", "body_html": "foo", "es_highlight": "__no_value__"}]}`,
    );
    await s.get(`/search?projections=["headline"]&source=${queryString("(foo)")}`);
    s.list(1);
    fieldExists(s, "body_html", false);
    fieldExists(s, "state", false);
    fieldExists(s, "headline", true);
  });

  f.scenario("Search archived items without task information", ["auth"], async (s) => {
    await s.given("archived", ARCHIVED_123);
    await s.get("archived/123:2");
    s.code(200);
    await s.get("archived");
    s.list(1);
  });

  f.scenario("Search by headline and body html containing accent word", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    await s.given(
      "archive",
      `[{"guid": "1", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "foo", "body_html": "foo"},
        {"guid": "2", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "bar", "body_html": "bar"},
        {"guid": "3", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "još test", "body_html": "foo"},
        {"guid": "4", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "bar", "body_html": "još test"}]`,
    );
    await s.get(`/search?source=${queryString("(jos)")}`);
    s.list(
      2,
      `{"_items": [
        {"guid": "3", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "još test", "body_html": "foo"},
        {"guid": "4", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "bar", "body_html": "još test"}]}`,
    );
  });

  f.scenario("Search by multiple words each matching in different field", ["auth"], async (s) => {
    await s.given("desks", SPORTS_DESK);
    await s.given(
      "archive",
      `[{"guid": "1", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "headline", "body_html": "body"},
        {"guid": "2", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "something completely different", "body_html": "body"},
        {"guid": "3", "state": "in_progress", "task": {"desk": "#desks._id#"},
         "headline": "headline", "body_html": "something completely different"}]`,
    );
    await s.get(`/search?source=${queryString("headline body")}`);
    s.list(1, `{"_items": [{"guid": "1"}]}`);
  });
});
