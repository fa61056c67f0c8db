/** Superdesk's features/formatters.feature over HTTP. */
import { feature } from "./feature.ts";

feature("formatters", (f) => {
  f.scenario("Get list of formatters", ["auth", "notification"], async (s) => {
    await s.get("/formatters");
    s.list(
      "1+",
      `{"_items": [{"name": "NITFFormatter"}, {"name": "NINJSFormatter"},
        {"name": "NewsML12Formatter"}, {"name": "NewsMLG2Formatter"}]}`,
    );
  });

  f.scenario("Get formatted story", ["auth", "notification"], async (s) => {
    await s.given(
      "validators",
      `[{"schema": {}, "type": "text", "act": "publish", "_id": "publish_text"}]`,
    );
    await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
    await s.postWithSuccess(
      "/archive",
      `[{"guid": "123", "type": "text", "headline": "test",
        "task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"},
        "subject":[{"qcode": "17004000", "name": "Statistics"}],
        "slugline": "test", "body_html": "Test Document body"}]`,
    );
    s.ok();
    await s.post("/formatters", `{"article_id": "123", "formatter_name": "NINJSFormatter"}`);
    s.code(201);
  });
});
