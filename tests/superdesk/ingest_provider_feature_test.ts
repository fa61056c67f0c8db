/** Superdesk's features/ingest_provider.feature over HTTP. */
import { feature } from "./feature.ts";

const REUTERS = "the reuters_http feeding service (Reuters' API) its providers name";

feature("ingest_provider", (f) => {
  f.scenario("List empty providers", ["auth"], async (s) => {
    await s.givenEmpty("ingest_providers");
    await s.get("/ingest_providers");
    s.list(0);
  });

  f.wrong(
    "Create new ingest_provider",
    "it reads the provider's password back; credentials never leave the server here (issue #16)",
  );

  // Superdesk's Given stores {"name": "bar", "source": "bar", "is_closed": false} unvalidated;
  // ours validates, so the given provider names a feeding service and skips its test, and the
  // PATCH turns the test back on (as the given provider in Superdesk never had it off).
  f.scenario("Test provider config on save", ["auth"], async (s) => {
    await s.given(
      "ingest_providers",
      `[{"name": "bar", "source": "bar", "is_closed": false, "feeding_service": "file", "skip_config_test": true}]`,
    );
    await s.patch(
      "/ingest_providers/#ingest_providers._id#",
      `{"feeding_service": "rss", "config": {"url": "http://localhost:1234"}, "skip_config_test": false}`,
    );
    s.code(400);
    await s.post(
      "ingest_providers",
      `{"name": "foo", "source": "foo", "feeding_service": "rss", "is_closed": false, "config": {"url": "http://localhost:1234"}}`,
    );
    s.code(400);
    await s.post(
      "ingest_providers",
      `{"name": "foo", "source": "foo", "feeding_service": "rss", "is_closed": false, "config": {"url": "http://localhost:1234"}, "skip_config_test": true}`,
    );
    s.ok();
  });

  f.needs("Update ingest_provider aliases", REUTERS);
  f.needs("Update ingest_provider", `${REUTERS}; activity and e-mails`);
  f.needs("Update critical errors for ingest_provider", REUTERS);
  f.needs("Open/Close ingest_provider", `${REUTERS}; activity and e-mails`);
  f.needs("Switch Off Notification on update ingest_provider", `${REUTERS}; activity and e-mails`);
  f.needs("Delete an Ingest Provider which hasn't received items", `${REUTERS}; activity`);
  f.needs(
    "Disabled/Inactive Administrators don't receive emails when an Ingest Provider is created",
    "e-mails to administrators",
  );
  f.needs("Creating a Ingest Provider with same name fails", REUTERS);
});
