/**
 * Superdesk's features/custom_field.feature: `we register custom schema field` adds a field to
 * the item schema (`register_item_schema_field`). Ours is an app's `app.itemField` at start
 * (`fixtures/custom_field_app.ts`), so the steps before the registration run on an app without
 * it, and those after on a fresh app with it.
 */
import { feature } from "./feature.ts";
import { rewrite } from "./_rewrite_steps.ts";

const WITH_FIELD = { INSTALLED_APPS: "tests/superdesk/fixtures/custom_field_app.ts" };

feature("custom_field", (f) => {
  f.phased("Register custom field", ["auth"], [
    {
      fn: async (s) => {
        await s.post("archive", `{"type": "text", "custom_field": "foo"}`);
        s.code(400);
      },
    },
    {
      env: WITH_FIELD,
      fn: async (s) => {
        await s.post("archive", `{"type": "text", "custom_field": "foo"}`);
        s.newResource();
        await s.get("/archive/#archive._id#");
        s.existingResource(`{"custom_field": "foo"}`);
        await s.get("/archive");
        s.list(1, `{"_items": [{"custom_field": "foo"}]}`);
        await s.patch("/archive/#archive._id#", `{"custom_field": "bar"}`);
        await s.get("/archive");
        s.list(1, `{"_items": [{"custom_field": "bar"}]}`);
      },
    },
  ]);

  f.scenario("Copy custom field on rewrite", ["auth"], async (s) => {
    await s.given("desks", `[{"name": "sports"}]`);
    await s.post(
      "archive",
      `{"guid": "123", "type": "text", "custom_field": "foo",
        "task": {"desk": "#desks._id#", "stage": "#desks.working_stage#"}}`,
    );
    s.newResource();
    await rewrite(s, "123", `{"desk_id": "#desks._id#"}`);
    await s.get("/archive/#REWRITE_ID#");
    s.existingResource(`{"custom_field": "foo"}`);
  }, { env: WITH_FIELD });
});
