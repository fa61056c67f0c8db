/**
 * Child of `request_limits_notice_test.ts`: serves an echo route behind the request-limits
 * middleware, sends it a buffered and a streamed non-JSON body, prints each answer on a line of
 * stdout and exits. Whatever Deno prints about the served requests lands on its stderr.
 */
import { Hono } from "hono";
import { printLine } from "../../src/log.ts";
import { requestLimits } from "../../src/http/middleware/request_limits.ts";
import { onError } from "../../src/http/on_error.ts";
import type { RequestVariables } from "../../src/http/middleware/request_context.ts";

const app = new Hono<{ Variables: RequestVariables }>();
app.use(requestLimits({ maxBodyBytes: 1000, maxUrlLength: 1000, bodyTimeoutMs: 5000 }));
app.all("/echo", async (c) => c.text(`${c.req.method} ${await c.req.raw.text()}`));
app.onError(onError);
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
const url = `http://127.0.0.1:${server.addr.port}/echo`;
const type = { "Content-Type": "application/octet-stream" };
const streamed = new ReadableStream<Uint8Array>({
  start(controller) {
    controller.enqueue(new TextEncoder().encode("streamed"));
    controller.close();
  },
});
for (
  const init of [
    { method: "POST", headers: type, body: "buffered" },
    { method: "PUT", headers: type, body: streamed, duplex: "half" },
  ]
) {
  printLine(await (await fetch(url, init as RequestInit)).text());
}
await server.shutdown();
