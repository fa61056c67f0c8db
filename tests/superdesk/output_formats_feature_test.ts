/** Superdesk's features/output_formats.feature over HTTP. */
import { feature } from "./feature.ts";

feature("output_formats", (f) => {
  f.scenario("Get list of available formats", ["auth"], async (s) => {
    await s.get("/output_formats");
    s.list(
      "1+",
      `{"_items": [{"name": "NINJS", "type": "ninjs"}, {"name": "NewsML G2", "type": "newsmlg2"}]}`,
    );
  });
});
