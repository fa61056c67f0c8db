/**
 * Serves an echo route behind the request-limits middleware with `Deno.serve`, posts one
 * streamed body and one announced non-JSON body to it, prints both echoes and stops: run as a
 * child process by `request_limits_runtime_test.ts`, which reads what the runtime wrote to stderr.
 */
import { Hono } from "hono";
import { requestLimits } from "../../src/http/middleware/request_limits.ts";
import { printLine } from "../../src/log.ts";

const app = new Hono();
app.use(requestLimits({ maxBodyBytes: 1000, maxUrlLength: 1000, bodyTimeoutMs: 5000 }));
app.post("/echo", async (c) => c.text(await c.req.raw.text()));
const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, app.fetch);
const url = `http://127.0.0.1:${server.addr.port}/echo`;
const streamed = new ReadableStream<Uint8Array>({
  start(controller) {
    controller.enqueue(new TextEncoder().encode("streamed body"));
    controller.close();
  },
});
for (const body of [streamed, "announced body"]) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/octet-stream" },
    body,
  });
  printLine(await response.text());
}
await server.shutdown();
