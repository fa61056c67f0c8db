/**
 * `Http1Pool` against raw loopback servers that answer byte for byte: interim `1xx` answers are
 * skipped, `101` is refused, a connection with unread bytes after its answer is not reused, and
 * `busy` counts requests under way; bodies (text, non-ASCII, bytes) go with their byte length;
 * heads are parsed (repeats, folded lines, Object-member names) and refused past 64 KiB. Answers
 * read one byte at a time: `http1_pool_split_test.ts`.
 */
import assert from "node:assert/strict";
import { Http1ConnectionError, Http1HeaderBlock, Http1Pool } from "../../src/net/http1_pool.ts";
import { okAnswer, type RawHttpServer, startRawHttpServer } from "../_raw_http_server.ts";

const decoder = new TextDecoder();

/** Runs `fn` with a pool to a raw server answering with `answer`, closing both after. */
async function withRawServer(
  answer: Parameters<typeof startRawHttpServer>[0],
  fn: (pool: Http1Pool, server: RawHttpServer) => Promise<void>,
) {
  const server = startRawHttpServer(answer);
  const pool = new Http1Pool(server.url);
  try {
    await fn(pool, server);
  } finally {
    pool.close();
    await server.close();
  }
}

async function get(pool: Http1Pool) {
  const { status, body } = await pool.request({ method: "GET", path: "/", headers: {} });
  return `${status} ${decoder.decode(body)}`;
}

const CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n";
const EARLY_HINTS = "HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\n";

Deno.test("Http1Pool skips 100 Continue: each request of a kept connection reads its own answer", async () => {
  await withRawServer((_, n) => CONTINUE + okAnswer(`answer ${n}`), async (pool, server) => {
    for (let n = 1; n <= 4; n++) assert.equal(await get(pool), `200 answer ${n}`);
    assert.equal(server.connections, 1, "the connection was kept between requests");
  });
});

Deno.test("Http1Pool skips several interim answers before the final one", async () => {
  await withRawServer((_, n) => CONTINUE + EARLY_HINTS + okAnswer(`answer ${n}`), async (pool) => {
    for (let n = 1; n <= 3; n++) assert.equal(await get(pool), `200 answer ${n}`);
  });
});

Deno.test("Http1Pool refuses a 101 Switching Protocols answer", async () => {
  const switching = "HTTP/1.1 101 Switching Protocols\r\nupgrade: h2c\r\n\r\n";
  await withRawServer(() => switching, async (pool) => {
    await assert.rejects(get(pool), (error) => {
      assert.ok(error instanceof Http1ConnectionError);
      assert.match(error.message, /101/);
      return true;
    });
  });
});

