/** Superdesk's features/highlights.feature over HTTP. */
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";

const HIGHLIGHT_TEMPLATE = `{"template_name": "default highlight", "template_type": "highlights",
  "data": {"body_html": "{% for item in items %} <h2>{{ item.headline }}</h2> {{ item.body_html }} <p></p> {% endfor %}"}}`;

const HIGHLIGHT1 =
  `{"name": "highlight1", "desks": ["#desks._id#"], "groups": ["group one", "group two"], "template": "#content_templates._id#"}`;

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

  for (
    const title of [
      "Generate text item from highlights using default template",
      "Generate text item from highlights using custom template",
      "Prepopulate highlights when creating a package",
      "Generate text item from highlights using filter",
    ]
  ) f.needs(title, "packages and generate_highlights");
});
