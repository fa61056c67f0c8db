/**
 * The Elasticsearch client over our HTTP/1.1 pool (`SocketConnection`, `Http1Pool`), against
 * scripted loopback servers: credentials and path prefix of the node URL, keep-alive reuse,
 * chunked and large answers, a keep-alive connection the server closed while idle, HEAD
 * answers, https with a private CA, timeouts (a `TimeoutError`, a 503 from a search) and
 * refused connections; and, on a
 * real Elasticsearch behind a TCP proxy, `/api/search` answering 503 JSON while it is down.
 */
import assert from "node:assert/strict";
import { Client, errors } from "@elastic/elasticsearch";
import { HttpError } from "../../src/errors.ts";
import { createElasticClient } from "../../src/search/elastic/elastic_client.ts";
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { SocketConnection } from "../../src/search/elastic/socket_connection.ts";
import { loginAs } from "../_auth.ts";
import { engineUrl } from "../_engines.ts";
import { closedPort } from "../_ports.ts";
import { startTcpProxy } from "../_tcp_proxy.ts";
import { createIndexingApp } from "../indexing/_indexing_app.ts";

const PRODUCT = { "x-elastic-product": "Elasticsearch", "content-type": "application/json" };

/** A Deno.serve fake node recording each request and the client port it came from. */
function fakeNode(answer: (request: Request) => Response | Promise<Response>) {
  const seen: Array<{ method: string; url: string; auth: string | null; port: number }> = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (r, info) => {
    seen.push({
      method: r.method,
      url: r.url,
      auth: r.headers.get("authorization"),
      port: (info.remoteAddr as Deno.NetAddr).port,
    });
    return answer(r);
  });
  return { port: server.addr.port, seen, close: () => server.shutdown() };
}

/** A raw TCP server handing each accepted connection to `handle`. */
function rawServer(handle: (conn: Deno.Conn) => Promise<void>) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const open = new Set<Deno.Conn>();
  const handling: Promise<void>[] = [];
  (async () => {
    for await (const conn of listener) {
      open.add(conn);
      handling.push(handle(conn).catch(() => {}).finally(() => open.delete(conn)));
    }
  })();
  return {
    port: (listener.addr as Deno.NetAddr).port,
    async close() {
      listener.close();
      for (const conn of open) {
        try {
          conn.close();
        } catch { /* closed by the handler */ }
      }
      await Promise.all(handling);
    },
  };
}

/** Reads one request head (and a content-length body) from `conn`; null at end of stream. */
async function readRequest(conn: Deno.Conn): Promise<string | null> {
  const buffer = new Uint8Array(64 * 1024);
  let text = "";
  while (!text.includes("\r\n\r\n")) {
    const read = await conn.read(buffer);
    if (read === null) return null;
    text += new TextDecoder().decode(buffer.subarray(0, read));
  }
  const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? 0);
  while (text.length - text.indexOf("\r\n\r\n") - 4 < length) {
    const read = await conn.read(buffer);
    if (read === null) return null;
    text += new TextDecoder().decode(buffer.subarray(0, read));
  }
  return text;
}

const okHead = (body: string, extra = "") =>
  `HTTP/1.1 200 OK\r\nx-elastic-product: Elasticsearch\r\ncontent-type: application/json\r\n` +
  `content-length: ${new TextEncoder().encode(body).length}\r\n${extra}\r\n${body}`;

const notFoundHead = "HTTP/1.1 404 Not Found\r\nx-elastic-product: Elasticsearch\r\n" +
  "content-type: application/json\r\ncontent-length: 2\r\n\r\n{}";

Deno.test("credentials and path of the node URL are used, and one connection is kept alive", async () => {
  const node = fakeNode(() => Response.json({ ok: true }, { headers: PRODUCT }));
  const client = createElasticClient({
    url: `http://el%40stic:s3cr%3At@127.0.0.1:${node.port}/proxied/`,
    maxRetries: 0,
  });
  try {
    for (let i = 0; i < 3; i++) {
      const body = await client.transport.request({
        method: "POST",
        path: "/items/_search",
        querystring: { size: 1 },
        body: { query: { match_all: {} } },
      });
      assert.deepEqual(body, { ok: true });
    }
    assert.equal(node.seen.length, 3);
    for (const seen of node.seen) {
      assert.equal(seen.method, "POST");
      assert.equal(new URL(seen.url).pathname, "/proxied/items/_search");
      assert.equal(new URL(seen.url).search, "?size=1");
      assert.equal(seen.auth, `Basic ${btoa("el@stic:s3cr:t")}`);
    }
    assert.equal(new Set(node.seen.map((s) => s.port)).size, 1, "one keep-alive connection");
  } finally {
    await client.close();
    await node.close();
  }
});

