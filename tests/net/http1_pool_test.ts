/**
 * `Http1Pool` against raw loopback servers that answer byte for byte: interim `1xx` answers are
 * skipped, `101` is refused, a connection with unread bytes after its answer is not reused, and
 * `busy` counts requests under way.
 */
import assert from "node:assert/strict";
import { Http1ConnectionError, Http1Pool } from "../../src/net/http1_pool.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A server that answers each request head (no bodies are sent to it) with `answer(n)`. */
function rawServer(answer: (n: number) => string) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.Conn[] = [];
  let requests = 0;
  let connections = 0;
  const serving = (async () => {
    for await (const conn of listener) {
      connections++;
      conns.push(conn);
      (async () => {
        const buffer = new Uint8Array(4096);
        let pending = "";
        for (;;) {
          const read = await conn.read(buffer).catch(() => null);
          if (read === null) break;
          pending += decoder.decode(buffer.subarray(0, read));
          let end: number;
          while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
            pending = pending.slice(end + 4);
            await conn.write(encoder.encode(answer(++requests))).catch(() => 0);
          }
        }
      })();
    }
  })();
  return {
    url: new URL(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`),
    get connections() {
      return connections;
    },
    async close() {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // closed by the client
        }
      }
      await serving.catch(() => {});
    },
  };
}

function final(n: number, extra = "") {
  const body = `answer ${n}`;
  return `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\n\r\n${body}${extra}`;
}

async function get(pool: Http1Pool) {
  const { status, body } = await pool.request({ method: "GET", path: "/", headers: {} });
  return `${status} ${decoder.decode(body)}`;
}

Deno.test("Http1Pool skips 100 Continue: each request of a kept connection reads its own answer", async () => {
  const server = rawServer((n) => `HTTP/1.1 100 Continue\r\n\r\n${final(n)}`);
  const pool = new Http1Pool(server.url);
  try {
    for (let n = 1; n <= 4; n++) assert.equal(await get(pool), `200 answer ${n}`);
    assert.equal(server.connections, 1, "the connection was kept between requests");
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool skips several interim answers before the final one", async () => {
  const server = rawServer((n) =>
    `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n${final(n)}`
  );
  const pool = new Http1Pool(server.url);
  try {
    for (let n = 1; n <= 3; n++) assert.equal(await get(pool), `200 answer ${n}`);
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool refuses a 101 Switching Protocols answer", async () => {
  const server = rawServer(() => "HTTP/1.1 101 Switching Protocols\r\nupgrade: h2c\r\n\r\n");
  const pool = new Http1Pool(server.url);
  try {
    await assert.rejects(get(pool), (error) => {
      assert.ok(error instanceof Http1ConnectionError);
      assert.match(error.message, /101/);
      return true;
    });
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool closes a connection whose answer was followed by unread bytes", async () => {
  // The stray bytes look like a whole answer: reusing the connection would return it.
  const server = rawServer((n) => final(n, final(1000 + n)));
  const pool = new Http1Pool(server.url);
  try {
    for (let n = 1; n <= 3; n++) assert.equal(await get(pool), `200 answer ${n}`);
    assert.equal(server.connections, 3, "each request had a new connection");
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool.busy counts requests under way", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => arrived = resolve);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
    arrived();
    await released;
    return new Response("done");
  });
  const pool = new Http1Pool(new URL(`http://127.0.0.1:${server.addr.port}`));
  try {
    assert.equal(pool.busy, 0);
    const pending = get(pool);
    await arrival;
    assert.equal(pool.busy, 1);
    release();
    assert.equal(await pending, "200 done");
    assert.equal(pool.busy, 0);
  } finally {
    pool.close();
    await server.shutdown();
  }
});
