/**
 * Superdesk's features/links.feature: `GET /links?where={"guid": ...}` finds the items that
 * embed an item (their `refs`, derived from `associations`), and an embedded item is marked
 * `used`.
 */
import { feature } from "./feature.ts";
import { givenRaw } from "./raw_given.ts";

const ONE = `{"_items": [{"_id": "one", "type": "text", "versioncreated": "__now__"}]}`;

feature("links", (f) => {
  f.scenario("We can get links to an item", ["auth"], async (s) => {
    await s.given(
      "archive",
      `[{"_id": "one", "guid": "one", "type": "text", "version": 1},
        {"_id": "two", "guid": "two", "type": "picture", "version": 1},
        {"_id": "three", "guid": "guid3", "type": "video", "version": 1}]`,
    );
    // Superdesk's `Given` stores it unvalidated (it has no display name).
    await givenRaw(s, "vocabularies", `[{"_id": "related", "field_type": "related_content"}]`);
    await s.get(`links?where={"guid":"one"}`);
    s.list(0);
    await s.patch(
      "/archive/one",
      `{"associations": {"pic": {"_id": "two", "type": "picture", "renditions": {}}}}`,
    );
    s.ok();
    await s.get(`links?where={"guid": "two"}`);
    s.list(1, ONE);
    await s.get("archive/two");
    s.existingResource(`{"_id": "two", "used": true, "used_count": 1, "used_updated": "__now__"}`);
    await s.patch(
      "/archive/one",
      `{"associations": {"related--1": {"_id": "three", "type": "video"}}}`,
    );
    s.ok();
    await s.get(`links?where={"guid": "guid3"}`);
    s.list(1, ONE);
    await s.get("/archive/three");
    s.existingResource(`{"used": true, "used_updated": "__now__"}`);
    await s.patch(
      "/archive/one",
      `{"associations": {"external--1": {"_id": "externalid", "uri": "externaluri", "type": "video"}}}`,
    );
    s.ok();
    await s.get(`links?where={"uri":"externaluri", "guid": "fetchedid"}`);
    s.list(1, ONE);
    await s.patch("/archive/one", `{"headline": "foo"}`);
    await s.get(`links?where={"guid": "three"}`);
    s.list(1, `{"_items": [{"headline": "foo"}]}`);
  });
});
