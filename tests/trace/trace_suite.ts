/**
 * One trace across the roles, exported over OTLP by Deno's built-in OpenTelemetry
 * (`OTEL_DENO=true`) to a receiver of ours: `POST /api/trace_probe` (Deno's server span) →
 * `enqueue trace:probe` → `task trace:probe` in a worker thread → `notify trace:probe` →
 * `ws send trace:probe` when the event reaches the socket. Every span continues the client's
 * `traceparent`, each is the child of the one before, and the request's and the task's log
 * lines carry the trace id. Run on the embedded engines and on MongoDB + Redis.
 */
import assert from "node:assert/strict";
import { TIMED_OUT, within } from "../../src/deadline.ts";
import { runBinary, startServer } from "../_server_process.ts";
import { otlpReceiver, type ReceivedSpan } from "./_otlp_receiver.ts";

const ENTRY = new URL("./_probe_server.ts", import.meta.url).pathname;
const PASSWORD = "trace-admin-password";
const SERVER = 2, PRODUCER = 4, CONSUMER = 5;

/** `promise`'s value, failing the test (with `detail`) if it takes over 60 s. */
async function bounded<T>(promise: Promise<T>, what: string, detail = () => ""): Promise<T> {
  const value = await within(promise, 60_000);
  if (value === TIMED_OUT) throw new Error(`no ${what} after 60 s ${detail()}`);
  return value;
}

/** Registers the test with the engines of `env` (empty: embedded). */
export function traceSuite(
  name: string,
  env: Record<string, string>,
  { ignore = false, cleanup }: { ignore?: boolean; cleanup?: () => Promise<void> } = {},
) {
  Deno.test({
    name: `[${name}] a request, the task it enqueues and the socket event it causes form one trace`,
    ignore,
    sanitizeResources: false,
    sanitizeOps: false,
    async fn() {
      if (env.MONGO_URI) {
        // The embedded store creates the first admin itself; on MongoDB the CLI does.
        const created = await runBinary([
          "users:create",
          "--username=admin",
          `--password=${PASSWORD}`,
          "--email=admin@example.com",
          "--admin",
        ], env);
        assert.equal(created.code, 0, created.stderr);
      }
      const receiver = otlpReceiver();
      const server = await startServer(["--role=all"], {
        entry: ENTRY,
        listening: ["api", "ws"],
        env: {
          ...env,
          WORKERS: "1",
          SUPERDESK_ADMIN_PASSWORD: PASSWORD,
          OTEL_DENO: "true",
          OTEL_DENO_CONSOLE: "ignore",
          OTEL_SERVICE_NAME: "superdesk-test",
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
          OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
        },
      });
      try {
        const api = `http://127.0.0.1:${server.ports.api}`;
        await server.waitFor((record) => record.msg === "task worker ready");
        const login = await fetch(`${api}/api/auth_db`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ username: "admin", password: PASSWORD }),
        });
        assert.equal(login.status, 201);
        const { token } = await login.json();
        const socket = new WebSocket(`ws://127.0.0.1:${server.ports.ws}/?token=${token}`);
        const event = new Promise<Record<string, unknown>>((resolve) => {
          socket.onmessage = (message) => {
            const data = JSON.parse(message.data);
            if (data.event === "trace:probe") resolve(data);
          };
        });
        await new Promise((resolve) => socket.onopen = resolve);

        const traceId = crypto.randomUUID().replaceAll("-", "");
        const clientSpan = "00f067aa0ba902b7";
        const response = await fetch(`${api}/api/trace_probe`, {
          method: "POST",
          headers: {
            Authorization: `Basic ${btoa(`${token}:`)}`,
            traceparent: `00-${traceId}-${clientSpan}-01`,
          },
        });
        assert.equal(response.status, 202);
        assert.equal(response.headers.get("x-request-id"), traceId, "request id = trace id");
        await response.body?.cancel();
        const delivered = await bounded(event, "the socket event");
        assert.equal("traceparent" in delivered, false, "clients never see the trace context");

        const inTrace = () => receiver.spans.filter((span) => span.traceId === traceId);
        const named = (prefix: string) => inTrace().find((span) => span.name.startsWith(prefix));
        const names = ["POST", "enqueue trace:probe", "task trace:probe", "notify trace:probe"];
        await bounded(
          receiver.waitUntil(() => [...names, "ws send trace:probe"].every((n) => named(n))),
          "the spans",
          () => JSON.stringify(receiver.spans.map(({ name, traceId }) => ({ name, traceId }))),
        );
        const [request, enqueue, task, notify, send] = [...names, "ws send trace:probe"]
          .map((n) => named(n)!) as ReceivedSpan[];
        assert.equal(request!.kind, SERVER);
        assert.equal(request!.parentSpanId, clientSpan);
        assert.equal(request!.name, "POST /api/trace_probe");
        assert.equal(enqueue!.kind, PRODUCER);
        assert.equal(enqueue!.parentSpanId, request!.spanId);
        assert.equal(task!.kind, CONSUMER);
        assert.equal(task!.parentSpanId, enqueue!.spanId);
        assert.equal(notify!.kind, PRODUCER);
        assert.equal(notify!.parentSpanId, task!.spanId);
        assert.equal(send!.kind, CONSUMER);
        assert.equal(send!.parentSpanId, notify!.spanId);
        assert.equal(send!.attributes["superdesk.ws.clients"], 1);
        assert.equal(task!.service, "superdesk-test");

        const requestLine = await server.waitFor((r) => r.path === "/api/trace_probe");
        assert.equal(requestLine.request_id, traceId);
        const taskLine = await server.waitFor((r) => r.msg === "trace probe ran");
        assert.equal(taskLine.trace_id, traceId);
        socket.close();
      } finally {
        assert.equal(await server.stop(), 0);
        await receiver.close();
        await cleanup?.();
      }
    },
  });
}
