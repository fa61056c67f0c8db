/**
 * `Http1Pool` against raw loopback servers that answer byte for byte: interim `1xx` answers are
 * skipped, `101` is refused, a connection with unread bytes after its answer is not reused, and
 * `busy` counts requests under way.
 */
import assert from "node:assert/strict";
import { Http1ConnectionError, Http1Pool } from "../../src/net/http1_pool.ts";
import { okAnswer, startRawHttpServer } from "../_raw_http_server.ts";

const decoder = new TextDecoder();

async function get(pool: Http1Pool) {
  const { status, body } = await pool.request({ method: "GET", path: "/", headers: {} });
  return `${status} ${decoder.decode(body)}`;
}

Deno.test("Http1Pool skips 100 Continue: each request of a kept connection reads its own answer", async () => {
  const server = startRawHttpServer((_, n) =>
    `HTTP/1.1 100 Continue\r\n\r\n${okAnswer(`answer ${n}`)}`
  );
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
  const server = startRawHttpServer((_, n) =>
    `HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n${
      okAnswer(`answer ${n}`)
    }`
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
  const server = startRawHttpServer(() =>
    "HTTP/1.1 101 Switching Protocols\r\nupgrade: h2c\r\n\r\n"
  );
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
  const server = startRawHttpServer((_, n) =>
    okAnswer(`answer ${n}`, okAnswer(`answer ${1000 + n}`))
  );
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
