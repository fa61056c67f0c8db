/** Unit tests of the rewrite of Elasticsearch 1.x/2.x syntax into Elasticsearch 8 queries. */
import assert from "node:assert/strict";
import { rewriteLegacyDsl, rewriteQuery } from "../../src/search/legacy_dsl.ts";

const draft = { term: { state: "draft" } };
const spiked = { term: { state: "spiked" } };

Deno.test("filtered becomes bool with must and filter", () => {
  const body = rewriteLegacyDsl({
    query: { filtered: { query: { query_string: { query: "fox" } }, filter: draft } },
    size: 5,
  });
  assert.deepEqual(body, {
    query: { bool: { must: { query_string: { query: "fox" } }, filter: draft } },
    size: 5,
  });
  assert.deepEqual(rewriteLegacyDsl({ query: { filtered: {} } }), { query: { bool: {} } });
});

Deno.test("a null filter or query of filtered is absent, as eve-elastic skips it", () => {
  const fox = { query_string: { query: "fox" } };
  assert.deepEqual(rewriteLegacyDsl({ query: { filtered: { filter: null, query: fox } } }), {
    query: { bool: { must: fox } },
  });
  assert.deepEqual(rewriteLegacyDsl({ query: { filtered: { query: null } } }), {
    query: { bool: {} },
  });
});

Deno.test("and, or and not filters become bool must, should and must_not", () => {
  assert.deepEqual(rewriteQuery({ and: [draft, spiked] }), { bool: { must: [draft, spiked] } });
  assert.deepEqual(rewriteQuery({ and: { filters: [draft] } }), { bool: { must: [draft] } });
  assert.deepEqual(rewriteQuery({ or: [draft, spiked] }), {
    bool: { should: [draft, spiked], minimum_should_match: 1 },
  });
  assert.deepEqual(rewriteQuery({ not: draft }), { bool: { must_not: draft } });
  assert.deepEqual(rewriteQuery({ not: { filter: draft } }), { bool: { must_not: draft } });
});

Deno.test("the rewrite recurses through bool, filtered and logical filters", () => {
  const legacy = {
    filtered: {
      filter: {
        and: [
          { or: [draft, { not: { and: [spiked] } }] },
          { bool: { must: [{ filtered: { filter: { missing: { field: "task" } } } }] } },
        ],
      },
    },
  };
  assert.deepEqual(rewriteQuery(legacy), {
    bool: {
      filter: {
        bool: {
          must: [
            {
              bool: {
                should: [draft, { bool: { must_not: { bool: { must: [spiked] } } } }],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                must: [{ bool: { filter: { bool: { must_not: { exists: { field: "task" } } } } } }],
              },
            },
          ],
        },
      },
    },
  });
});

Deno.test("type filters and _type fields become _resource terms", () => {
  assert.deepEqual(rewriteQuery({ type: { value: "archive" } }), {
    term: { _resource: "archive" },
  });
  assert.deepEqual(rewriteQuery({ terms: { _type: ["archive", "ingest"] } }), {
    terms: { _resource: ["archive", "ingest"] },
  });
});

Deno.test("fields named like legacy keywords inside leaf queries are left alone", () => {
  const leaf = { term: { type: "text" } };
  assert.deepEqual(rewriteQuery(leaf), leaf);
  const match = { match: { and: "x" } };
  assert.deepEqual(rewriteQuery(match), match);
});

Deno.test("ranges with from/to become gte/lte or gt/lt", () => {
  assert.deepEqual(
    rewriteQuery({ range: { n: { from: 1, to: 5, include_upper: false } } }),
    { range: { n: { gte: 1, lt: 5 } } },
  );
  assert.deepEqual(rewriteQuery({ range: { n: { gte: 1 } } }), { range: { n: { gte: 1 } } });
});

Deno.test("a query filter unwraps and a top-level filter joins the query", () => {
  assert.deepEqual(rewriteQuery({ query: { match: { a: "x" } } }), { match: { a: "x" } });
  assert.deepEqual(rewriteLegacyDsl({ query: { match_all: {} }, filter: { and: [draft] } }), {
    query: { bool: { must: { match_all: {} }, filter: { bool: { must: [draft] } } } },
  });
  assert.deepEqual(rewriteLegacyDsl({ filter: draft }), { query: { bool: { filter: draft } } });
});

Deno.test("aggregation filters and post_filter are rewritten; the input is not modified", () => {
  const input = {
    post_filter: { not: draft },
    aggs: { day: { filter: { and: [draft] }, aggs: { inner: { filter: { or: [spiked] } } } } },
  };
  const copy = structuredClone(input);
  assert.deepEqual(rewriteLegacyDsl(input), {
    post_filter: { bool: { must_not: draft } },
    aggs: {
      day: {
        filter: { bool: { must: [draft] } },
        aggs: { inner: { filter: { bool: { should: [spiked], minimum_should_match: 1 } } } },
      },
    },
  });
  assert.deepEqual(input, copy);
});

Deno.test("two legacy clauses at one level merge into one bool", () => {
  assert.deepEqual(rewriteQuery({ and: [draft], not: spiked }), {
    bool: { must: [draft], must_not: spiked },
  });
});
