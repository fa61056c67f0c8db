/** Superdesk's features/archive_autocomplete.feature over HTTP. */
import { feature } from "./feature.ts";

const PUBLISHED_A = `{"value": "PUBLISHED-A", "count": 2}`;
const SUGGESTIONS = `{"_items": [
  ${PUBLISHED_A},
  {"value": "PUBLISHED-B", "count": 1},
  {"value": "PUBLISHED-C", "count": 1}
]}`;

feature("archive_autocomplete", (f) => {
  f.scenario("Not enabled by default", ["auth"], async (s) => {
    await s.get("/archive_autocomplete?field=slugline&language=en");
    s.code(404);
  });

  // `Given config update` opens the scenario: its settings are the app's from the start.
  f.scenario("Get distinct sluglines for published items", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"slugline": "PUBLISHED-A", "state": "published", "versioncreated": "2019-01-01T00:00:00+0000"},
        {"slugline": "PUBLISHED-A", "state": "published", "versioncreated": "2019-01-01T01:00:00+0000"},
        {"slugline": "PUBLISHED-OLD", "state": "published", "versioncreated": "1919-01-01T00:00:00+0000"},
        {"slugline": "DRAFT", "state": "draft", "versioncreated": "2019-01-01T00:00:00+0000"},
        {"slugline": "CZECH", "state": "published", "versioncreated": "2019-01-01T00:00:00+0000", "language": "cs"},
        {"slugline": "PUBLISHED-C", "state": "published", "versioncreated": "2019-01-01T00:00:00+0000", "language": "en"},
        {"slugline": "PUBLISHED-B", "state": "published", "versioncreated": "2019-01-01T00:00:00+0000", "language": "en"}]`,
    );
    await s.get("/archive_autocomplete?field=slugline&language=en");
    s.list(3, SUGGESTIONS);
    await s.get("/archive_autocomplete?field=slugline&language=en&resources=archive");
    s.list(3, SUGGESTIONS);
    await s.get("/archive_autocomplete?field=slugline&language=en&resources=no_such_resource");
    s.code(404);
  }, { env: { ARCHIVE_AUTOCOMPLETE: "true", ARCHIVE_AUTOCOMPLETE_DAYS: "9999" } });
});
