/** Superdesk's features/highlights.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";

const HIGHLIGHT_TEMPLATE = `{"template_name": "default highlight", "template_type": "highlights",
  "data": {"body_html": "{% for item in items %} <h2>{{ item.headline }}</h2> {{ item.body_html }} <p></p> {% endfor %}"}}`;

const HIGHLIGHT1 =
  `{"name": "highlight1", "desks": ["#desks._id#"], "groups": ["group one", "group two"], "template": "#content_templates._id#"}`;

/** The two text items of the generate scenarios, on desk1, in `state`. */
function items(state: string): string {
  return `[
    {"guid": "item1", "type": "text", "headline": "item1", "body_html": "<p>item1 first</p><p>item1 second</p>", "task": {"desk": "#desks._id#"}, "state": "${state}"},
    {"guid": "item2", "type": "text", "headline": "item2", "body_html": "<p>item2 first</p><p>item2 second</p>", "task": {"desk": "#desks._id#"}, "state": "${state}"}
  ]`;
}

/** The package of the generate scenarios, holding item1 and item2. */
const PACKAGE = `{"guid": "package", "type": "composite", "headline": "highlights",
  "groups": [{"id": "root", "refs": [{"idRef": "main"}]},
             {"id": "main", "refs": [{"residRef": "item1"}, {"residRef": "item2"}]}],
  "task": {"desk": "#desks._id#"}}`;

/** The metadata the custom highlight template gives. */
const CUSTOM_METADATA = `"headline": "custom headline", "slugline": "custom slugline",
  "byline": "custom byline", "abstract": "custom abstract", "priority": 1, "urgency": 1,
  "language": "nb-NO"`;

/** The custom highlight template of "Generate text item from highlights using custom template". */
const CUSTOM_TEMPLATE = `{"template_name": "default highlight", "template_type": "highlights",
  "data": {${CUSTOM_METADATA},
    "body_html": "<b>custom highlight template</b>\\n{% for item in items %} <h2>{{ item.headline }}</h2> {{ item.body_html | first_paragraph() }} <p></p>{% endfor %}",
    "fields_meta": {"body_html": {"draftjsState": [{"blocks": [{"key": "7sg3m", "text": "test some text",
      "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": [],
      "data": {"MULTIPLE_HIGHLIGHTS": {}}}]}]}}}}`;

