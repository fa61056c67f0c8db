/**
 * The request-limits middleware hands routes a request with the body it read, for any method a
 * client may send: `new Request(url, { method })` refuses TRACE, CONNECT and TRACK ("Method is
 * forbidden"), so a request built from the URL and method would turn such a request with a body
 * into a 500 (schemathesis found it); one derived from the original keeps its method. Sent over
 * a raw socket, as `fetch` refuses those methods too.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { bodyText } from "../../src/http/buffered_body.ts";
import { requestLimits } from "../../src/http/middleware/request_limits.ts";
import { onError } from "../../src/http/on_error.ts";
import type { RequestVariables } from "../../src/http/middleware/request_context.ts";

/** The status line `Deno.serve` answers to `head` and a one-byte body of `type`. */
async function statusOf(port: number, head: string, type: string): Promise<string> {
  const connection = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const request = `${head}\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: 1\r\n` +
      "Connection: close\r\n\r\nx";
    await connection.write(new TextEncoder().encode(request));
    const answer = new TextDecoder().decode(
      await new Response(connection.readable).arrayBuffer(),
    );
    return answer.slice(0, answer.indexOf("\r\n"));
  } catch (error) {
    connection.close();
    throw error;
  }
}

Deno.test("a TRACE or TRACK request with a body reaches the routes with it (no 500)", async () => {
  const app = new Hono<{ Variables: RequestVariables }>();
  app.use(requestLimits({ maxBodyBytes: 1000, maxUrlLength: 1000, bodyTimeoutMs: 5000 }));
  app.all("/echo", async (c) => c.text(`${c.req.method} ${await bodyText(c.req.raw)}`));
  app.onError(onError);
  const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
  try {
    for (const method of ["TRACE", "TRACK"]) {
      for (const type of ["application/octet-stream", "application/json"]) {
        const status = await statusOf(server.addr.port, `${method} /echo HTTP/1.1`, type);
        assert.equal(status, "HTTP/1.1 200 OK", `${method} with ${type}`);
      }
    }
  } finally {
    await server.shutdown();
  }
});
