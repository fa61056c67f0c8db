/**
 * Bulk writes: the lines of a write to several aliases (one index copy per document, its exact
 * values kept), and writes over Elasticsearch's request size limit: a 413 is sent again in
 * halves, split between documents, until only a document too large by itself is refused, for good.
 */
import assert from "node:assert/strict";
import { type Client, errors } from "@elastic/elasticsearch";
import { type BulkLine, docLines, sendBulk } from "../../src/search/elastic/elastic_bulk.ts";
import { SearchIndexWriteError } from "../../src/search/search_index.ts";

/** A client whose bulk answers 413 past `limit` characters and records what it accepted. */
function limitedClient(limit: number, accepted: string[][]): Client {
  return {
    bulk({ operations }: { operations: BulkLine[] }) {
      if (JSON.stringify(operations).length > limit) {
        const meta = { body: { error: "too large" }, statusCode: 413, headers: {}, warnings: null };
        return Promise.reject(new errors.ResponseError(meta as never));
      }
      const ids = operations.filter((_, i) => i % 2 === 0).map((l) =>
        String((Object.values(l)[0] as { _id: string })._id)
      );
      accepted.push(ids);
      return Promise.resolve({ errors: false, items: [] });
    },
  } as unknown as Client;
}

Deno.test("a bulk over the size limit is split; only a document too large alone is refused", async () => {
  const docs = ["a", "b", "c", "d", "e"].map((id) => ({
    _id: id,
    body: id === "d" ? "x".repeat(5_000) : "short",
  }));
  const lines = docLines("items", docs, ["alias"]);
  const accepted: string[][] = [];
  const error = await sendBulk(limitedClient(2_000, accepted), "items", lines, {
    refresh: "false",
    ids: docs.map((d) => d._id),
  }).then(() => undefined, (e) => e);
  assert.ok(error instanceof SearchIndexWriteError);
  assert.deepEqual(error.failures.map((f) => [f._id, f.permanent]), [["d", true]]);
  assert.match(error.failures[0]!.reason, /too large/);
  assert.deepEqual(accepted.flat().sort(), ["a", "b", "c", "e"]);
});

Deno.test("each target of a write gets the stored document's index copy, exact values kept", () => {
  const docs = [
    { _id: "a", headline: "Café crème", body: "Još", _etag: "e1" },
    { _id: "b", headline: "plain", _etag: "e2" },
  ];
  const lines = docLines("items", docs, ["live", "live.rebuild"], { folded: ["headline"] });
  const copies = [
    { headline: "Cafe creme", body: "Još", _etag: "e1", _exact: { headline: "Café crème" } },
    { headline: "plain", _etag: "e2", _exact: { headline: "plain" } },
  ].map((copy) => ({ ...copy, _resource: "items" }));
  assert.deepEqual(
    lines,
    ["live", "live.rebuild"].flatMap((target) =>
      docs.flatMap(({ _id }, i) => [
        { index: { _index: target, _id, require_alias: true } },
        copies[i],
      ])
    ),
  );
});
