/**
 * `Http1Pool` reading answers that arrive one byte per read: every boundary inside a head, a
 * chunk-size line, a chunk, its CRLF and the trailers is a read boundary, and each answer
 * leaves the kept connection exactly at the next one. A server's one-byte writes may still be
 * coalesced by TCP, so the client's reads are cut instead (its `Deno.connect` wrapped), which
 * makes every split certain. Also: an exchange stopped mid-answer never returns its connection
 * to the pool, and a bad request rejects rather than throws.
 */
import assert from "node:assert/strict";
import { Http1AbortedError, Http1ConnectionError, Http1Pool } from "../../src/net/http1_pool.ts";
import { okAnswer, startRawHttpServer } from "../_raw_http_server.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Runs `fn` with every socket `Deno.connect` opens reading at most one byte at a time;
 * `onRead` is told how many bytes were read so far, over all sockets.
 */
async function withOneByteReads(fn: () => Promise<void>, onRead?: (total: number) => void) {
  const connect = Deno.connect;
  let total = 0;
  Deno.connect = (async (options: Deno.ConnectOptions) => {
    const conn = await connect(options);
    const read = conn.read.bind(conn);
    conn.read = async (buffer: Uint8Array) => {
      const count = await read(buffer.subarray(0, 1));
      if (count) onRead?.(total += count);
      return count;
    };
    return conn;
  }) as typeof Deno.connect;
  try {
    await fn();
  } finally {
    Deno.connect = connect;
  }
}

/**
 * A loopback server writing each connection's one answer byte by byte, then closing it: for
 * answers that end with the connection.
 */
function startClosingServer(answers: string[]) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serving = (async () => {
    for (const answer of answers) {
      const conn = await listener.accept();
      const buffer = new Uint8Array(4096);
      let head = "";
      while (!head.includes("\r\n\r\n")) {
        const read = await conn.read(buffer);
        if (read === null) break;
        head += decoder.decode(buffer.subarray(0, read));
      }
      for (const byte of encoder.encode(answer)) await conn.write(new Uint8Array([byte]));
      conn.close();
    }
    listener.close();
  })();
  return { url: new URL(`http://127.0.0.1:${(listener.addr as Deno.NetAddr).port}`), serving };
}

const chunkedText = "é" + "x".repeat(20) + "☕";
const chunkedBytes = encoder.encode(chunkedText);
/** Three chunks, "é" and "☕" each cut between two of them, an extension and trailers. */
const CHUNKED = [
  "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nx-a: 1\r\nX-A: 2\r\n\r\n",
  `1;ext="a;b"\r\n`,
  chunkedBytes.subarray(0, 1),
  "\r\n",
  `${(chunkedBytes.length - 2).toString(16).toUpperCase()}\r\n`,
  chunkedBytes.subarray(1, -1),
  "\r\n",
  "1\r\n",
  chunkedBytes.subarray(-1),
  "\r\n",
  "0\r\nx-trailer: t\r\nx-other: o\r\n\r\n",
];

/** Each answer in order, with what a request reads from it. */
const ANSWERS: Array<
  {
    answer: Array<string | Uint8Array<ArrayBuffer>>;
    status: number;
    headers?: Record<string, string>;
    text: string;
  }
> = [
  {
    // Interim answer first; a value holding colons; a non-ASCII body counted in bytes.
    answer: [
      "HTTP/1.1 100 Continue\r\n\r\n",
      "HTTP/1.1 200 OK\r\nLocation: http://h:9200/a?b=c:d\r\ncontent-length: 8\r\n\r\ncafé☕",
    ],
    status: 200,
    headers: { location: "http://h:9200/a?b=c:d", "content-length": "8" },
    text: "café☕",
  },
  { answer: CHUNKED, status: 200, text: chunkedText },
  // No body however the headers read.
  { answer: ["HTTP/1.1 204 No Content\r\ncontent-length: 5\r\n\r\n"], status: 204, text: "" },
  { answer: ["HTTP/1.1 304 Not Modified\r\netag: x\r\n\r\n"], status: 304, text: "" },
  { answer: ["HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"], status: 200, text: "" },
];

