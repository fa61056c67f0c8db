/**
 * The request-limits middleware hands routes a request with the body it read, for any method
 * and `Host` a client may send: `new Request(url, { method })` refuses TRACE, CONNECT and TRACK
 * ("Method is forbidden") and URLs that do not parse, and rewrites those it normalizes, so a
 * request built from the URL and method would turn such a request with a body into a 500
 * (schemathesis found the methods) or reach the routes with another URL than the one sent.
 * Sent over a raw socket, as `fetch` refuses those methods and hosts too.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { bodyText } from "../../src/http/buffered_body.ts";
import { requestLimits } from "../../src/http/middleware/request_limits.ts";
import { onError } from "../../src/http/on_error.ts";
import type { RequestVariables } from "../../src/http/middleware/request_context.ts";

/** `Deno.serve`'s answer to `request` (a whole HTTP/1.1 request): status line and body. */
async function answerTo(port: number, request: string): Promise<[string, string]> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await connection.write(new TextEncoder().encode(request));
    const answer = new TextDecoder().decode(
      await new Response(connection.readable).arrayBuffer(),
    );
    return [answer.slice(0, answer.indexOf("\r\n")), answer.slice(answer.indexOf("\r\n\r\n") + 4)];
  } catch (error) {
    connection.close();
    throw error;
  }
}

/** Serves an echo of the method, URL and body behind the middleware while `test` runs. */
async function withEchoServer(test: (port: number) => Promise<void>) {
  const app = new Hono<{ Variables: RequestVariables }>();
  app.use(requestLimits({ maxBodyBytes: 1000, maxUrlLength: 1000, bodyTimeoutMs: 5000 }));
  app.all("*", async (c) => c.text(`${c.req.method} ${c.req.url} ${await bodyText(c.req.raw)}`));
  app.onError(onError);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  try {
    await test(server.addr.port);
  } finally {
    await server.shutdown();
  }
}

/** A request with a one-byte body of `type`, read ahead (`Content-Length`) or streamed. */
function withBody(head: string, host: string, type: string, streamed: boolean): string {
  const body = streamed
    ? "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"
    : "Content-Length: 1\r\n\r\nx";
  return `${head}\r\nHost: ${host}\r\nContent-Type: ${type}\r\nConnection: close\r\n${body}`;
}

Deno.test("a TRACE or TRACK request with a body reaches the routes with it (no 500)", async () => {
  await withEchoServer(async (port) => {
    for (const method of ["TRACE", "TRACK"]) {
      for (const type of ["application/octet-stream", "application/json"]) {
        const request = withBody(`${method} /echo HTTP/1.1`, "x", type, false);
        const [status, body] = await answerTo(port, request);
        assert.equal(status, "HTTP/1.1 200 OK", `${method} with ${type}`);
        assert.equal(body, `${method} http://x/echo x`);
      }
    }
  });
});

Deno.test("a request with a body reaches the routes with its URL as sent, parsable or not (no 500)", async () => {
  await withEchoServer(async (port) => {
    // A port out of range and a stray bracket do not parse; the others the URL parser rewrites.
    const cases = [
      { host: "x:99999", target: "/echo" },
      { host: "[::1", target: "/echo" },
      { host: "X:80", target: "/echo" },
      { host: "x", target: "/a/../echo?q='b'" },
    ];
    for (const { host, target } of cases) {
      for (const streamed of [false, true]) {
        const type = "application/octet-stream";
        const request = withBody(`POST ${target} HTTP/1.1`, host, type, streamed);
        const [status, body] = await answerTo(port, request);
        assert.equal(status, "HTTP/1.1 200 OK", `Host ${host}, ${target}, streamed: ${streamed}`);
        assert.equal(body, `POST http://${host}${target} x`);
      }
    }
  });
});
