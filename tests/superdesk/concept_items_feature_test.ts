/**
 * Superdesk's features/concept_items.feature over HTTP. Its `@app_init` tag (the app's init
 * data) changes nothing these scenarios read.
 */
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const LANGUAGES = `[{"_id": "languages", "display_name": "Languages", "type": "manageable",
  "unique_field": "qcode", "service": {"all": 1},
  "items": [{"name": "en", "qcode": "en", "is_active": true},
    {"name": "es", "qcode": "es", "is_active": true}]}]`;

const DEFINITION = "The Hobbit is a children's fantasy novel by English author J. R. R. Tolkien.";

const HOBBIT = `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
  "language": "en", "definition_html": "${DEFINITION}"}`;

async function withLanguages(s: Scenario): Promise<void> {
  await s.given("vocabularies", LANGUAGES);
  await s.givenEmpty("concept_items");
}

feature("concept_items", (f) => {
  f.scenario("Create a concept item: success", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post("/concept_items", HOBBIT);
    s.code(201);
    await s.get("/concept_items");
    s.existingResource(`{"_items": [{"_id": "#concept_items._id#",
      "group_id": "#concept_items.group_id#", "name": "Hobbit", "cpnat_type": "cpnat:abstract",
      "labels": ["book", "tolkien"], "language": "en", "definition_text": "${DEFINITION}",
      "definition_html": "${DEFINITION}", "_updated": "__any_value__",
      "_created": "__any_value__", "created_by": "#CONTEXT_USER_ID#",
      "_etag": "__any_value__"}]}`);
    await s.get("/concept_items/#concept_items._id#");
    s.code(200);
    await s.get("/concept_items/#concept_items._id#");
    s.existingResource(`{"_id": "#concept_items._id#", "group_id": "__any_value__",
      "name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
      "language": "en", "definition_text": "${DEFINITION}", "_updated": "__any_value__",
      "_created": "__any_value__", "created_by": "#CONTEXT_USER_ID#", "_etag": "__any_value__"}`);
  });

  f.scenario("Create a concept item: no languages cv", ["auth"], async (s) => {
    await s.givenEmpty("concept_items");
    await s.post("/concept_items", HOBBIT);
    s.code(400);
  });

  f.scenario("Create a concept item: no required fields", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
        "definition_text": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"language": {"required": 1}}}`);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "language": "de", "cpnat_type": "cpnat:abstract",
        "labels": ["book", "tolkien"], "definition_html": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"language": "unallowed value 'de'"}}`);
    await s.post(
      "/concept_items",
      `{"cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"], "language": "en",
        "definition_text": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"name": {"required": 1}}}`);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
        "language": "en"}`,
    );
    s.code(
      400,
      `{"_status": "ERR", "_issues": {"definition_html": {"required": 1}},
        "_error": {"code": 400, "message": "Insertion failure: 1 document(s) contain(s) error(s)"}}`,
    );
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "labels": ["book", "tolkien"], "language": "en",
        "definition_text": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"cpnat_type": {"required": 1}}}`);
  });

  f.scenario("Create a concept item: duplicate labels", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien", "book"],
        "language": "en", "definition_text": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"labels": "Must contain unique items only."}}`);
  });

  f.scenario("Create a concept item: wrong and not supported cpnat_type", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:books", "labels": ["book", "tolkien"],
        "language": "en", "definition_text": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"cpnat_type": "unallowed value cpnat:books"}}`);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:person", "labels": ["book", "tolkien"],
        "language": "en", "definition_html": "${DEFINITION}"}`,
    );
    s.code(400, `{"_issues": {"cpnat_type": "concept type 'cpnat:person' is not supported"}}`);
  });

  f.scenario(
    "Create a concept item: not allowed properties for cpnat:abstract",
    ["auth"],
    async (s) => {
      await withLanguages(s);
      await s.post(
        "/concept_items",
        `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
          "language": "en", "definition_html": "${DEFINITION}",
          "properties": {"name": "Some name"}}`,
      );
      s.code(
        400,
        `{"_issues": {"properties": "field is not supported when 'cpnat_type' is 'cpnat:abstract'"}}`,
      );
    },
  );

  f.scenario("Create a concept item: group_id in payload", ["auth"], async (s) => {
    await withLanguages(s);
    const withGroup = (group: string, language: string) =>
      `{"name": "Hobbit", "group_id": "${group}", "cpnat_type": "cpnat:abstract",
        "labels": ["book", "tolkien"], "language": "${language}",
        "definition_html": "${DEFINITION}"}`;
    await s.post("/concept_items", withGroup("5c62d77efe985ea36958fa3e", "en"));
    s.code(201);
    await s.get("/concept_items");
    s.existingResource(`{"_items": [{"group_id": "5c62d77efe985ea36958fa3e", "name": "Hobbit",
      "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"], "language": "en",
      "definition_html": "${DEFINITION}", "definition_text": "${DEFINITION}",
      "_updated": "__any_value__", "_created": "__any_value__",
      "created_by": "#CONTEXT_USER_ID#", "_etag": "__any_value__"}]}`);
    await s.get("/concept_items");
    await s.post("/concept_items", withGroup("5c62d77efe985ea36958fa3e", "en"));
    s.code(409);
    await s.post("/concept_items", withGroup("b615a998-544b-4c3f-b063-9ceccdd7c1dc", "es"));
    s.code(201);
  });

  f.scenario("Patch a concept item", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
        "language": "en", "group_id": "5c94ebcdfe985e1c9fc26d52",
        "definition_html": "${DEFINITION}"}`,
    );
    s.code(201);
    await s.patch("/concept_items/#concept_items._id#", `{"name": "Lord of the Rings"}`);
    s.ok(
      `{"_created": "__any_value__", "_id": "#concept_items._id#", "_status": "OK",
        "_type": "concept_items", "_updated": "__any_value__",
        "group_id": "#concept_items.group_id#", "cpnat_type": "cpnat:abstract",
        "created_by": "#CONTEXT_USER_ID#", "definition_html": "${DEFINITION}",
        "definition_text": "${DEFINITION}", "labels": ["book", "tolkien"], "language": "en",
        "name": "Lord of the Rings", "updated_by": "#CONTEXT_USER_ID#"}`,
      { updated: true },
    );
    await s.patch("/concept_items/#concept_items._id#", `{"properties": {}}`);
    s.code(400, `{"_issues": {"validator exception": "400: Request is not valid"}}`);
    await s.patch("/concept_items/#concept_items._id#", `{"cpnat_type": "cpnat:person"}`);
    s.code(400, `{"_issues": {"validator exception": "400: Request is not valid"}}`);
    await s.post(
      "/concept_items",
      `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
        "group_id": "5c94ebcdfe985e1c9fc26d52", "language": "es",
        "definition_html": "${DEFINITION}"}`,
    );
    await s.get("/concept_items");
    await s.patch("/concept_items/#concept_items._id#", `{"language": "en"}`);
    s.code(400);
  });

  f.scenario("Put a concept item", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post("/concept_items", HOBBIT);
    s.code(201);
    await s.put(
      "/concept_items/#concept_items._id#",
      `{"name": "Lord of the Rings", "cpnat_type": "cpnat:abstract",
        "group_id": "#concept_items._id#", "labels": ["book", "tolkien", "fantasy"],
        "language": "es", "definition_html": "${DEFINITION}"}`,
    );
    s.ok(
      `{"_created": "__any_value__", "_id": "#concept_items._id#", "_status": "OK",
        "_updated": "__any_value__", "group_id": "#concept_items._id#",
        "cpnat_type": "cpnat:abstract", "created_by": "#CONTEXT_USER_ID#",
        "definition_html": "${DEFINITION}", "definition_text": "${DEFINITION}",
        "labels": ["book", "tolkien", "fantasy"], "language": "es",
        "name": "Lord of the Rings", "updated_by": "#CONTEXT_USER_ID#"}`,
      { updated: true },
    );
  });

  f.scenario("Delete a concept item", ["auth"], async (s) => {
    await withLanguages(s);
    await s.post("/concept_items", HOBBIT);
    s.code(201);
    await s.delete("/concept_items/#concept_items._id#");
    s.code(204);
  });

  f.scenario(
    "Fill definition_text from definition_html during creation and update",
    ["auth"],
    async (s) => {
      await withLanguages(s);
      const book = "<p>The book.</p><p><b>The Hobbit</b> is a <span>children's " +
        "<i>fantasy</i></span> novel by English author J. R. R. Tolkien.</p>";
      await s.post(
        "/concept_items",
        `{"name": "Hobbit", "cpnat_type": "cpnat:abstract", "labels": ["book", "tolkien"],
          "language": "en", "definition_html": "${book}"}`,
      );
      s.code(201);
      await s.get("/concept_items");
      s.existingResource(`{"_items": [{"_id": "#concept_items._id#",
        "group_id": "__any_value__", "name": "Hobbit", "cpnat_type": "cpnat:abstract",
        "labels": ["book", "tolkien"], "language": "en", "definition_html": "${book}",
        "definition_text": "The book.\\n${DEFINITION}", "_updated": "__any_value__",
        "_created": "__any_value__", "created_by": "#CONTEXT_USER_ID#",
        "_etag": "__any_value__"}]}`);
      const replaced = (html: string, text: string) =>
        `{"_created": "__any_value__", "_id": "#concept_items._id#", "_status": "OK",
          "_updated": "__any_value__", "group_id": "#concept_items._id#",
          "cpnat_type": "cpnat:abstract", "created_by": "#CONTEXT_USER_ID#",
          "definition_html": "${html}", "definition_text": "${text}",
          "labels": ["book", "tolkien", "fantasy"], "language": "es",
          "name": "Lord of the Rings", "updated_by": "#CONTEXT_USER_ID#"}`;
      const put = (html: string) =>
        `{"name": "Lord of the Rings", "cpnat_type": "cpnat:abstract",
          "group_id": "#concept_items._id#", "labels": ["book", "tolkien", "fantasy"],
          "language": "es", "definition_html": "${html}"}`;
      const hobbit = "<p><b>The Hobbit</b> is a <span>children's <i>fantasy</i></span> " +
        "novel by English author J. R. R. Tolkien.</p>";
      await s.put("/concept_items/#concept_items._id#", put(hobbit));
      s.ok(replaced(hobbit, DEFINITION), { updated: true });
      const second = hobbit.replace("The Hobbit", "The Hobbit II");
      await s.put("/concept_items/#concept_items._id#", put(second));
      s.ok(replaced(second, DEFINITION.replace("The Hobbit", "The Hobbit II")), {
        updated: true,
      });
      await s.patch(
        "/concept_items/#concept_items._id#",
        `{"definition_html": "<p><b>Silmarillion</b></p>"}`,
      );
      s.ok(replaced("<p><b>Silmarillion</b></p>", "Silmarillion"), { updated: true });
    },
  );

  f.scenario("Any user can create a concept item", ["auth"], async (s) => {
    await s.given(
      "vocabularies",
      `[{"_id": "languages", "display_name": "Languages", "type": "manageable",
        "items": [{"name": "en", "qcode": "en", "is_active": true}]}]`,
    );
    await s.loginAs("foo", "foofoo", `{"user_type": "user"}`);
    await s.post("/concept_items", HOBBIT);
    s.code(201);
  });
});
