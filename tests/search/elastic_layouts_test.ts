/**
 * What an Elasticsearch index that ensures no index (a task thread's) remembers of a resource
 * without one: searching it again asks nothing more, and once another process creates the index
 * a search finds its documents as folded (asked again because a shard answered, or because the
 * search was refused: a sort on an exact sub-field the folded index moved), and a write folds
 * what it writes.
 */
import assert from "node:assert/strict";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { mappingFromSchema } from "../../src/search/mapping.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { itemSchema } from "./_search_fixtures.ts";

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

/** An HTTP proxy to `target` recording the path of every request. */
function recordingProxy(target: string) {
  const paths: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    const url = new URL(r.url);
    paths.push(url.pathname);
    const answer = await fetch(target + url.pathname + url.search, {
      method: r.method,
      headers: r.headers,
      body: r.body ? await r.arrayBuffer() : undefined,
    });
    // fetch has decoded the body: its encoding and length no longer apply.
    const headers = new Headers(answer.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    lookups: () => paths.filter((p) => p.includes("/_alias/")).length,
    close: () => server.shutdown(),
  };
}

Deno.test({
  name: "[elasticsearch] a resource without an index is asked for once, then found once created",
  ignore: !elasticUrl,
  async fn() {
    const prefix = uniqueName("layouts");
    const proxy = recordingProxy(elasticUrl!);
    const reader = createElasticSearchIndex({ url: proxy.url, prefix, maxRetries: 0 });
    const late = createElasticSearchIndex({ url: elasticUrl!, prefix, maxRetries: 0 });
    const creator = createElasticSearchIndex({ url: elasticUrl!, prefix, maxRetries: 0 });
    const mapping = mappingFromSchema(itemSchema, { searchFields: { headline: "html" } });
    const cafe = { query: { match: { headline: "café" } } };
    try {
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await reader.search(["items"], cafe), { hits: [], total: 0 });
      }
      assert.equal(proxy.lookups(), 1, "one lookup for three searches");
      assert.equal((await late.search(["items"], cafe)).total, 0);

      await creator.ensureIndex("items", mapping);
      await creator.index("items", [{ _id: "a", headline: "Café crème", _etag: "e1" }], {
        refresh: "true",
      });
      const found = await reader.search(["items"], cafe);
      assert.equal(found.total, 1);
      assert.deepEqual(found.hits[0]!._source, { _id: "a", headline: "Café crème", _etag: "e1" });
      assert.equal(proxy.lookups(), 2);
      assert.equal((await reader.search(["items"], cafe)).total, 1);
      assert.equal(proxy.lookups(), 2, "known once found");

      // `late` remembers no index: its write asks first, so the copy it writes is folded.
      await late.index("items", [{ _id: "b", headline: "Crème brûlée", _etag: "e2" }], {
        refresh: "true",
      });
      const brulee = await creator.search(["items"], { query: { match: { headline: "brulee" } } });
      assert.deepEqual(brulee.hits.map((h) => h._source.headline), ["Crème brûlée"]);
    } finally {
      await creator.drop("items");
      await Promise.all([reader.close(), late.close(), creator.close()]);
      await proxy.close();
    }
  },
});

Deno.test({
  name: "[elasticsearch] a remembered absence does not refuse a sort the created index folds away",
  ignore: !elasticUrl,
  async fn() {
    const prefix = uniqueName("layouts");
    const reader = createElasticSearchIndex({ url: elasticUrl!, prefix, maxRetries: 0 });
    const creator = createElasticSearchIndex({ url: elasticUrl!, prefix, maxRetries: 0 });
    const mapping = mappingFromSchema(itemSchema, { searchFields: { headline: "html" } });
    // `headline.keyword` is `_exact.headline.keyword` in the folded index: unknown unless asked.
    const sorted = { query: { match_all: {} }, sort: [{ "headline.keyword": "asc" }] };
    try {
      assert.deepEqual(await reader.search(["items"], sorted), { hits: [], total: 0 });
      await creator.ensureIndex("items", mapping);
      await creator.index("items", [
        { _id: "b", headline: "Crème", _etag: "e2" },
        { _id: "a", headline: "Café", _etag: "e1" },
      ], { refresh: "true" });
      const found = await reader.search(["items"], sorted);
      assert.deepEqual(found.hits.map((h) => h._id), ["a", "b"]);
    } finally {
      await creator.drop("items");
      await Promise.all([reader.close(), creator.close()]);
    }
  },
});
