/** Superdesk's features/vocabularies.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

/**
 * What the `@vocabulary` tag loads (Superdesk's features/steps/fixtures/vocabularies.json): the
 * vocabularies these scenarios read, written here in our own words.
 */
async function vocabularyFixture(s: Scenario) {
  await givenRaw(
    s,
    "vocabularies",
    `[
      {"_id": "categories", "display_name": "Categories", "type": "manageable", "unique_field": "qcode",
       "items": [{"is_active": true, "name": "National", "qcode": "n"}, {"is_active": true, "name": "Sport", "qcode": "s"}]},
      {"_id": "genre", "display_name": "Genre", "type": "manageable",
       "items": [{"is_active": true, "name": "Article (news)", "qcode": "Article"}]},
      {"_id": "locators", "display_name": "Locators", "type": "unmanageable",
       "items": [{"is_active": true, "name": "ACT", "qcode": "ACT", "group": "Australia"}]},
      {"_id": "crop_sizes", "display_name": "Image Crop Sizes", "type": "manageable",
       "items": [{"is_active": true, "name": "4-3", "ratio": "4:3"}, {"is_active": true, "name": "16-9", "ratio": "16:9"}]}
    ]`,
  );
}

/** The fixture, `When we get "/vocabularies/<id>"` (200), then `When we patch` it with `text`. */
async function patchFixture(s: Scenario, id: string, text: string) {
  await vocabularyFixture(s);
  await s.get(`/vocabularies/${id}`);
  s.code(200);
  await s.patch(`/vocabularies/${id}`, text);
}

