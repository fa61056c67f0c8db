/** Superdesk's features/validate.feature over HTTP (the `validators` rules, `POST /validate`). */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

/** `Given the "validators"` with one rule set, `When we post to "/validate"`, `Then` errors. */
async function validates(s: Scenario, schema: string, validate: string, errors: string) {
  await s.given(
    "validators",
    `[{"_id": "publish", "act": "publish", "type": "text", "schema": ${schema}}]`,
  );
  await s.post("/validate", `{"act": "publish", "type": "text", "validate": ${validate}}`);
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

  f.needs(
    "Missing validator will use default profile",
    "Superdesk's default content profile (content types, issue 13)",
  );
  for (
    const title of [
      "Validate using content type",
      "Validate custom field",
      "Validate using custom package schema",
      "Validate multiple required custom fields",
      "Validate subject field with missing scheme",
      "Validate subject with subject scheme not in allowed",
      "Validate subject using custom vocabulary for it",
      "Validate picture using content profile",
      "Custom subject vocabulary should display the display name if present",
    ]
  ) f.needs(title, "content profiles and vocabularies (issue 13)");
});
