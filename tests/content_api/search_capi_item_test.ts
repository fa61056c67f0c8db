/**
 * `search_capi`'s view of a stored item, as Superdesk's `SearchService._map_item` and
 * `_map_associations` make it: codes named back, a `cwarn` signal as the legal flag, and only the
 * associations published to the subscriber searched for.
 */
import assert from "node:assert/strict";
import { searchCapiItem } from "../../src/content_api/search_capi_item.ts";

const STORED = {
  _id: "1",
  subscribers: ["sub1", "sub2"],
  service: [{ code: "f", name: "Finance" }],
  genre: [{ code: "Article", name: "" }],
  place: [{ code: "AUS", name: "Australia", scheme: "place" }],
  signal: [{ code: "cwarn", name: "Content warning" }],
  associations: {
    featuremedia: { guid: "pic", subscribers: ["sub1"], subject: [{ code: "04000000" }] },
    gone: null,
  },
};

Deno.test("search_capi names codes as Superdesk's items and flags a content warning", () => {
  const item = searchCapiItem(structuredClone(STORED), undefined);
  assert.equal(item.service, undefined);
  assert.deepEqual(item.anpa_category, [{ qcode: "f", name: "Finance" }]);
  assert.deepEqual(item.genre, [{ qcode: "Article" }]);
  assert.deepEqual(item.place, [{ qcode: "AUS", name: "Australia" }]);
  assert.deepEqual(item.flags, { marked_for_legal: true });
  assert.deepEqual(item.subscribers, ["sub1", "sub2"]);
  assert.deepEqual(item.associations, {});
});

Deno.test("search_capi shows only the associations published to the subscriber named", () => {
  const stored = structuredClone(STORED);
  assert.deepEqual(searchCapiItem(stored, "sub1").associations, {
    featuremedia: { _id: "pic", guid: "pic", subject: [{ qcode: "04000000" }] },
  });
  assert.deepEqual(searchCapiItem(stored, "sub2").associations, {});
  assert.deepEqual(stored, STORED, "the stored document is left as it was");
});
