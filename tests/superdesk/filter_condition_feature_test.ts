/** Superdesk's features/filter_condition.feature over HTTP. */
import type { Scenario } from "./scenario.ts";
import { feature } from "./feature.ts";

const SPORT = `[{"name": "sport", "field": "anpa_category", "operator": "in", "value": "4"}]`;

/** An empty collection, then the sport condition posted and listed. */
async function sportListed(s: Scenario) {
  await s.givenEmpty("filter_conditions");
  await s.post("/filter_conditions", SPORT);
  s.ok();
  await s.get("/filter_conditions");
  s.list(1, `{"_items": [{"name": "sport"}]}`);
}

feature("filter_condition", (f) => {
  f.scenario("Add a new filter condition", ["auth"], sportListed);

  f.scenario("Add second filter condition with same name fails", ["auth"], async (s) => {
    await sportListed(s);
    await s.post(
      "/filter_conditions",
      `[{"name": "sport", "field": "anpa_category", "operator": "in", "value": "5"}]`,
    );
    s.code(400, `{"_status": "ERR", "_issues": {"name": {"unique": 1}}}`);
  });

  f.scenario("Add a new filter condition with identical values fails", ["auth"], async (s) => {
    await sportListed(s);
    await s.post(
      "/filter_conditions",
      `[{"name": "sport2", "field": "anpa_category", "operator": "in", "value": "4"}]`,
    );
    s.code(400, `{"_status": "ERR", "_message": "Filter condition:sport has identical settings"}`);
  });

  f.scenario("Add a new filter condition with invalid field fails", ["auth"], async (s) => {
    await s.givenEmpty("filter_conditions");
    await s.post(
      "/filter_conditions",
      `[{"name": "sport", "field": "anpa_category", "operator": "like", "value": "4"}]`,
    );
    s.code(
      400,
      `{"_status": "ERR", "_message": "Filter condition:sport has unidentified operator: like"}`,
    );
  });
  f.scenario("Edit filter condition", ["auth"], async (s) => {
    await s.givenEmpty("filter_conditions");
    await s.post("/filter_conditions", SPORT);
    s.ok();
    await s.patch("/filter_conditions/#filter_conditions._id#", `{"name": "politics"}`);
    s.code(200);
  });

  f.scenario("Delete a referenced filter condition fails", ["auth"], async (s) => {
    await s.given(
      "filter_conditions",
      `[{"_id": "5c1243a6f84e5e105f626df5", "name": "initial", "field": "anpa_category", "operator": "in", "value": "3"}]`,
    );
    await s.post("/filter_conditions", SPORT);
    s.ok();
    await s.givenEmpty("content_filters");
    await s.post(
      "/content_filters",
      `[{"content_filter": [{"expression": {"fc": ["#filter_conditions._id#", "5c1243a6f84e5e105f626df5"]}}], "name": "soccer"}]`,
    );
    s.ok();
    await s.delete("/filter_conditions/#filter_conditions._id#");
    s.code(
      400,
      `{"_status": "ERR", "_message": "Filter condition has been referenced in content filter: soccer"}`,
    );
  });

  f.scenario("Get filter condition params", ["auth"], async (s) => {
    await s.get("filter_conditions/parameters");
    s.list(
      "20+",
      `{"_items": [
        {"field": "urgency", "label": "Urgency", "operators": [], "values": [], "value_field": "qcode"}
      ]}`,
    );
  });
});
