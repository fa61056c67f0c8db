/**
 * Per-request context: a request id (the client's `X-Request-Id` when sane, else a new one,
 * echoed back), a child logger carrying it, one info log line per request, and the HTTP metrics
 * (count and latency by method, route and status).
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "../../log.ts";
import type { Labels, MetricsRegistry } from "../../metrics/registry.ts";

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
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    const requestLog = log.child({ request_id: requestId });
    c.set("requestId", requestId);
    c.set("log", requestLog);
    requestLog.debug("request started", { method: c.req.method, path: c.req.path });
    await next();
    c.header("X-Request-Id", requestId);
    const status = String(c.res.status);
    // The matched pattern, not the raw path, so metric cardinality stays bounded.
    const route = c.req.routePath || "unmatched";
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
