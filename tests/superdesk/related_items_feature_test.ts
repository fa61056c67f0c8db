/** Superdesk's features/related_items.feature over HTTP. */
import { feature } from "./feature.ts";

feature("related_items", (f) => {
  f.scenario("Get related items", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "original", "state": "published", "family_id": "original"},
        {"_id": "draft", "state": "draft", "family_id": "original"},
        {"_id": "published", "state": "published", "family_id": "original"},
        {"_id": "other", "state": "published", "family_id": "other"}]`,
    );
    await s.get("/archive/original/related");
    s.list(1, `{"_items": [{"_id": "published"}]}`);
  });
});
