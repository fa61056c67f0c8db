/** Superdesk's features/validate.feature over HTTP (the `validators` rules, `POST /validate`). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";

/** `Given the "validators"` with one rule set, `When we post to "/validate"`, `Then` errors. */
async function validates(
  s: Scenario,
  schema: string,
  validate: string,
  errors: string,
  act = "publish",
) {
  await s.given(
    "validators",
    `[{"_id": "publish", "act": "publish", "type": "text", "schema": ${schema}}]`,
  );
  await s.post("/validate", `{"act": "${act}", "type": "text", "validate": ${validate}}`);
  s.existingResource(`{"errors": ${errors}}`);
}

feature("validate", (f) => {
  f.scenario("Validate type", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string"}}`,
      `{"headline": true}`,
      `["HEADLINE must be of string type"]`,
    ));

  f.scenario("Validate pass", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string"}}`,
      `{"headline": "budget cigs and beer up"}`,
      `"__empty__"`,
    ));

  f.scenario("Validate required field", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string", "required": true}}`,
      `{"not headline": "budget cigs and beer up"}`,
      `["HEADLINE is a required field"]`,
    ));

  f.scenario("Validate field length short", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string", "minlength": 2, "maxlength": 55}}`,
      `{"headline": "1"}`,
      `["HEADLINE is too short"]`,
    ));

  f.scenario("Validate field minimum length fails", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string", "minlength": 2, "required": true, "maxlength": 55}}`,
      `{"headline": "<p></p>"}`,
      `["HEADLINE is too short"]`,
    ));

  f.scenario("Validate field maximum length passes", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string", "maxlength": 9}}`,
      `{"headline": "<p>123456789</p>"}`,
      `"__empty__"`,
    ));

  f.scenario("Validate field length long", ["auth"], (s) =>
    validates(
      s,
      `{"headline": {"type": "string", "minlength": 2, "maxlength": 3}}`,
      `{"headline": "1234"}`,
      `["HEADLINE is too long"]`,
    ));

  f.scenario("Validate allowed values", ["auth"], (s) =>
    validates(
      s,
      `{"type": {"type": "string", "allowed": ["X","T"]}}`,
      `{"type": "B"}`,
      `["TYPE unallowed value B"]`,
    ));

  f.scenario(
    "Validate allow unknown fields",
    ["auth"],
    (s) => validates(s, `{}`, `{"unknown": "B"}`, `"__empty__"`),
  );

  f.scenario("Missing validator will use default profile", ["auth"], (s) =>
    validates(
      s,
      `{}`,
      `{"unknown": "B"}`,
      `["HEADLINE is a required field"]`,
      "missing",
    ));

  f.scenario("Validate using content type", ["auth"], async (s) => {
    await s.given(
      "content_types",
      `[{"_id": "snap", "schema": {
        "headline": {"enabled": true},
        "foo": {"required": true},
        "image": {"type": "media"},
        "genre": {"genre": {"value": "foo"}, "type": "string"}
      }}]`,
    );
    await post(s, `{"slugline": "x", "profile": "snap"}`, `["FOO is a required field"]`);
  });

  f.scenario("Validate custom field", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[{"_id": "custom", "field_type": "text", "display_name": "Test"}]`,
    );
    await s.given("content_types", `[{"_id": "foo", "schema": {"custom": {"required": true}}}]`);
    await post(s, `{"profile": "foo"}`, `["Test is a required field"]`);
    await post(s, `{"profile": "foo", "extra": {"custom": "foo"}}`, `"__empty__"`);
    await post(
      s,
      `{"profile": "foo", "extra": {"custom": "<p></p>"}}`,
      `["Test is a required field"]`,
    );
  });

  f.scenario("Validate using custom package schema", ["auth"], async (s) => {
    await post(s, `{"slugline": "foo"}`, `["HEADLINE is a required field"]`, "composite");
  }, { env: { SCHEMA: `{"composite": {"headline": {"type": "text", "required": true}}}` } });

  f.scenario("Validate multiple required custom fields", ["auth"], async (s) => {
    await givenRaw(
      s,
      "vocabularies",
      `[
        {"_id": "text1", "field_type": "text", "display_name": "Text 1"},
        {"_id": "media1", "field_type": "media", "display_name": "Media 1"},
        {"_id": "embed1", "field_type": "embed", "display_name": "Embed 1"},
        {"_id": "date1", "field_type": "date", "display_name": "Date 1"},
        {"_id": "vocabulary1", "field_type": null, "display_name": "Vocabulary 1"}
      ]`,
    );
    await s.given(
      "content_types",
      `[{"_id": "foo", "schema": {
        "text1": {"required": true},
        "media1": {"required": true},
        "embed1": {"required": true},
        "date1": {"required": true},
        "subject": {
          "mandatory_in_list": {"scheme": {"vocabulary1": {"required": true}}},
          "type": "list"
        }
      }}]`,
    );
    await post(
      s,
      `{"profile": "foo", "subject": []}`,
      `["Text 1 is a required field", "MEDIA 1 is a required field",
        "Embed 1 is a required field", "Date 1 is a required field",
        "VOCABULARY 1 is a required field"]`,
    );
    await post(
      s,
      `{
        "profile": "foo",
        "extra": {"text1": "foo", "embed1": {"foo": "bar"}, "date1": "2018-01-22T00:00:00+0000"},
        "associations": {"media1": {
          "foo": "bar", "headline": "headline", "alt_text": "alt_text",
          "description_text": "description_text"
        }}
      }`,
      `"__empty__"`,
    );
  });

  f.scenario("Validate subject field with missing scheme", ["auth"], async (s) => {
    await s.given("content_types", subjectProfile(`"nullable": true, "required": false`));
    await post(
      s,
      `{"profile": "test", "subject": [
        {"name": "foo", "qcode": "foo"}, {"name": "01", "qcode": "01", "scheme": "01"}
      ]}`,
      `"__empty__"`,
    );
  });

  f.scenario("Validate subject with subject scheme not in allowed", ["auth"], async (s) => {
    await s.given("content_types", subjectProfile(`"nullable": false, "required": true`));
    await post(
      s,
      `{"profile": "test", "subject": [
        {"name": "foo", "qcode": "foo", "scheme": null},
        {"name": "01", "qcode": "01", "scheme": "01"},
        {"name": "bar", "qcode": "bar", "scheme": "bar"}
      ]}`,
      `"__empty__"`,
    );
  });

  f.scenario(
    "Validate subject using custom vocabulary for it",
    ["auth"],
    (s) =>
      customSubject(s, `{"_id": "custom_subject_field", "schema_field": "subject"}`, "SUBJECT"),
  );

  f.scenario("Validate picture using content profile", ["auth"], async (s) => {
    await s.given(
      "content_types",
      `[{"_id": "picture", "type": "picture", "schema": {
        "headline": {"type": "string", "nullable": true, "required": true}
      }}]`,
    );
    await post(
      s,
      `{"type": "picture", "slugline": "foo"}`,
      `["HEADLINE is a required field"]`,
      "picture",
    );
  });

  f.scenario(
    "Custom subject vocabulary should display the display name if present",
    ["auth"],
    (s) =>
      customSubject(
        s,
        `{"_id": "custom_subject_field", "schema_field": "subject", "display_name": "Subject custom field"}`,
        "SUBJECT CUSTOM FIELD",
      ),
  );
});

/** `When we post to "/validate"` an item to publish, `Then` its errors. */
async function post(s: Scenario, validate: string, errors: string, type = "text") {
  await s.post("/validate", `{"act": "publish", "type": "${type}", "validate": ${validate}}`);
  s.existingResource(`{"errors": ${errors}}`);
}

/** The profile `test` whose subject needs scheme `01`, with the subject's own rules. */
function subjectProfile(rules: string): string {
  return `[{"_id": "test", "schema": {"subject": {
    "mandatory_in_list": {"scheme": {"01": {"required": "true"}, "destination": null}},
    "type": "list", ${rules},
    "schema": {"type": "dict", "schema": {
      "scheme": {"allowed": ["01"], "nullable": true, "required": true, "type": "string"}
    }}
  }}}]`;
}

/** A required subject met by a vocabulary whose `schema_field` is subject, named `label`. */
async function customSubject(s: Scenario, vocabulary: string, label: string) {
  await s.given(
    "content_types",
    `[{"_id": "test", "schema": {"subject": {"type": "list", "nullable": false, "required": true}}}]`,
  );
  await givenRaw(s, "vocabularies", `[${vocabulary}, {"_id": "other_field"}]`);
  const subject = (scheme: string) =>
    `{"profile": "test", "subject": [{"name": "foo", "qcode": "foo", "scheme": "${scheme}"}]}`;
  await post(s, subject("custom_subject_field"), `"__empty__"`);
  await post(s, subject("other field"), `["${label} is a required field"]`);
}
