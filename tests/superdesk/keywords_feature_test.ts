/**
 * Superdesk's features/keywords.feature. Its first scenario asks AlchemyAPI (an outside text
 * analysis service, retired by IBM) for an item's keywords; the second adds a published item's
 * keywords to the `keywords` vocabulary (`KEYWORDS_ADD_MISSING_ON_PUBLISH`, set from the start
 * where Superdesk's `Given config update` sets it).
 */
import { feature } from "./feature.ts";

feature("keywords", (f) => {
  f.needs(
    "Get the list of keywords for a content item",
    "`/keywords` asks AlchemyAPI, an outside service we do not call",
  );

  f.scenario("Save keywords on item publish", ["auth", "notification"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "test", "guid": "test", "state": "in_progress", "headline": "foo",
         "keywords": ["Foo", "bar"]}]`,
    );
    await s.publish("#archive._id#", "publish", "published");
    s.ok();
    await s.notifications(
      `[{"event": "vocabularies:created",
         "extra": {"vocabulary": "Keywords", "user": "#CONTEXT_USER_ID#"}}]`,
    );

    await s.get("vocabularies/keywords");
    s.existingResource(`{"items": [
      {"name": "Foo", "qcode": "Foo"},
      {"name": "bar", "qcode": "bar"}
    ], "unique_field": "name"}`);

    await s.given(
      "archive",
      `[{"_id": "test2", "guid": "test2", "state": "in_progress", "headline": "bar",
         "keywords": ["bar", "baz"]}]`,
    );
    await s.publish("#archive._id#", "publish", "published");
    await s.get("vocabularies/keywords");
    s.existingResource(`{"items": [
      {"name": "Foo", "qcode": "Foo"},
      {"name": "bar", "qcode": "bar"},
      {"name": "baz", "qcode": "baz"}
    ], "unique_field": "name"}`);
    await s.notifications(
      `[{"event": "vocabularies:updated",
         "extra": {"vocabulary": "Keywords", "user": "#CONTEXT_USER_ID#"}}]`,
    );
  }, { env: { KEYWORDS_ADD_MISSING_ON_PUBLISH: "true" } });
});
