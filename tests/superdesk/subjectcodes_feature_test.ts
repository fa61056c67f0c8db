/** Superdesk's features/subjectcodes.feature over HTTP. */
import { feature } from "./feature.ts";

feature("subjectcodes", (f) => {
  f.needs(
    "Fetch subject codes",
    "the full IPTC Subject NewsCodes list (1404 codes) Superdesk ships in its code; ours come " +
      "from the `subjectcodes` vocabulary, seeded with the 17 top-level codes",
  );
});
