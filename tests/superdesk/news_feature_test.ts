/**
 * Superdesk's features/news.feature: `news` lists archive items in any state, read-only. The
 * spec posts a published item to `archive`; we refuse a user's new item in a published state
 * (the workflow starts before publishing), so that item is written first as the spec's fixtures are
 * (a `Given` empties the collection),
 * created by the signed-in user as the POST would have made it: what is tested, that `news`
 * lists it beside an item in progress, is unchanged.
 */
import { feature } from "./feature.ts";

feature("news", (f) => {
  f.scenario("It can display all items no matter what's the status", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"guid": "published", "version": 1, "state": "published",
         "original_creator": "#CONTEXT_USER_ID#"}]`,
    );
    await s.post("archive", `[{"guid": "in_progress", "version": 1, "state": "in_progress"}]`);
    s.ok();
    await s.get("/news");
    s.list(
      2,
      `{"_items": [
        {"guid": "in_progress",
         "_links": {"self": {"title": "Archive", "href": "/archive/in_progress"}}},
        {"guid": "published"}
      ]}`,
    );
    // `archive` itself lists the item in progress only (published items are `published`'s).
    await s.get("/archive");
    s.list(1, `{"_items": [{"guid": "in_progress"}]}`);
  });

  f.scenario("Keep it readonly for now", ["auth"], async (s) => {
    await s.post(
      "news",
      `[
        {"guid": "in_progress", "version": 1, "state": "in_progress"},
        {"guid": "published", "version": 1, "state": "published"}
      ]`,
    );
    s.code(405);
  });
});