feature("highlights", (f) => {
  f.scenario("Create highlight", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("content_templates", HIGHLIGHT_TEMPLATE);
    s.code(201);
    await s.post("highlights", HIGHLIGHT1);
    s.code(201);
    s.newResource(HIGHLIGHT1);
    await s.get("highlights");
    s.list(1, `{"_items": [${HIGHLIGHT1}]}`);
  });

  f.scenario("Create duplicate highlight", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("highlights", `{"name": "highlight1", "desks": ["#desks._id#"]}`);
    await s.post("highlights", `{"name": "Highlight1", "desks": ["#desks._id#"]}`);
    s.code(400);
  });

  f.scenario("Update highlight", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("content_templates", HIGHLIGHT_TEMPLATE);
    s.code(201);
    await s.post("highlights", `{"name": "highlight1"}`);
    const changed = HIGHLIGHT1.replace("highlight1", "highlight changed");
    await s.patch("highlights/#highlights._id#", changed);
    s.ok();
    await s.get("highlights");
    s.list(1, `{"_items": [${changed}]}`);
    await s.patch("highlights/#highlights._id#", `{"template": ""}`);
    s.ok();
    await s.get("highlights");
    s.list(
      1,
      `{"_items": [{"name": "highlight changed", "desks": ["#desks._id#"], "groups": ["group one", "group two"]}]}`,
    );
  });

  f.wrong(
    "Mark item for highlights",
    `its second request body is not JSON ("marked_item": "marked_item": ...); ` +
      "tests/content/highlights_test.ts marks and unmarks an item and checks its etag",
  );

  f.scenario("Mark not available item for highlights", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("highlights", `{"name": "highlight1", "desks": ["#desks._id#"]}`);
    s.newResource(`{"name": "highlight1", "desks": ["#desks._id#"]}`);
    await s.post(
      "marked_for_highlights",
      `[{"highlights": ["#highlights._id#"], "marked_item": "not_available_item_id"}]`,
    );
    s.newResource(
      `{"_id": "__any_value__", "highlights": ["#highlights._id#"], "marked_item": "not_available_item_id"}`,
    );
    await s.get("archive");
    s.list(0);
  });

  f.scenario("Delete highlights", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.post("highlights", `{"name": "highlight1", "desks": ["#desks._id#"]}`);
    await s.post("archive", `[{"headline": "test"}]`);
    s.newResource(`{"headline": "test"}`);
    await s.post(
      "marked_for_highlights",
      `[{"highlights": ["#highlights._id#"], "marked_item": "#archive._id#"}]`,
    );
    await s.delete("highlights/#highlights._id#");
    s.code(204);
    await s.get("highlights");
    s.list(0);
    await s.get("archive");
    s.list(1, `{"_items": [{"headline": "test", "highlights": []}]}`);
  });

  f.scenario(
    "Delete a highlight that has an item that is in another highlight",
    ["auth"],
    async (s) => {
      await givenRaw(s, "desks", `[{"_id": "1", "name": "desk1"}]`);
      await givenRaw(
        s,
        "highlights",
        `[{"_id": "111111111111111111111111", "name": "highlight1", "desks": ["1"]},
          {"_id":  "222222222222222222222222", "name": "highlight2", "desks": ["1"]}]`,
      );
      await s.post("archive", `[{"headline": "test"}]`);
      s.newResource(`{"headline": "test"}`);
      await s.post(
        "marked_for_highlights",
        `{"highlights": ["111111111111111111111111", "222222222222222222222222"], "marked_item": "#archive._id#"}`,
      );
      await s.get("archive");
      s.list(
        1,
        `{"_items": [{"headline": "test", "highlights": ["111111111111111111111111", "222222222222222222222222"]}]}`,
      );
      await s.delete("highlights/111111111111111111111111");
      s.code(204);
      await s.get("highlights");
      s.list(1);
      await s.get("archive");
      s.list(1, `{"_items": [{"headline": "test", "highlights": ["222222222222222222222222"]}]}`);
    },
  );

  f.scenario("Generate text item from highlights using default template", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.given("archive", items("published"));
    await s.post("archive", PACKAGE);
    s.newResource(`{"_id": "__any_value__", "type": "composite", "headline": "highlights"}`);
    await s.post("generate_highlights", `{"package": "package"}`);
    s.newResource(
      `{"_id": "__any_value__", "type": "text", "headline": "highlights", "_current_version": 1,
        "body_html": "\\n<h2>item1</h2>\\n<p>item1 first</p>\\n<p></p>\\n\\n<h2>item2</h2>\\n<p>item2 first</p>\\n<p></p>\\n"}`,
    );
    await s.get("/archive");
    s.list(2);
    await s.post("generate_highlights", `{"package": "package", "preview": true}`);
    s.newResource(`{"type": "text"}`);
  });

  f.scenario("Generate text item from highlights using custom template", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.given("archive", items("fetched"));
    await s.post("content_templates", CUSTOM_TEMPLATE);
    s.code(201);
    await s.post(
      "highlights",
      `{"name": "highlight custom", "template": "#content_templates._id#"}`,
    );
    s.code(201);
    await s.post(
      "archive",
      PACKAGE.replace(
        `"headline": "highlights",`,
        `"headline": "highlights",
      "highlight": "#highlights._id#",`,
      ),
    );
    s.code(201);
    s.newResource(`{"_id": "__any_value__", "type": "composite", ${CUSTOM_METADATA}}`);
    await s.post("generate_highlights", `{"package": "package", "export": true}`);
    s.newResource(
      `{"_id": "__any_value__", "type": "text", ${CUSTOM_METADATA},
        "body_html": "<b>custom highlight template</b>\\n <h2>item1</h2> <p>item1 first</p> <p></p> <h2>item2</h2> <p>item2 first</p> <p></p>",
        "fields_meta": "__none__"}`,
    );
    await s.get("/archive");
    s.list(4);
    await s.post("generate_highlights", `{"package": "package", "preview": true,  "export": true}`);
    s.newResource(`{"type": "text"}`);
    await s.post("generate_highlights", `{"package": "package"}`);
    s.code(403);
  });

  f.scenario("Prepopulate highlights when creating a package", ["auth"], async (s) => {
    // Given highlights (Superdesk's step in features/steps/highlights_steps.py).
    await s.given("desks", `[{"name": "test"}]`);
    await s.given(
      "highlights",
      `[{"name": "highlight", "desks": ["#desks._id#"], "auto_insert": "now-12h"}]`,
    );
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const marked = await s.given(
      "archive",
      JSON.stringify([
        ["item1", ago(5)],
        ["item2", ago(8 * 60)],
        ["old", ago(2 * 24 * 60)],
      ].map(([headline, versioncreated]) => ({
        headline,
        state: "in_progress",
        task: { desk: "#desks._id#" },
        versioncreated,
      }))),
    );
    for (const item of marked) {
      await s.post(
        "marked_for_highlights",
        `[{"highlights": "#highlights._id#", "marked_item": "${item._id}"}]`,
      );
      s.code(201);
    }
    // When we create highlights package
    await s.post(
      "archive",
      `{"highlight": "#highlights._id#", "type": "composite",
        "task": {"user": "#user._id#", "desk": "#desks._id#"}}`,
    );
    // Then we get new package with items
    const pkg = s.code(201);
    assert.equal(pkg.groups.length, 2, "there should be 2 groups");
    const refs = pkg.groups[1].refs;
    assert.equal(refs.length, 2, `there should be 2 refs ${JSON.stringify(refs)}`);
    assert.equal(refs[0].headline, "item1");
    assert.equal(refs[1].headline, "item2");
  });

  f.scenario("Generate text item from highlights using filter", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "desk1"}]`);
    await s.given(
      "archive",
      items("published").replace(`"body_html": "<p>item1 first</p><p>item1 second</p>", `, ""),
    );
    await s.post("archive", PACKAGE);
    s.newResource(`{"_id": "__any_value__", "type": "composite", "headline": "highlights"}`);
    await s.post("generate_highlights", `{"package": "package"}`);
    s.newResource(
      `{"_id": "__any_value__", "type": "text", "headline": "highlights",
        "body_html": "\\n<h2>item1</h2>\\n\\n<p></p>\\n\\n<h2>item2</h2>\\n<p>item2 first</p>\\n<p></p>\\n"}`,
    );
    await s.get("/archive");
    s.list(2);
    await s.post("generate_highlights", `{"package": "package", "preview": true}`);
    s.newResource(`{"type": "text"}`);
  });
});