Deno.test("Http1Pool closes a connection whose answer was followed by unread bytes", async () => {
  // The stray bytes look like a whole answer: reusing the connection would return it.
  const answer = (_: string, n: number) => okAnswer(`answer ${n}`, okAnswer(`stray ${n}`));
  await withRawServer(answer, async (pool, server) => {
    for (let n = 1; n <= 3; n++) assert.equal(await get(pool), `200 answer ${n}`);
    assert.equal(server.connections, 3, "each request had a new connection");
  });
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

Deno.test("Http1Pool sends each body whole with its byte length, on one kept connection", async () => {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (req) => new Response(`${req.headers.get("content-length")} ${await req.text()}`),
  );
  const pool = new Http1Pool(new URL(`http://127.0.0.1:${server.addr.port}`));
  try {
    // A long body, then shorter ones: what a connection sent before must not leak into the next.
    const bodies: Array<[string | Uint8Array, string]> = [
      ['{"q":"' + "x".repeat(5000) + '"}', '{"q":"' + "x".repeat(5000) + '"}'],
      ['{"q":"café ☕ 𝄞"}', '{"q":"café ☕ 𝄞"}'],
      ['{"q":1}', '{"q":1}'],
      ["y".repeat(70_000), "y".repeat(70_000)],
      [new TextEncoder().encode("bytes é"), "bytes é"],
      ["", ""],
    ];
    for (const [body, text] of bodies) {
      const answer = await pool.request({ method: "POST", path: "/", headers: {}, body });
      const length = new TextEncoder().encode(text).length;
      assert.equal(decoder.decode(answer.body), `${length} ${text}`);
    }
  } finally {
    pool.close();
    await server.shutdown();
  }
});

const encoder = new TextEncoder();

Deno.test("Http1Pool reads chunked bodies whole, as bytes or text, a character split between chunks", async () => {
  // Chunks of 40,000 bytes (more than a connection's first buffer, so reads compact and grow
  // it mid-body), the second cut inside "é", with a chunk extension and trailers.
  const text = "a".repeat(39_999) + "é" + "b".repeat(79_999) + "☕";
  const bytes = encoder.encode(text);
  const cut = [0, 40_000, 80_000, bytes.length];
  const chunks = cut.slice(1).map((end, i) => bytes.subarray(cut[i], end));
  const answer = new Uint8Array(
    await new Blob([
      "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n",
      ...chunks.flatMap((chunk, i) => [
        `${chunk.length.toString(16)}${i === 1 ? ";name=value" : ""}\r\n`,
        chunk,
        "\r\n",
      ]),
      "0\r\nx-trailer: 1\r\n\r\n",
    ]).arrayBuffer(),
  );
  await withRawServer(() => answer, async (pool) => {
    const request = { method: "GET", path: "/", headers: {} };
    for (let n = 0; n < 2; n++) {
      assert.equal((await pool.requestText(request)).text, text);
      assert.deepEqual((await pool.request(request)).body, bytes);
    }
  });
});

Deno.test("Http1Pool reads a body of a known length as text; a malformed chunk size is refused", async () => {
  const text = '{"q":"café ☕ 𝄞"}';
  const answers = [
    `HTTP/1.1 200 OK\r\ncontent-length: ${encoder.encode(text).length}\r\n\r\n${text}`,
    "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n",
  ];
  await withRawServer((_, n) => answers[n - 1]!, async (pool) => {
    const request = { method: "GET", path: "/", headers: {} };
    assert.equal((await pool.requestText(request)).text, text);
    await assert.rejects(pool.requestText(request), (error) => {
      assert.ok(error instanceof Http1ConnectionError);
      assert.equal(error.message, "malformed chunk size: zz");
      return true;
    });
  });
});

Deno.test("Http1Pool reads a chunk size by its hex digits only: leading zeros read, control bytes refused", async () => {
  // Bytes 0x10-0x19 lower-cased (| 0x20) would look like the digits 0-9.
  const chunked = (size: string) =>
    `HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n${size}\r\nab\r\n0\r\n\r\n`;
  const answers = [chunked("00000000000000002"), chunked("\x12"), chunked("\x19a")];
  await withRawServer((_, n) => answers[n - 1]!, async (pool) => {
    const request = { method: "GET", path: "/", headers: {} };
    assert.equal((await pool.requestText(request)).text, "ab");
    for (const size of ["\x12", "\x19a"]) {
      await assert.rejects(pool.requestText(request), (error) => {
        assert.ok(error instanceof Http1ConnectionError);
        assert.equal(error.message, `malformed chunk size: ${size}`);
        return true;
      });
    }
  });
});

Deno.test("Http1HeaderBlock headers are sent as given; a line break in one is refused", async () => {
  assert.throws(() => new Http1HeaderBlock({ "x-a": "1\r\nx-b: 2" }), Http1ConnectionError);
  await withRawServer(() => okAnswer("ok"), async (pool, server) => {
    const headers = new Http1HeaderBlock({ "x-a": "1", accept: "application/json" });
    for (let n = 0; n < 2; n++) {
      await pool.request({ method: "POST", path: "/p", headers, body: "ab" });
    }
    const head = `POST /p HTTP/1.1\r\nhost: ${server.url.host}\r\n` +
      "x-a: 1\r\naccept: application/json\r\ncontent-length: 2";
    assert.deepEqual(server.heads, [head, head]);
  });
});

Deno.test("Http1Pool reads an answer's head: its code, names lower-cased, repeats joined, folded lines, any name", async () => {
  // `constructor` and `toString` name members every object inherits: still plain headers.
  // A folded line (leading space or tab) continues the header before it, colons and all.
  const head = "HTTP/1.1 201 Created\r\nX-Seen: 1\r\nconstructor: c\r\nx-seen:  2 \r\n" +
    "toString: t\r\nx-folded: a\r\n  b: c\r\n\td\r\ncontent-length: 2\r\n\r\nok";
  await withRawServer(() => head, async (pool) => {
    const answer = await pool.request({ method: "GET", path: "/", headers: {} });
    assert.equal(answer.status, 201);
    assert.deepEqual(answer.headers, {
      "x-seen": "1, 2",
      constructor: "c",
      tostring: "t",
      "x-folded": "a b: c d",
      "content-length": "2",
    });
    assert.equal(decoder.decode(answer.body), "ok");
  });
});

Deno.test("Http1Pool sends a request longer than its write buffer, non-ASCII in the head, then a short one", async () => {
  await withRawServer(() => okAnswer("ok"), async (pool, server) => {
    const long = { method: "POST", path: "/é", headers: { "x-a": "ü" }, body: "b".repeat(6000) };
    await pool.request(long);
    await pool.request({ method: "POST", path: "/s", headers: {}, body: "ab" });
    assert.deepEqual(server.heads, [
      `POST /é HTTP/1.1\r\nhost: ${server.url.host}\r\nx-a: ü\r\ncontent-length: 6000`,
      `POST /s HTTP/1.1\r\nhost: ${server.url.host}\r\ncontent-length: 2`,
    ]);
    assert.equal(server.connections, 1);
  });
});

Deno.test("Http1Pool refuses an endless head, chunk-size line or trailers without waiting for their end", async () => {
  // None of these answers ends, and the server keeps the connection open: only the limit
  // (64 KiB) can stop the read (the timeout only turns a regression's hang into a failure).
  const chunked = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n";
  const answers = [
    `HTTP/1.1 200 OK\r\nx-a: ${"a".repeat(70_000)}`,
    `${chunked}${"0".repeat(70_000)}`,
    `${chunked}2\r\nab\r\n0\r\n${"x-t: 1\r\n".repeat(10_000)}`,
  ];
  const messages = [
    "the answer's head is too long",
    "a line of the chunked body is too long",
    "the trailers are too long",
  ];
  await withRawServer((_, n) => answers[n - 1]!, async (pool, server) => {
    for (const message of messages) {
      const request = { method: "GET", path: "/", headers: {}, timeoutMs: 60_000 };
      await assert.rejects(pool.request(request), (error) => {
        assert.ok(error instanceof Http1ConnectionError);
        assert.equal(error.message, message);
        return true;
      });
    }
    await server.closedBy(3);
  });
});
