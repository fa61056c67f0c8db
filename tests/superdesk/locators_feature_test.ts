/**
 * Superdesk's features/locators.feature over HTTP. Superdesk reads its cities from a data file
 * always there; ours are a stored resource that `app:initialize_data` seeds, so each scenario
 * seeds them first.
 */
import assert from "node:assert/strict";
import { initializeCities } from "../../src/shell/cities.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

async function seeded(s: Scenario): Promise<void> {
  await initializeCities(s.app.platform.registry);
}

feature("locators", (f) => {
  f.scenario("Find Cities across all countries", ["auth"], async (s) => {
    await seeded(s);
    await s.get("/cities/");
    s.list("1+");
  });

  f.scenario("Find Cities in Australia", ["auth"], async (s) => {
    await seeded(s);
    await s.get("/country/AU");
    s.list("1+", `{"_items": [{"country": "Australia", "country_code": "AU"}]}`);
    // The step matches a subset: no city of another country may be listed.
    const codes = s.response.body._items.map((city: { country_code: string }) => city.country_code);
    assert.deepEqual([...new Set(codes)], ["AU"]);
  });

  f.scenario("Find Cities in NSW, Australia", ["auth"], async (s) => {
    await seeded(s);
    await s.get("/country/AU/state/NSW");
    s.list(
      "1+",
      `{"_items": [{"state": "New South Wales", "state_code": "NSW", "country": "Australia",
        "country_code": "AU"}]}`,
    );
  });
});
