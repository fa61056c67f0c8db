/** `savedSearchQuery`: a saved search's stored query as the search it stands for. */
import assert from "node:assert/strict";
import { savedSearchQuery } from "../../src/content/saved_search_query.ts";
import { BadRequestError } from "../../src/errors.ts";

Deno.test("savedSearchQuery makes q a query string and other keys term filters", () => {
  assert.deepEqual(
    savedSearchQuery({ query: { q: "term", repo: "ingest", type: ["picture"], source: "AAP" } }),
    {
      repo: "ingest",
      source: {
        query: {
          bool: {
            must: { query_string: { query: "term", default_operator: "AND" } },
            filter: [{ terms: { type: ["picture"] } }, { term: { source: "AAP" } }],
          },
        },
      },
    },
  );
});

Deno.test("savedSearchQuery searches the archive by default and matches all without q", () => {
  assert.deepEqual(savedSearchQuery({ query: {} }), {
    repo: "archive",
    source: { query: { match_all: {} } },
  });
});

Deno.test("savedSearchQuery refuses a filter without a query", () => {
  assert.throws(() => savedSearchQuery({}), BadRequestError);
  assert.throws(() => savedSearchQuery({ query: "q=x" }), BadRequestError);
});
