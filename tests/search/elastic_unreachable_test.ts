/**
 * An unreachable Elasticsearch never surfaces as a bare 500: writes fail with a retryable
 * `SearchIndexWriteError` naming every document, searches with a 503, ping with `ok: false`.
 * Needs no server: it points at a closed loopback port.
 */
import { closedPort } from "../_ports.ts";
import assert from "node:assert/strict";
import { HttpError } from "../../src/errors.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { SearchIndexWriteError } from "../../src/search/search_index.ts";

Deno.test("an unreachable Elasticsearch fails writes as retryable and searches as 503", async () => {
  const index = createElasticSearchIndex({
    url: `http://127.0.0.1:${closedPort()}`,
    prefix: "unreachable",
    maxRetries: 0,
  });
  try {
    const error = await index.index("items", [{ _id: "a" }, { _id: "b" }]).then(
      () => undefined,
      (e) => e,
    );
    assert.ok(error instanceof SearchIndexWriteError);
    assert.equal(error.unavailable, true);
    assert.deepEqual(error.failures.map((f) => f._id), ["a", "b"]);
    await assert.rejects(index.search(["items"], {}), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.equal(e.status, 503);
      return true;
    });
    const status = await index.ping();
    assert.equal(status.ok, false);
    assert.equal(status.engine, "elasticsearch");
  } finally {
    await index.close();
  }
});
