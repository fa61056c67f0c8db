/**
 * An unreachable Elasticsearch never surfaces as a bare 500: writes fail with a retryable
 * `SearchIndexWriteError` naming every document, searches with a 503, ping with `ok: false`.
 * The first test needs no server (a closed loopback port); the second, as task threads see it,
 * an index that exists but goes away behind a proxy (`ELASTICSEARCH_URL`).
 */
import { closedPort } from "../_ports.ts";
import assert from "node:assert/strict";
import { HttpError } from "../../src/errors.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import type { IndexMapping } from "../../src/search/mapping.ts";
import { type SearchIndex, SearchIndexWriteError } from "../../src/search/search_index.ts";
import { dropElasticIndices, engineUrl, uniqueName } from "../_engines.ts";
import { startTcpProxy } from "../_tcp_proxy.ts";

const url = engineUrl("ELASTICSEARCH_URL");

/** Asserts `index` fails writes of `items` as unavailable and searches as 503. */
async function assertUnavailable(index: SearchIndex) {
  const written = await index.index("items", [{ _id: "a" }, { _id: "b" }]).then(
    () => undefined,
    (e) => e,
  );
  assert.ok(written instanceof SearchIndexWriteError, String(written));
  assert.equal(written.unavailable, true);
  assert.deepEqual(written.failures.map((f) => f._id), ["a", "b"]);
  const removed = await index.remove("items", ["a"]).then(() => undefined, (e) => e);
  assert.ok(removed instanceof SearchIndexWriteError, String(removed));
  assert.equal(removed.unavailable, true);
  await assert.rejects(index.search(["items"], {}), (e: unknown) => {
    assert.ok(e instanceof HttpError, String(e));
    assert.equal(e.status, 503);
    return true;
  });
}

Deno.test("an unreachable Elasticsearch fails writes as retryable and searches as 503", async () => {
  const index = createElasticSearchIndex({
    url: `http://127.0.0.1:${closedPort()}`,
    prefix: "unreachable",
    maxRetries: 0,
  });
  try {
    await assertUnavailable(index);
    const status = await index.ping();
    assert.equal(status.ok, false);
    assert.equal(status.engine, "elasticsearch");
  } finally {
    await index.close();
  }
});

Deno.test({
  name: "a task thread's index (no index ensured) fails as unavailable when Elasticsearch goes",
  ignore: !url,
  async fn() {
    const prefix = uniqueName("thread_outage");
    const mapping: IndexMapping = {
      properties: { headline: { type: "text", analyzer: "html_field_analyzer" } },
    };
    const api = createElasticSearchIndex({ url: url!, prefix, refresh: "true" });
    const proxy = startTcpProxy(url!);
    // As task threads build it (`ensureIndexes: false`): it learns each resource's layout
    // from the live index on its first search or write.
    const thread = createElasticSearchIndex({ url: proxy.url, prefix, maxRetries: 0 });
    try {
      await api.ensureIndex("items", mapping);
      await api.index("items", [{ _id: "c", headline: "Café" }]);
      proxy.stop();
      await assertUnavailable(thread);
      proxy.start();
      const found = await thread.search(["items"], {
        query: { query_string: { query: "cafe", default_field: "headline" } },
      });
      assert.deepEqual(found.hits.map((h) => h._source.headline), ["Café"]);
    } finally {
      proxy.stop();
      await thread.close();
      await api.close();
      await dropElasticIndices(prefix);
    }
  },
});
