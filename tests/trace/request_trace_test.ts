/**
 * Without an OpenTelemetry exporter the trace ids still travel: a request continues the client's
 * `traceparent` (or starts a trace), its id is the trace id (`X-Request-Id`, the `request_id` of
 * its log line), and what it enqueues carries the trace on.
 */
import assert from "node:assert/strict";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { createLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { traceProbeModule } from "../fixtures/trace_probe_module.ts";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

Deno.test({
  name: "the request id is the trace id, continued from traceparent and carried to the task",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const test = await createTestApp({ apps: [traceProbeModule] });
    const lines: Record<string, unknown>[] = [];
    const log = createLogger({ sink: (line) => lines.push(JSON.parse(line)) });
    const app = apiAppFor(test.platform, { log, metrics: new MetricsRegistry() });
    try {
      const admin = await loginAs(test, { username: "admin", admin: true });
      const continued = await app.request("/api/trace_probe", {
        method: "POST",
        headers: {
          Authorization: `Basic ${btoa(`${admin.token}:`)}`,
          traceparent: `00-${TRACE}-00f067aa0ba902b7-01`,
          "X-Request-Id": "client-42",
        },
      });
      assert.equal(continued.status, 202);
      assert.equal(continued.headers.get("x-request-id"), TRACE);
      const line = lines.find((record) => record.path === "/api/trace_probe")!;
      assert.equal(line.request_id, TRACE);
      assert.equal(line.client_request_id, "client-42");
      const [entry] = await test.platform.queue.read("test", { blockMs: 1000 });
      assert.equal(entry?.task, "trace:probe");
      assert.match(entry!.traceparent!, new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
      assert.ok(!entry!.traceparent!.includes("00f067aa0ba902b7"), "the enqueue is a child span");

      for (const traceparent of [undefined, "00-zz-00f067aa0ba902b7-01"]) {
        const fresh = await app.request("/health", { headers: traceparent ? { traceparent } : {} });
        const id = fresh.headers.get("x-request-id")!;
        assert.match(id, /^[0-9a-f]{32}$/);
        assert.notEqual(id, TRACE);
      }
    } finally {
      await test.close();
    }
  },
});
