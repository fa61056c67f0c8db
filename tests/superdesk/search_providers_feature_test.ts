/**
 * Superdesk's features/search_providers.feature over HTTP, with the `testsearch` provider type
 * its test settings register (tests/superdesk/fixtures/test_search_provider_app.ts).
 */
import { feature } from "./feature.ts";

const PROVIDER =
  `[{"search_provider": "testsearch", "source": "testsearch", "config": {"password":"", "username":""}, "name": "test"}]`;

feature("search_providers", (f) => {
  f.scenario("List empty providers", ["auth"], async (s) => {
    await s.givenEmpty("search_providers");
    await s.get("/search_providers");
    s.list(0);
  });

  f.scenario("Create a new Search Provider", ["auth"], async (s) => {
    await s.givenEmpty("search_providers");
    await s.post("search_providers", PROVIDER);
    s.newResource();
    await s.get("/search_providers");
    s.list(
      1,
      `{"_items": [{"search_provider": "testsearch", "source": "testsearch", "is_closed": false, "config": {"password":"", "username":""}, "name": "test"}]}`,
    );
    await s.get("/privileges");
    s.list(
      "1+",
      `{"_items": [
        {"name": "resource:search_providers:#search_providers._id#", "label": "Search Provider: test", "category": "search_providers"}
      ]}`,
    );
  });

  f.scenario(
    "Creating a Search Provider fails if the search provider type hasn't been registered with the application",
    ["auth"],
    async (s) => {
      await s.givenEmpty("search_providers");
      await s.post(
        "search_providers",
        `[{"search_provider": "Multimedia", "source": "aapmm", "config": {"password":"", "username":""}, "name": "test"}]`,
      );
      s.code(
        400,
        `{"_status": "ERR", "_issues": {"search_provider": "unallowed value Multimedia"}}`,
      );
    },
  );

  f.scenario(
    "Updating an existing search provider fails if the search provider type hasn't been registered with the application",
    ["auth"],
    async (s) => {
      await s.givenEmpty("search_providers");
      await s.post("search_providers", PROVIDER);
      await s.patch(
        "search_providers/#search_providers._id#",
        `{"search_provider": "Multimedia", "source": "AAP Multimedia"}`,
      );
      s.code(
        400,
        `{"_status": "ERR",  "_issues": {"search_provider": "unallowed value Multimedia"}}`,
      );
    },
  );

  f.scenario(
    "Deleting a Search Provider is allowed if no articles have been fetched from this search provider",
    ["auth"],
    async (s) => {
      await s.givenEmpty("search_providers");
      await s.post("search_providers", PROVIDER);
      await s.delete("search_providers/#search_providers._id#");
      s.code(204);
    },
  );

  f.scenario("Get list of registered search providers", ["auth"], async (s) => {
    await s.get("allowed_values");
    s.existingResource(
      `{"_items": [{"_id": "search_providers.search_provider", "items": ["testsearch"]}]}`,
    );
  });

  f.scenario("Search using custom search provider", ["auth"], async (s) => {
    await s.given(
      "search_providers",
      `[{"search_provider": "testsearch", "source": "testsearch", "config": {"password":"", "username":""}}]`,
    );
    await s.given("desks", `[{"name": "sports"}]`);
    await s.get("search_providers_proxy?repo=#search_providers._id#");
    s.list(
      1,
      `{"_items": [{
        "_id": "foo",
        "guid": "foo",
        "_type": "externalsource",
        "pubstatus": "usable",
        "fetch_endpoint": "search_providers_proxy"
      }]}`,
    );
    await s.post(
      "search_providers_proxy?repo=#search_providers._id#",
      `{"guid": "foo", "desk": "#desks._id#"}`,
    );
    s.ok();
    await s.get("/archive/#search_providers_proxy._id#");
    s.existingResource(`{
      "ingest_id": "foo",
      "_id": "#search_providers_proxy._id#",
      "source": "bar",
      "ingest_provider": "#search_providers._id#",
      "type": "picture",
      "headline": "foo"
    }`);
  });

  f.scenario("Get available search providers", ["auth"], async (s) => {
    await s.get("search_providers_allowed");
    s.list("1+", `{"_items": [{"search_provider": "testsearch", "label": "Foo"}]}`);
  });

  f.scenario("Let search proxy work for ingest/archive/etc", ["auth"], async (s) => {
    await s.post("archive", `{"guid": "foo", "version": 1, "type": "text"}`);
    await s.get("search_providers_proxy?repo=archive");
    s.list(
      1,
      `{"_items": [{
        "_type": "archive",
        "guid": "foo",
        "pubstatus": "usable"
      }]}`,
    );
    await s.get("search_providers_proxy?repo=published,ingest");
    s.list(0);
  });
}, { env: { INSTALLED_APPS: "tests/superdesk/fixtures/test_search_provider_app.ts" } });