feature("vocabularies", (f) => {
  f.scenario("List category vocabulary", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "categories", "items": [{"name": "National", "value": "A", "is_active": true}, {"name": "Domestic Sports", "value": "T", "is_active": false}]}]`,
    );
    await s.get("/vocabularies/categories");
    s.existingResource(`{"_id": "categories", "items": [{"name": "National", "value": "A"}]}`);
    assert.equal(s.response.body.items.length, 1);
  });

  f.scenario("Add vocabulary with invalid identifer", ["auth"], async (s) => {
    await s.givenEmpty("vocabularies");
    await s.post(
      "vocabularies",
      `{"_id": "foo$", "type": "manageable", "display_name": "Foo", "items": []}`,
    );
    s.code(400);
  });

  f.scenario("List default preferred categories vocabulary", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "default_categories", "items": [{"is_active": true, "qcode": "a"}, {"is_active": false, "qcode": "b"}, {"is_active": true, "qcode": "c"}]}]`,
    );
    await s.get("/vocabularies/default_categories");
    s.existingResource(`{"_id": "default_categories", "items": [{"qcode": "a"}, {"qcode": "c"}]}`);
    assert.equal(s.response.body.items.length, 2);
  });

  f.scenario("List newsvalue vocabulary", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "newsvalue", "items":[{"name":"1","value":"1", "is_active": true},{"name":"2","value":"2","is_active": true},{"name":"3","value":"3", "is_active": true},{"name":"4","value":"4", "is_active": false}]}]`,
    );
    await s.get("/vocabularies/newsvalue");
    s.existingResource(
      `{"_id": "newsvalue", "items":[{"name":"1","value":"1"},{"name":"2","value":"2"},{"name":"3","value":"3"}]}`,
    );
    assert.equal(s.response.body.items.length, 3);
  });

  f.scenario("List vocabularies", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[
        {"_id": "categories", "items": [{"name": "National", "value": "A", "is_active": true}, {"name": "Domestic Sports", "value": "T", "is_active": false}]},
        {"_id": "newsvalue", "items":[{"name":"1","value":"1", "is_active": true},{"name":"2","value":"2","is_active": true},{"name":"3","value":"3", "is_active": true},{"name":"4","value":"4", "is_active": false}]}
      ]`,
    );
    await s.get("/vocabularies");
    s.existingResource(`{"_items": [
      {"_id": "categories", "items": [{"name": "National", "value": "A"}]},
      {"_id": "newsvalue", "items":[{"name":"1","value":"1"},{"name":"2","value":"2"},{"name":"3","value":"3"}]}
    ]}`);
  });

  f.scenario(
    "Fetch all when type is not specified and fetch based on type when specified",
    ["auth"],
    async (s) => {
      await vocabularyFixture(s);
      await s.get("/vocabularies");
      s.existingResource(`{"_items" :[{"_id": "locators"}, {"_id": "categories"}]}`);
      await s.get(`/vocabularies?where={"type":"manageable"}`);
      s.existingResource(
        `{"_items": [{"_id": "crop_sizes", "display_name": "Image Crop Sizes", "type": "manageable",
        "items": [{"is_active": true, "name": "4-3", "ratio": "4:3"},
                  {"is_active": true, "name": "16-9", "ratio": "16:9"}]}]}`,
      );
      assert.ok(!JSON.stringify(s.response.body).includes("locators"), "no locators in response");
    },
  );

  f.scenario(
    "User receives notification when a vocabulary is updated",
    ["auth", "notification"],
    async (s) => {
      await patchFixture(
        s,
        "categories",
        `{"items": [{"name": "National", "qcode": "A", "is_active": true}, {"name": "Domestic Sports", "qcode": "T", "is_active": true}]}`,
      );
      s.ok(undefined, { updated: true });
      await s.notifications(
        `[{"event": "vocabularies:updated", "extra": {"vocabulary": "Categories", "user": "#CONTEXT_USER_ID#"}}]`,
      );
    },
  );

  f.scenario(
    "Vocabulary update fails if unique field is defined and non-unique value given",
    ["auth"],
    async (s) => {
      await patchFixture(
        s,
        "categories",
        `{"items": [{"name": "National", "qcode": "A", "is_active": true}, {"name": "Domestic Sports", "qcode": "a", "is_active": true}]}`,
      );
      s.code(
        400,
        `{"_status": "ERR", "_issues": {"validator exception": "400: Value a for field qcode is not unique"}}`,
      );
    },
  );

  f.scenario(
    "Vocabulary update fails if unique field is defined and no value given",
    ["auth"],
    async (s) => {
      await patchFixture(
        s,
        "categories",
        `{"items": [{"name": "National", "value": "A", "is_active": true}]}`,
      );
      s.code(
        400,
        `{"_status": "ERR", "_issues": {"validator exception": "400: qcode cannot be empty"}}`,
      );
    },
  );

  f.scenario("Vocabulary update succeeds if unique field is defined", ["auth"], async (s) => {
    await patchFixture(
      s,
      "categories",
      `{"items": [{"name": "National", "qcode": "A", "is_active": true}, {"name": "Domestic Sports", "qcode": "B", "is_active": true}]}`,
    );
    s.ok(undefined, { updated: true });
  });

  f.scenario(
    "Vocabulary update succeeds if no unique field is defined with non-unique value",
    ["auth"],
    async (s) => {
      await patchFixture(
        s,
        "genre",
        `{"items": [{"name": "Article", "qcode": "A", "is_active": true}, {"name": "Sidebar", "qcode": "A", "is_active": true}, {"name": "Article", "qcode": "A", "is_active": true}]}`,
      );
      s.ok(undefined, { updated: true });
    },
  );

  f.scenario("Cast crop image width/height to int", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "crop_sizes", "items": [{"is_active" : true, "width" : "300", "name" : "foo", "height" : "200"}]}]`,
    );
    await s.get("/vocabularies");
    s.list(1, `{"_items": [{"items": [{"width": 300, "height": 200}]}]}`);
    await s.get("/vocabularies/crop_sizes");
    s.existingResource(`{"items": [{"width": 300, "height": 200}]}`);
  });

  f.scenario("Create new vocabulary", ["auth", "notification"], async (s) => {
    await s.post(
      "vocabularies",
      `{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": []}`,
    );
    s.newResource(`{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": []}`);
    await s.notifications(
      `[{"event": "vocabularies:created", "extra": {"vocabulary_id": "foo", "vocabulary": "Foo", "user": "#CONTEXT_USER_ID#"}}]`,
    );
  });

  f.scenario("Create new custom field with system field id", ["auth"], async (s) => {
    await s.post(
      "vocabularies",
      `{"_id": "headline", "field_type": "text", "type": "manageable", "display_name": "Foo", "items": []}`,
    );
    s.code(400, `{"_issues": {"_id": {"conflict": 1}}}`);
  });

  f.scenario("Create and remove vocabularies", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "categories", "items": [{"name": "National", "value": "A", "is_active": true}]},
        {"_id": "text1", "type": "manageable", "field_type": "text", "items": []}]`,
    );
    await s.delete("/vocabularies/categories");
    s.code(400, `{"_message": "Default vocabularies cannot be deleted", "_status": "ERR"}`);
    await s.delete("/vocabularies/text1");
    s.code(204);
    await s.get("/vocabularies/text1");
    s.code(404);
  });

  f.scenario("Create vocabularies with missing name and qcode", ["auth"], async (s) => {
    const schema = `"schema": {"name": {"required": true}, "qcode": {"required": true}}`;
    await s.post(
      "vocabularies",
      `{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": [{"name": "name"}], ${schema}}`,
    );
    s.code(400, `{"_message": "Required qcode in item 0", "_status": "ERR"}`);
    await s.post(
      "vocabularies",
      `{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": [{"qcode": "qcode"}], ${schema}}`,
    );
    s.code(400, `{"_message": "Required name in item 0", "_status": "ERR"}`);
    await s.post(
      "vocabularies",
      `{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": [{"foo": "bar"}]}`,
    );
    s.code(201);
    await s.post(
      "vocabularies",
      `{"_id": "bar", "type": "manageable", "display_name": "Bar", ${schema}, "items": []}`,
    );
    s.code(201);
    await s.patch("/vocabularies/bar", `{"items": [{"name": "Article"}]}`);
    s.code(
      400,
      `{"_issues": {"validator exception": "400: Required qcode in item 0"}, "_status": "ERR"}`,
    );
  });

  f.scenario("Validate linked vocabularies", ["auth"], async (s) => {
    await s.post(
      "vocabularies",
      `[{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": [],
         "schema": {"name": {"required": true}, "qcode": {"required": true}}},
        {"_id": "bar", "type": "manageable", "display_name": "Bar", "items": [],
         "schema": {"name": {"required": true}, "qcode": {"required": true},
                    "foo": {"type": "string", "required": false, "link_vocab": "foo", "link_field": "qcode"}}}]`,
    );
    s.ok();
    const bar = `{"items": [{"qcode": "b1", "name": "B1", "foo": "f1"}]}`;
    await s.patch("/vocabularies/bar", bar);
    s.code(
      400,
      `{"_issues": {"validator exception": "400: foo \\"qcode=f1\\" not found"}, "_status": "ERR"}`,
    );
    await s.patch("/vocabularies/foo", `{"items": [{"qcode": "f1", "name": "F1"}]}`);
    s.ok();
    await s.patch("/vocabularies/bar", bar);
    s.ok();
  });

  f.scenario("Create new vocabulary with a label", ["auth", "notification"], async (s) => {
    await s.post(
      "vocabularies",
      `{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": [], "tags": [{"text": "Other"}]}`,
    );
    s.newResource(
      `{"_id": "foo", "type": "manageable", "display_name": "Foo", "items": [], "tags": [{"text": "Other"}]}`,
    );
    await s.notifications(
      `[{"event": "vocabularies:created", "extra": {"vocabulary_id": "foo", "vocabulary": "Foo", "user": "#CONTEXT_USER_ID#"}}]`,
    );
  });
});
