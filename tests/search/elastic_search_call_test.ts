/**
 * Searches go over the client's connection below its transport (`elastic_search_call.ts`): the
 * node URL's credentials and path prefix still apply, and every answer that is not a search
 * result becomes a 400 (a 4xx, with Elasticsearch's reason) or a 503 (a 5xx or 429, HTML from a
 * proxy, a 200 that is not JSON or has no hits, an answer over the size limit, our credentials
 * refused: 401 or 403, whose reason is logged, not shown), never a 500.
 */
import assert from "node:assert/strict";
import { Client } from "@elastic/elasticsearch";
import { HttpError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";
import { createElasticClient } from "../../src/search/elastic/elastic_client.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";

/**
 * A fake node answering each search with the next of `answers`, recording what it got; it has
 * no aliases (the index's first search of a resource asks for its mapping).
 */
function fakeNode(answers: Array<() => Response>) {
  const seen: Array<{ url: string; auth: string | null; type: string | null; body: unknown }> = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (r) => {
    if (new URL(r.url).pathname.includes("/_alias/")) return json({}, 404);
    seen.push({
      url: r.url,
      auth: r.headers.get("authorization"),
      type: r.headers.get("content-type"),
      body: await r.json(),
    });
    return answers.shift()!();
  });
  return { port: server.addr.port, seen, close: () => server.shutdown() };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

async function searchError(index: ReturnType<typeof createElasticSearchIndex>) {
  const error = await index.search(["items"], {}).then(() => undefined, (e) => e);
  assert.ok(error instanceof HttpError, `expected an HttpError, got ${error}`);
  return {
    status: error.status,
    message: error.message,
    retryAfter: error.headers?.["Retry-After"],
  };
}

Deno.test("a search uses the node URL's credentials and path and reads the hits", async () => {
  const node = fakeNode([() =>
    json({
      took: 1,
      hits: {
        total: 1,
        hits: [{ _index: "p_items_3", _id: "a", _source: { title: "x", _resource: "items" } }],
      },
    })]);
  const client = createElasticClient({
    url: `http://el%40stic:s3cr%3At@127.0.0.1:${node.port}/proxied/`,
    maxRetries: 0,
  });
  const index = createElasticSearchIndex({ client, prefix: "p" });
  try {
    const result = await index.search(["items", "notes"], { query: { match_all: {} } });
    assert.deepEqual(result, {
      hits: [{ _id: "a", _resource: "items", _source: { title: "x", _id: "a" } }],
      total: 1,
    });
    const [seen] = node.seen;
    const url = new URL(seen!.url);
    assert.equal(url.pathname, "/proxied/p_items,p_notes/_search");
    assert.equal(
      url.search,
      "?ignore_unavailable=true&allow_no_indices=true&rest_total_hits_as_int=true",
    );
    assert.equal(seen!.auth, `Basic ${btoa("el@stic:s3cr:t")}`);
    assert.equal(seen!.type, "application/json");
    assert.deepEqual(seen!.body, { track_total_hits: true, query: { match_all: {} } });
  } finally {
    await index.close();
    await client.close();
    await node.close();
  }
});

Deno.test("answers that are not search results are 400 or 503, never a 500", async () => {
  const node = fakeNode([
    () =>
      json({
        error: {
          type: "search_phase_execution_exception",
          root_cause: [{ type: "query_shard_exception", reason: "failed to create query: x" }],
        },
        status: 400,
      }, 400),
    () => json({ error: { type: "es_rejected_execution_exception", reason: "queue full" } }, 429),
    () => json({ error: { type: "cluster_block_exception", reason: "blocked" }, status: 503 }, 503),
    () => new Response("<html>Bad Gateway</html>", { status: 502 }),
    () => new Response("not json", { status: 200 }),
    () => json({ acknowledged: true }),
  ]);
  const client = createElasticClient({ url: `http://127.0.0.1:${node.port}`, maxRetries: 0 });
  const index = createElasticSearchIndex({ client, prefix: "p" });
  try {
    const expected = [
      [400, "Invalid search: failed to create query: x"],
      [503, "Search is unavailable: queue full"],
      [503, "Search is unavailable: blocked"],
      [503, "Search is unavailable: <html>Bad Gateway</html>"],
      [503, "Search is unavailable: Elasticsearch's answer is not JSON"],
      [503, "Search is unavailable: Elasticsearch's answer has no hits"],
    ] as const;
    for (const [status, message] of expected) {
      const retryAfter = status === 503 ? "5" : undefined;
      assert.deepEqual(await searchError(index), { status, message, retryAfter });
    }
    assert.equal(node.seen.length, 6, "nothing was retried");
  } finally {
    await index.close();
    await client.close();
    await node.close();
  }
});

Deno.test("credentials Elasticsearch refuses are a 503 whose reason is only logged", async () => {
  const refusal = (type: string, reason: string, status: number) => () =>
    json({ error: { root_cause: [{ type, reason }], type, reason }, status }, status);
  const node = fakeNode([
    refusal("security_exception", "unable to authenticate user [el@stic]", 401),
    refusal("security_exception", "action [indices:data/read/search] is unauthorized", 403),
    () => new Response("<html>Forbidden</html>", { status: 403 }),
  ]);
  const records: Array<Record<string, unknown>> = [];
  const log = createLogger({ sink: (line) => records.push(JSON.parse(line)) });
  const client = createElasticClient({ url: `http://127.0.0.1:${node.port}`, maxRetries: 0 });
  const index = createElasticSearchIndex({ client, prefix: "p", log });
  try {
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await searchError(index), {
        status: 503,
        message: "Search is unavailable: Elasticsearch refused the server's credentials",
        retryAfter: "5",
      });
    }
    assert.deepEqual(records.map((r) => [r.level, r.msg, r.status, r.reason]), [
      ["error", "Elasticsearch refused a search", 401, "unable to authenticate user [el@stic]"],
      [
        "error",
        "Elasticsearch refused a search",
        403,
        "action [indices:data/read/search] is unauthorized",
      ],
      ["error", "Elasticsearch refused a search", 403, "<html>Forbidden</html>"],
    ]);
  } finally {
    await index.close();
    await client.close();
    await node.close();
  }
});

Deno.test("an answer over the size limit is a 503, not a 500", async () => {
  // A node announcing a body far over the connection's limit (512 MiB): refused from its headers.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serving = (async () => {
    for await (const conn of listener) {
      await conn.read(new Uint8Array(64 * 1024));
      await conn.write(
        new TextEncoder().encode(
          "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n",
        ),
      );
      conn.close();
    }
  })();
  const client = createElasticClient({ url: `http://127.0.0.1:${listener.addr.port}` });
  const index = createElasticSearchIndex({ client, prefix: "p" });
  try {
    const { status, message, retryAfter } = await searchError(index);
    assert.equal(status, 503);
    assert.match(message, /^Search is unavailable: .*1073741824.*bigger than the maximum allowed/);
    assert.equal(retryAfter, "5");
  } finally {
    await index.close();
    await client.close();
    listener.close();
    await serving.catch(() => {});
  }
});

Deno.test("a client without our SocketConnection is refused for searches", async () => {
  const client = new Client({ node: "http://127.0.0.1:9" });
  const index = createElasticSearchIndex({ client, prefix: "p" });
  try {
    await assert.rejects(index.search(["items"], {}), /createElasticClient/);
  } finally {
    await client.close();
  }
});
