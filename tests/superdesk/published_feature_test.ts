/** Superdesk's features/published.feature over HTTP. */
import { feature } from "./feature.ts";

/** Why the scenarios posting to `/published` do not hold for us. */
const NO_POST =
  "published copies are written by the publishing actions only: POST /api/published is not offered (405), see README Publishing";

feature("published", (f) => {
  f.scenario("List empty published", ["auth"], async (s) => {
    await s.givenEmpty("published");
    await s.get("/published");
    s.list(0);
  });

  f.needs(
    "Get published items with published state",
    "the `published_id=1` parameter of /published (the copies' own ids as `_id`)",
  );
  f.wrong("Insert published items with non-published state", NO_POST);
  f.wrong("Update published items with non-published state", NO_POST);
});
