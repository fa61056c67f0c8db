/** Superdesk's features/legal_archive.feature over HTTP (with `LEGAL_ARCHIVE`, as its tests). */
import { feature } from "./feature.ts";

const MANAGER = `[{"name": "Manager", "privileges": {"legal_archive": 1}}]`;

feature("legal_archive", (f) => {
  f.scenario("List empty legal archive", ["auth"], async (s) => {
    await s.givenEmpty("legal_archive");
    await s.given("roles", MANAGER);
    await s.haveRole("Manager");
    await s.get("legal_archive");
    s.list(0);
  });

  f.scenario("Get archive items with published state", ["auth"], async (s) => {
    await s.given(
      "legal_archive",
      `[{"_id": "tag:example.com,0000:newsml_BRE9A605", "guid": "tag:example.com,0000:newsml_BRE9A605", "state": "published"}]`,
    );
    await s.given("roles", MANAGER);
    await s.haveRole("Manager");
    await s.get("legal_archive");
    s.existingResource(
      `{"_items": [{"_id": "tag:example.com,0000:newsml_BRE9A605", "state": "published"}]}`,
    );
  });

  f.scenario("User can't fetch from legal archive without a privilege", ["auth"], async (s) => {
    await s.given(
      "legal_archive",
      `[{"_id": "tag:example.com,0000:newsml_BRE9A605", "guid": "tag:example.com,0000:newsml_BRE9A605",
        "headline": "test", "_current_version": 1, "state": "published"}]`,
    );
    await s.loginAs("foo", "bar", `{"user_type": "user", "email": "foo.bar@foobar.org"}`);
    await s.get("legal_archive");
    s.code(403);
  });
}, { env: { LEGAL_ARCHIVE: "true" } });
