/**
 * `federatedSearchJson`'s join of stored answer texts against the parse path, without an engine:
 * an index that answers every document it holds, its `_source` as Elasticsearch gives it back
 * (JSON, `_id` last) to `search` and its stored text (`WIRE_TEXT`) to `searchWire`. The answers must
 * be byte for byte the same, documents storing the members the answer sets itself (`_type`,
 * `_links`) included.
 */
import assert from "node:assert/strict";
import { defineApp, defineResource, Type } from "../../src/app_api.ts";
import { federatedSearch, federatedSearchJson } from "../../src/indexing/federated_search.ts";
import { toSearchDoc } from "../../src/indexing/search_doc.ts";
import { parseSearchRequest } from "../../src/indexing/search_request.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { type SearchDoc, type SearchIndex, WIRE_TEXT } from "../../src/search/search_index.ts";
import { createTestApp } from "../_app.ts";

const joined = defineResource({
  name: "wire_join_items",
  schema: Type.Object({ headline: Type.String() }, { additionalProperties: true }),
  searchBacked: true,
  searchFields: { headline: "text" },
});
const joinModule = defineApp({
  name: "wire_join_test",
  register(app) {
    app.resource(joined);
  },
});

/** An index holding `docs` that answers all of them to any search; counts the joins. */
function holding(docs: SearchDoc[], base: SearchIndex) {
  const counts = { texts: 0, without: 0 };
  const sources = () =>
    docs.map(({ _id, ...rest }) => ({ _id, source: JSON.parse(JSON.stringify(rest)) as Doc }));
  const search: SearchIndex = {
    ...base,
    search: (resources) =>
      Promise.resolve({
        hits: sources().map(({ _id, source }) => ({
          _id,
          _resource: resources[0]!,
          _source: { ...source, _id },
        })),
        total: docs.length,
      }),
    searchWire(resources) {
      const hits = [];
      for (const doc of docs) {
        const wire = doc[WIRE_TEXT]?.();
        if (wire === undefined) {
          counts.without++;
          return Promise.resolve(undefined);
        }
        hits.push({ _id: doc._id, _resource: resources[0]!, wire });
      }
      counts.texts++;
      return Promise.resolve({ hits, total: docs.length });
    },
  };
  return { search, counts };
}

Deno.test("a joined answer is the parse path's, documents storing _type or _links included", async () => {
  const test = await createTestApp({ apps: [joinModule] });
  try {
    const answer = async (docs: Doc[]) => {
      const { search, counts } = holding(
        docs.map((doc) => toSearchDoc(joined, doc)),
        test.platform.search,
      );
      const deps = { registry: test.platform.registry, search };
      const request = parseSearchRequest(
        new URLSearchParams({ repo: joined.name, source: JSON.stringify({ size: 10 }) }),
        test.platform.config,
        { federated: true },
      );
      const text = await federatedSearchJson(deps, SYSTEM_ACTOR, request);
      assert.equal(text, JSON.stringify(await federatedSearch(deps, SYSTEM_ACTOR, request)));
      return counts;
    };
    const plain = { headline: "plain", _created: new Date(0), _etag: "e" };
    assert.deepEqual(await answer([{ _id: "a", ...plain }]), { texts: 1, without: 0 });
    // The answer sets `_type` and `_links` where a stored document has them: such a document has
    // no text, and its searches take the parse path.
    await answer([{ _id: "a", ...plain }, { _id: "b", headline: "typed", _type: "archive" }]);
    await answer([{ _id: "c", headline: "linked", _links: { self: { href: "elsewhere" } } }]);
  } finally {
    await test.close();
  }
});
