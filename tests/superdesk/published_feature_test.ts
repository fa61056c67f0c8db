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

  f.scenario("Get published items with published state", ["auth"], async (s) => {
    await s.given("archive", `[{"_id": "archive_id", "state": "published"}]`);
    await s.given("published", `[{"_id": "archive_id", "state": "published"}]`);
    await s.get("/published");
    s.existingResource(`{"_items": [{"_id": "archive_id", "state": "published"}]}`);
    await s.get("/published?published_id=1");
    s.existingResource(
      `{"_items": [{"_id": "__objectid__", "item_id": "archive_id", "state": "published"}]}`,
    );
  });
  f.wrong("Insert published items with non-published state", NO_POST);
  f.wrong("Update published items with non-published state", NO_POST);
});