Deno.test("chunked and large answers are read whole; HEAD answers have no body", async () => {
  const big = "x".repeat(300_000);
  const node = fakeNode((request) => {
    if (request.method === "HEAD") {
      return new Response(null, { headers: { ...PRODUCT, "content-length": "1234" } });
    }
    const path = new URL(request.url).pathname;
    if (path === "/chunked") {
      const parts = ['{"parts":[', '"a",', `"${big}"`, "]}"];
      const stream = new ReadableStream({
        pull(controller) {
          const next = parts.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      return new Response(stream, { headers: PRODUCT });
    }
    return Response.json({ big }, { headers: PRODUCT });
  });
  const client = createElasticClient({ url: `http://127.0.0.1:${node.port}`, maxRetries: 0 });
  try {
    const chunked = await client.transport.request({ method: "GET", path: "/chunked" });
    assert.deepEqual(chunked, { parts: ["a", big] });
    assert.equal(await client.indices.exists({ index: "anything" }), true);
    const large = await client.transport.request({ method: "GET", path: "/large" });
    assert.deepEqual(large, { big });
    assert.equal(new Set(node.seen.map((s) => s.port)).size, 1, "the connection survived");
  } finally {
    await client.close();
    await node.close();
  }
});

Deno.test("a keep-alive connection the server closed while idle is replaced", async () => {
  let connections = 0;
  const server = rawServer(async (conn) => {
    connections++;
    if (await readRequest(conn) === null) return;
    await conn.write(new TextEncoder().encode(okHead(`{"n":${connections}}`)));
    conn.close(); // without "connection: close": the client learns it on the next request
  });
  const client = createElasticClient({ url: `http://127.0.0.1:${server.port}`, maxRetries: 0 });
  try {
    for (let i = 1; i <= 3; i++) {
      assert.deepEqual(await client.transport.request({ method: "GET", path: "/" }), { n: i });
    }
    assert.equal(connections, 3);
  } finally {
    await client.close();
    await server.close();
  }
});

Deno.test("an answer that never comes is a TimeoutError, and a search a 503", async () => {
  const received: string[] = [];
  // The index's first search of a resource asks for its alias: that one is answered (none).
  const server = rawServer(async (conn) => {
    for (let request; (request = await readRequest(conn));) {
      received.push(request.split("\r\n")[0]!);
      if (!request.startsWith("GET /_alias/")) break;
      await conn.write(new TextEncoder().encode(notFoundHead));
    }
    await conn.read(new Uint8Array(1)); // until the client gives up and closes
  });
  const client = createElasticClient({
    url: `http://127.0.0.1:${server.port}`,
    maxRetries: 0,
    requestTimeoutMs: 200,
  });
  const index = createElasticSearchIndex({ client, prefix: "silent" });
  try {
    await assert.rejects(
      client.transport.request({ method: "GET", path: "/" }),
      errors.TimeoutError,
    );
    await assert.rejects(index.search(["items"], { query: { match_all: {} } }), (e: unknown) => {
      assert.ok(e instanceof HttpError);
      assert.equal(e.status, 503);
      return true;
    });
    assert.deepEqual(received, [
      "GET / HTTP/1.1",
      "GET /_alias/silent_items HTTP/1.1",
      "POST /silent_items/_search?ignore_unavailable=true&allow_no_indices=true&rest_total_hits_as_int=true HTTP/1.1",
    ]);
  } finally {
    await index.close();
    await client.close();
    await server.close();
  }
});

Deno.test("a refused connection is a ConnectionError, an aborted request a RequestAbortedError", async () => {
  const refused = createElasticClient({ url: `http://127.0.0.1:${closedPort()}`, maxRetries: 0 });
  const server = rawServer(async (conn) => {
    await readRequest(conn);
    await conn.read(new Uint8Array(1));
  });
  const silent = createElasticClient({ url: `http://127.0.0.1:${server.port}`, maxRetries: 0 });
  try {
    await assert.rejects(
      refused.transport.request({ method: "GET", path: "/" }),
      errors.ConnectionError,
    );
    const controller = new AbortController();
    const pending = silent.transport.request({ method: "GET", path: "/" }, {
      signal: controller.signal,
    });
    controller.abort();
    await assert.rejects(pending, errors.RequestAbortedError);
  } finally {
    await refused.close();
    await silent.close();
    await server.close();
  }
});

Deno.test("https is verified: a private CA is trusted through tls.ca, refused without", async () => {
  const fixture = (name: string) =>
    Deno.readTextFileSync(new URL(`fixtures/${name}`, import.meta.url));
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    cert: fixture("tls_server.pem"),
    key: fixture("tls_server.key"),
    onListen: () => {},
  }, () => Response.json({ tls: true }, { headers: PRODUCT }));
  const node = `https://127.0.0.1:${server.addr.port}`;
  const trusted = new Client({
    node,
    maxRetries: 0,
    Connection: SocketConnection,
    tls: { ca: fixture("tls_ca.pem") },
  });
  const untrusted = new Client({ node, maxRetries: 0, Connection: SocketConnection });
  try {
    assert.deepEqual(await trusted.transport.request({ method: "GET", path: "/" }), { tls: true });
    await assert.rejects(
      untrusted.transport.request({ method: "GET", path: "/" }),
      (e: unknown) => e instanceof errors.ConnectionError && /certificate|issuer/i.test(e.message),
    );
    assert.throws(
      () => new Client({ node, Connection: SocketConnection, tls: { rejectUnauthorized: false } }),
      errors.ConfigurationError,
    );
  } finally {
    await trusted.close();
    await untrusted.close();
    await server.shutdown();
  }
});

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

Deno.test({
  name: "[elasticsearch] /api/search answers 503 JSON while Elasticsearch is down, then recovers",
  ignore: !elasticUrl,
  async fn() {
    const proxy = startTcpProxy(elasticUrl!);
    const app = await createIndexingApp({ elasticUrl: proxy.url });
    try {
      const admin = await loginAs(app, { username: "admin1", admin: true });
      assert.equal((await admin.post("/api/memos", { title: "before", priority: 1 })).status, 201);
      const search = () => admin.get("/api/search?repo=memos&q=before");
      const up = await search();
      assert.equal(up.status, 200);
      assert.equal((await up.json())._meta.total, 1);
      proxy.stop();
      const down = await search();
      assert.equal(down.status, 503);
      assert.match(down.headers.get("content-type")!, /json/);
      assert.match((await down.json())._message, /Search is unavailable/);
      proxy.start();
      const back = await search();
      assert.equal(back.status, 200);
      assert.equal((await back.json())._meta.total, 1);
    } finally {
      await app.close();
      proxy.stop();
    }
  },
});
