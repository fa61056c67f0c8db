/** Superdesk's features/http_push.feature over HTTP, pushing to our HTTP receiver. */
import { rewrite } from "./_rewrite_steps.ts";
import { PushMock } from "./_push_steps.ts";
import { feature } from "./feature.ts";

feature("http_push", (f) => {
  f.scenario("Publish a text item", ["auth"], async (s) => {
    const mock = new PushMock();
    try {
      await s.given("products", `[{"name": "all"}]`);
      await s.given(
        "subscribers",
        mock.urls(`[{
          "name": "http", "media_type": "media", "is_active": true,
          "subscriber_type": "digital", "products": ["#products._id#"],
          "destinations": [{
            "name": "destination1", "format": "ninjs", "delivery_type": "http_push",
            "config": {"resource_url": "mock://publish", "assets_url": "mock://assets",
                       "packaged": "true"}
          }]
        }]`),
      );
      await s.given(
        "content_types",
        `[{"_id": "foo", "schema": {"body_html": {}, "slugline": {}}}]`,
      );
      await s.given("desks", `[{"name": "sports"}]`);
      await s.given(
        "vocabularies",
        `[{"_id": "rightsinfo", "display_name": "Copyrights", "type": "manageable",
           "items": [{"is_active": true, "name": "default", "copyrightHolder": "copyright holder",
                      "copyrightNotice": "copyright notice", "usageTerms": ""}]}]`,
      );
      await s.post(
        "/archive",
        `{"profile": "foo", "type": "text", "task": {"desk": "#desks._id#"}, "byline": "foo"}`,
      );
      await s.patch(
        "/archive/#archive._id#",
        `{"slugline": "slug", "body_html": "body", "headline": "Foo",
          "associations": {"embedded123": null}}`,
      );
      await s.publish("#archive._id#", "publish", "published");
      s.ok();
      await mock.transmitPublished(s);
      mock.pushed(
        s,
        1,
        `[{"guid": "#archive.guid#", "profile": "foo", "type": "text",
           "byline": "__no_value__", "headline": "__no_value__", "body_html": "body",
           "version": "3", "copyrightholder": "copyright holder",
           "copyrightnotice": "copyright notice", "language": "en"}]`,
      );

      await s.publish("#archive._id#", "correct", "corrected", `{"body_html": "corrected"}`);
      await mock.transmitPublished(s);
      mock.pushed(
        s,
        1,
        `[{"guid": "#archive.guid#", "type": "text", "version": "4", "body_html": "corrected"}]`,
      );

      await rewrite(s, "#archive._id#");
      await s.publish("#REWRITE_ID#", "publish", "published");
      await mock.transmitPublished(s);
      mock.pushed(s, 1, `[{"guid": "#REWRITE_ID#", "evolvedfrom": "#archive.guid#"}]`);

      await s.publish("#archive._id#", "kill", "killed");
      await mock.transmitPublished(s);
      mock.pushed(
        s,
        1,
        `[{"guid": "#archive.guid#", "type": "text", "pubstatus": "canceled", "version": "5"}]`,
      );
    } finally {
      await mock.close();
    }
  });
});
