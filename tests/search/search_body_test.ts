/** Unit tests of the helpers that add server-side filters to a search body. */
import assert from "node:assert/strict";
import { addFilters, perResourceFilter } from "../../src/search/search_body.ts";

const draft = { term: { state: "draft" } };

Deno.test("addFilters keeps the client's query as a must and adds filters", () => {
  const body = { query: { match: { headline: "fox" } }, size: 5 };
  assert.deepEqual(addFilters(body, [draft]), {
    query: { bool: { must: [{ match: { headline: "fox" } }], filter: [draft] } },
    size: 5,
  });
  assert.deepEqual(addFilters({}, [draft]), { query: { bool: { filter: [draft] } } });
  assert.equal(addFilters(body, []), body);
});

Deno.test("perResourceFilter limits each resource to its own filter", () => {
  assert.deepEqual(perResourceFilter({ archive: draft, ingest: undefined, published: undefined }), {
    bool: {
      should: [
        { bool: { filter: [{ term: { _resource: "archive" } }, draft] } },
        { terms: { _resource: ["ingest", "published"] } },
      ],
      minimum_should_match: 1,
    },
  });
});

Deno.test("perResourceFilter adds nothing when no resource has a filter", () => {
  assert.equal(perResourceFilter({ archive: undefined, ingest: undefined }), undefined);
  assert.equal(perResourceFilter({}), undefined);
});
