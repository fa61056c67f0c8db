/** Superdesk's features/subjectcodes.feature over HTTP. */
import { feature } from "./feature.ts";

feature("subjectcodes", (f) => {
  f.scenario("Fetch subject codes", ["auth"], async (s) => {
    await s.get("/subjectcodes/");
    s.list(1404, `{"_items": [{"name": "arts, culture and entertainment", "qcode": "01000000"}]}`);
  });
});