async function bytesOf(parts: Array<string | Uint8Array<ArrayBuffer>>) {
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

Deno.test("Http1Pool reads answers cut at every byte, as text and bytes, on one kept connection", async () => {
  const answers = await Promise.all(ANSWERS.map(({ answer }) => bytesOf(answer)));
  // Each answer twice (for requestText, then request); a HEAD answer announces 8 bytes.
  const server = startRawHttpServer((head, n) =>
    head.startsWith("HEAD ")
      ? "HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\n"
      : answers[Math.floor((n - 1) / 2) % answers.length]!
  );
  const pool = new Http1Pool(server.url);
  try {
    await withOneByteReads(async () => {
      for (const { status, headers, text } of ANSWERS) {
        const request = { method: "GET", path: "/", headers: {} };
        const asText = await pool.requestText(request);
        assert.equal(asText.status, status);
        assert.equal(asText.text, text);
        if (headers) assert.deepEqual(asText.headers, headers);
        const asBytes = await pool.request(request);
        assert.equal(asBytes.status, status);
        assert.deepEqual(asBytes.body, encoder.encode(text));
      }
      // A HEAD answer's content-length announces a body that is not sent: the next answer
      // follows its head.
      const head = await pool.request({ method: "HEAD", path: "/", headers: {} });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      assert.equal(
        decoder.decode((await pool.request({ method: "GET", path: "/", headers: {} })).body),
        "café☕",
      );
    });
    assert.equal(server.connections, 1, "every answer left the connection at the next one");
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool cut at every byte: repeated headers joined, trailers not taken as headers", async () => {
  const answer = await bytesOf(CHUNKED);
  const server = startRawHttpServer(() => answer);
  const pool = new Http1Pool(server.url);
  try {
    await withOneByteReads(async () => {
      const { headers } = await pool.request({ method: "GET", path: "/", headers: {} });
      assert.deepEqual(headers, { "transfer-encoding": "chunked", "x-a": "1, 2" });
    });
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool cut at every byte: `connection: close`, HTTP/1.0 and an answer ended by close are not kept", async () => {
  const server = startClosingServer([
    "HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\ncontent-length: 2\r\n\r\nab",
    "HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\ncd",
    "HTTP/1.1 200 OK\r\n\r\nto the end é",
  ]);
  const pool = new Http1Pool(server.url);
  try {
    const bodies: string[] = [];
    await withOneByteReads(async () => {
      // Each on a connection of its own: the server accepts the next only after closing one.
      for (let n = 1; n <= 3; n++) {
        bodies.push((await pool.requestText({ method: "GET", path: "/", headers: {} })).text);
      }
    });
    assert.deepEqual(bodies, ["ab", "cd", "to the end é"]);
    await server.serving;
  } finally {
    pool.close();
  }
});

Deno.test("Http1Pool: an exchange aborted mid-body closes its connection; the next gets its own answer", async () => {
  const partial = "HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nfirst";
  // The first answer stops half-way (5 of its 10 bytes) and is aborted there.
  const server = startRawHttpServer((_, n) => n > 1 ? okAnswer("second") : partial);
  const pool = new Http1Pool(server.url);
  const controller = new AbortController();
  let readHalf!: () => void;
  const halfRead = new Promise<void>((resolve) => readHalf = resolve);
  try {
    await withOneByteReads(async () => {
      const pending = pool.request({
        method: "GET",
        path: "/",
        headers: {},
        signal: controller.signal,
      });
      await halfRead;
      controller.abort();
      await assert.rejects(pending, Http1AbortedError);
      await server.closedBy(1);
      const next = await pool.request({ method: "GET", path: "/", headers: {} });
      assert.equal(decoder.decode(next.body), "second");
    }, (total) => total === partial.length && readHalf());
    assert.equal(server.connections, 2);
    assert.equal(pool.busy, 0);
  } finally {
    pool.close();
    await server.close();
  }
});

Deno.test("Http1Pool rejects, never throws, on a request it cannot send", async () => {
  const pool = new Http1Pool(new URL("http://127.0.0.1:9"));
  try {
    const pending = pool.request({ method: "GET", path: "/", headers: { "x-a": "1\r\nx-b: 2" } });
    await assert.rejects(pending, Http1ConnectionError);
    const text = pool.requestText({ method: "GET", path: "/", headers: { "x\n": "1" } });
    await assert.rejects(text, Http1ConnectionError);
  } finally {
    pool.close();
  }
});
