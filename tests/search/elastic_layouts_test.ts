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
import { SearchIndexWriteError } from "../../src/search/search_index.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { itemSchema } from "./_search_fixtures.ts";

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

/**
 * An HTTP proxy to `target` recording the path of every request; `afterLookup`, when set, runs
 * once an alias lookup has been answered by `target` and before its answer is passed on.
 */
function recordingProxy(target: string) {
  const paths: string[] = [];
  let afterLookup: (() => Promise<void>) | undefined;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    const url = new URL(r.url);
    paths.push(url.pathname);
    const answer = await fetch(target + url.pathname + url.search, {
      method: r.method,
      headers: r.headers,
      body: r.body ? await r.arrayBuffer() : undefined,
    });
    if (url.pathname.includes("/_alias/")) await afterLookup?.();
    // fetch has decoded the body: its encoding and length no longer apply.
    const headers = new Headers(answer.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    return new Response(await answer.arrayBuffer(), { status: answer.status, headers });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    lookups: () => paths.filter((p) => p.includes("/_alias/")).length,
    afterLookup: (hook: (() => Promise<void>) | undefined) => afterLookup = hook,
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

Deno.test({
  name: "[elasticsearch] a write that finds no index is not sent, so one created meanwhile " +
    "never holds it unfolded",
  ignore: !elasticUrl,
  async fn() {
    const prefix = uniqueName("layouts");
    const proxy = recordingProxy(elasticUrl!);
    const writer = createElasticSearchIndex({ url: proxy.url, prefix, maxRetries: 0 });
    const creator = createElasticSearchIndex({ url: elasticUrl!, prefix, maxRetries: 0 });
    const mapping = mappingFromSchema(itemSchema, { searchFields: { headline: "html" } });
    const doc = { _id: "b", headline: "Crème brûlée", _etag: "e2" };
    const brulee = { query: { match: { headline: "brulee" } } };
    try {
      // The index is created between the writer's lookup (no index) and its write.
      proxy.afterLookup(async () => {
        proxy.afterLookup(undefined);
        await creator.ensureIndex("items", mapping);
      });
      await assert.rejects(
        writer.index("items", [doc], { refresh: "true" }),
        (error) => error instanceof SearchIndexWriteError && /no such index/.test(error.message),
      );
      assert.equal(await creator.count("items"), 0);
      // Sent again (the outbox's retry), it asks again and is folded.
      await writer.index("items", [doc], { refresh: "true" });
      const found = await creator.search(["items"], brulee);
      assert.deepEqual(found.hits.map((h) => h._source.headline), ["Crème brûlée"]);
    } finally {
      await creator.drop("items");
      await Promise.all([writer.close(), creator.close()]);
      await proxy.close();
    }
  },
});
