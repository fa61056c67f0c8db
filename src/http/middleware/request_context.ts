/**
 * Per-request context: the request's trace (the span Deno's OpenTelemetry opened for it when
 * tracing is on, else the client's `traceparent` continued, else a new trace), whose trace id is
 * the request id (in every log line of the request and echoed as `X-Request-Id`); a child logger
 * carrying it; one info log line per request; and the HTTP metrics (count and latency by method,
 * route and status).
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Logger } from "../../log.ts";
import type { Labels, MetricsRegistry } from "../../metrics/registry.ts";
import type { Span } from "@opentelemetry/api";
import { activeSpan } from "../../trace/spans.ts";
import {
  parseTraceparent,
  randomId,
  runInTrace,
  type TraceContext,
} from "../../trace/trace_context.ts";

/** Variables this middleware sets on the Hono context. */
export interface RequestVariables {
  requestId: string;
  log: Logger;
}

export interface RequestContextOptions {
  log: Logger;
  metrics: MetricsRegistry;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The trace of a request no server span covers: the client's continued, or a new one. */
function requestTrace(traceparent: string | undefined): TraceContext {
  const incoming = parseTraceparent(traceparent);
  return {
    traceId: incoming?.traceId ?? randomId(16),
    spanId: randomId(8),
    sampled: incoming?.sampled ?? false,
  };
}

function contextOf(span: Span): TraceContext {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { traceId, spanId, sampled: (traceFlags & 1) === 1 };
}

/**
 * Sets a header on the finished response in place (Hono's `c.header` would copy the whole
 * Response first); a response with immutable headers (passed through from `fetch`) is copied.
 */
function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set(name, value);
  }
}

/** Creates the request-context middleware. */
export function requestContext(
  { log, metrics }: RequestContextOptions,
): MiddlewareHandler<{ Variables: RequestVariables }> {
  const requests = metrics.counter("http_requests_total", "HTTP requests by method, route, status");
  const latency = metrics.histogram(
    "http_request_duration_seconds",
    "HTTP request latency by method, route, status",
  );
  // One frozen label object per method/route/status, reused so the registry builds each key
  // once (the set is bounded: routes are patterns).
  const labelSets = new Map<string, Labels>();
  const labelsOf = (method: string, route: string, status: string): Labels => {
    const id = `${method} ${status} ${route}`;
    let labels = labelSets.get(id);
    if (!labels) labelSets.set(id, labels = Object.freeze({ method, route, status }));
    return labels;
  };
  return async function requestContextMiddleware(c, next) {
    const started = performance.now();
    const server = activeSpan();
    const trace = server ? contextOf(server) : requestTrace(c.req.header("traceparent"));
    const requestId = trace.traceId;
    const clientId = c.req.header("x-request-id");
    const requestLog = log.child({
      request_id: requestId,
      ...(clientId && SANE_REQUEST_ID.test(clientId) ? { client_request_id: clientId } : {}),
    });
    c.set("requestId", requestId);
    c.set("log", requestLog);
    requestLog.debug("request started", { method: c.req.method, path: c.req.path });
    await runInTrace(trace, next);
    setResponseHeader(c, "X-Request-Id", requestId);
    const status = String(c.res.status);
    // The matched pattern, not the raw path, so metric cardinality stays bounded.
    const route = c.req.routePath || "unmatched";
    server?.updateName(`${c.req.method} ${route}`);
    server?.setAttribute("http.route", route);
    const seconds = (performance.now() - started) / 1000;
    const labels = labelsOf(c.req.method, route, status);
    requests.inc(labels);
    latency.observe(seconds, labels);
    requestLog.info("request", {
      method: c.req.method,
      path: c.req.path,
      route,
      status: c.res.status,
      ms: Math.round(seconds * 100_000) / 100,
    });
  };
}
