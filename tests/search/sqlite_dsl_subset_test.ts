/**
 * What only the embedded index has to prove: DSL outside its documented subset answers 400
 * naming the clause (never a silently different result), and the index survives a reopen.
 */
import assert from "node:assert/strict";
import { BadRequestError } from "../../src/errors.ts";
import type { SearchBody } from "../../src/search/search_index.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { itemMapping, items } from "./_search_fixtures.ts";

async function withIndex(work: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "search_subset_" });
  try {
    await work(`${dir}/search.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const unsupported: Array<[SearchBody, string]> = [
  [{ query: { fuzzy: { headline: "fox" } } }, "[fuzzy]"],
  [{ query: { wildcard: { urgency: "1*" } } }, "wildcard queries on keyword and text"],
  [{ query: { match_phrase_prefix: { headline: "bro" } } }, "[match_phrase_prefix]"],
  [{ query: { regexp: { slugline: "f.x" } } }, "[regexp]"],
  [{ query: { nested: { path: "subject", query: { match_all: {} } } } }, "[nested]"],
  [{ query: { match: { headline: { query: "fox", fuzziness: 2 } } } }, "fuzziness"],
  [{ query: { match_phrase: { headline: { query: "brown fox", slop: 2 } } } }, "slop"],
  [{ query: { multi_match: { query: "fox", type: "phrase_prefix" } } }, "phrase_prefix"],
  [{ query: { bool: { should: [], minimum_should_match: "50%" } } }, "minimum_should_match"],
  [{ query: { range: { headline: { gte: "a" } } } }, "headline.keyword"],
  [{ query: { range: { versioncreated: { gte: "2024", format: "yyyy" } } } }, "format"],
  [{ query: { query_string: { query: "fox~1" } } }, "fuzzy"],
  [{ query: { query_string: { query: '"brown fox"~3' } } }, "proximity"],
  [{ query: { query_string: { query: "slugline:/f.x/" } } }, "regular expressions"],
  // Refused by Elasticsearch too (it was OR here), e.g. /api/search?q=fox&default_operator=xor.
  [{ query: { query_string: { query: "fox", default_operator: "xor" } } }, "default_operator"],
  [{ sort: [{ urgency: { order: "asc", mode: "avg" } }] }, "mode"],
  [{ script_fields: {} }, "[script_fields]"],
  [{ aggs: { a: { avg: { field: "urgency" } } } }, "[avg]"],
  [{ aggs: { a: { terms: { field: "state" }, aggs: { b: { terms: { field: "x" } } } } } }, "sub"],
  [{ aggs: { a: { terms: { field: "headline" } } } }, "headline.keyword"],
  [{ aggs: { a: { date_histogram: { field: "versioncreated", fixed_interval: "3h" } } } }, "fixed"],
  [{ highlight: { fields: { headline: {} }, require_field_match: false } }, "require_field"],
  [{ highlight: { fields: { headline: { fragment_size: "wide" } } } }, "fragment_size"],
  [{ size: "lots" }, "[size]"],
  // Refused by Elasticsearch too: "negative [boost] are not allowed", a boost not a number.
  [{ query: { match: { headline: { query: "fox", boost: -1 } } } }, "negative [boost]"],
  [{ query: { term: { state: { value: "draft", boost: -0.5 } } } }, "negative [boost]"],
  [{ query: { terms: { state: ["draft"], boost: -2 } } }, "negative [boost]"],
  [{ query: { constant_score: { filter: { match_all: {} }, boost: -2 } } }, "negative [boost]"],
  [{ query: { bool: { must: { match_all: {} }, boost: -1 } } }, "negative [boost]"],
  [{ query: { multi_match: { query: "fox", boost: -1 } } }, "negative [boost]"],
  [{ query: { query_string: { query: "fox", boost: "-3" } } }, "negative [boost]"],
  [{ query: { match: { headline: { query: "fox", boost: "high" } } } }, "[boost] must be a number"],
  [{ aggs: { a: { terms: { field: "state", size: -1 } } } }, "terms.size"],
];

Deno.test("the embedded index answers 400 naming each clause outside its subset", async () => {
  await withIndex(async (path) => {
    const index = createSqliteSearchIndex({ path, prefix: "subset" });
    try {
      await index.ensureIndex("items", itemMapping);
      await index.index("items", items());
      for (const [body, named] of unsupported) {
        const error = await index.search(["items"], body).then(() => undefined, (e) => e);
        assert.ok(error instanceof BadRequestError, `${JSON.stringify(body)}: ${error}`);
        assert.ok(error.message.includes(named), `${error.message} should name ${named}`);
      }
    } finally {
      await index.close();
    }
  });
});

Deno.test("the embedded index keeps documents and aliases across a reopen", async () => {
  await withIndex(async (path) => {
    const first = createSqliteSearchIndex({ path, prefix: "durable" });
    await first.ensureIndex("items", itemMapping);
    await first.index("items", items());
    const rebuild = await first.beginRebuild("items", itemMapping);
    await rebuild.write(items());
    await rebuild.finish();
    await first.close();
    const second = createSqliteSearchIndex({ path, prefix: "durable" });
    try {
      assert.equal(await second.currentIndex("items"), "durable_items_2");
      const found = await second.search(["items"], { query: { match: { headline: "fox" } } });
      assert.deepEqual(found.hits.map((h) => h._id).sort(), ["a1", "a5"]);
    } finally {
      await second.close();
    }
  });
});
