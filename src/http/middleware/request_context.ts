/**
 * The per-request pipeline in front of every route, as ONE middleware pass (each level of Hono's
 * middleware chain costs promises and closures on every request): the request's trace (the span
 * Deno's OpenTelemetry opened for it when tracing is on, else the client's `traceparent`
 * continued, else a new trace), whose trace id is the request id (in every log line of the
 * request and echoed as `X-Request-Id`); a child logger carrying it; CORS (`cors.ts`: preflights
 * answered here, the origin's headers on every answer); the request limits
 * (`request_limits.ts`); one info log line per request; and the HTTP metrics (count and latency
 * by method, route and status, each series resolved once).
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Logger } from "../../log.ts";
import type { CounterSeries, HistogramSeries, MetricsRegistry } from "../../metrics/registry.ts";
import type { Span } from "@opentelemetry/api";
import { activeSpan } from "../../trace/spans.ts";
import { parseTraceparent, randomId, runInTrace } from "../../trace/trace_context.ts";
import { RequestTrace, restIsScopeFree, type TraceVariables } from "../request_trace.ts";
import { type CorsOptions, corsPolicy } from "./cors.ts";
import { type RequestLimitOptions, requestLimits } from "./request_limits.ts";

/** Variables this middleware sets on the Hono context. */
export interface RequestVariables extends TraceVariables {
  requestId: string;
  log: Logger;
}

export interface RequestContextOptions {
  log: Logger;
  metrics: MetricsRegistry;
  /** Cross-origin rules (`X_DOMAINS` ...). */
  crossOrigin: CorsOptions;
  /** Body, URL and body-time limits. */
  limits: RequestLimitOptions;
  /** Renders an error the limits raise (the app's `onError`). */
  onError: (error: Error, c: Context<{ Variables: RequestVariables }>) => Response;
}

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The methods counted under their own name; any other token a client sends is counted as
 * `_OTHER` (OpenTelemetry's spelling), so made-up methods cannot grow the metric series.
 */
const COUNTED_METHODS = new Set([
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
  "CONNECT",
  "TRACE",
]);

/**
 * The trace of the request: the server span's, else the client's continued, else a new one;
 * with the headers its answers carry.
 */
function requestTrace(
  server: Span | undefined,
  traceparent: string | null,
  cors: Readonly<Record<string, string>> | undefined,
): RequestTrace {
  let traceId: string, sampled: boolean;
  let spanId: string | undefined;
  if (server) {
    const context = server.spanContext();
    ({ traceId, spanId } = context);
    sampled = (context.traceFlags & 1) === 1;
  } else {
    const incoming = parseTraceparent(traceparent);
    traceId = incoming?.traceId ?? randomId(16);
    sampled = incoming?.sampled ?? false;
  }
  const headers = cors
    ? { "X-Request-Id": traceId, ...cors, Vary: "Origin" }
    : { "X-Request-Id": traceId, Vary: "Origin" };
  return new RequestTrace(traceId, spanId, sampled, headers);
}

/**
 * Gives the finished response the request's headers, unless it was built with them
 * (`wire_json.ts`): set in place (Hono's `c.header` would copy the whole Response first); a
 * response with immutable headers (passed through from `fetch`) is copied.
 */
function decorate(c: Context, trace: RequestTrace): void {
  if (c.res === trace.answered) return;
  try {
    const headers = c.res.headers;
    // Built with them, though not the last answer built (`answered`).
    if (headers.get("X-Request-Id") === trace.traceId) return;
    addHeaders(headers, trace.headers);
  } catch {
    c.res = new Response(c.res.body, c.res);
    addHeaders(c.res.headers, trace.headers);
  }
}

/** Sets `added` on `headers`, `Vary` appended to any the route gave. */
function addHeaders(headers: Headers, added: Readonly<Record<string, string>>): void {
  for (const name in added) {
    if (name === "Vary") headers.append(name, added[name]!);
    else headers.set(name, added[name]!);
  }
}

/** The count and latency series of one method, route and status. */
interface Series {
  requests: CounterSeries;
  latency: HistogramSeries;
}

/** Creates the request pipeline's middleware. */
export function requestContext(
  { log, metrics, crossOrigin, limits, onError }: RequestContextOptions,
): MiddlewareHandler<{ Variables: RequestVariables }> {
  const cors = corsPolicy(crossOrigin);
  const admit = requestLimits(limits);
  const requests = metrics.counter("http_requests_total", "HTTP requests by method, route, status");
  const latency = metrics.histogram(
    "http_request_duration_seconds",
    "HTTP request latency by method, route, status",
  );
  // route → method → status → series; bounded, as routes are patterns and methods counted.
  const seriesByRoute = new Map<string, Map<string, Map<number, Series>>>();
  const seriesOf = (method: string, route: string, status: number): Series => {
    let byMethod = seriesByRoute.get(route);
    if (!byMethod) seriesByRoute.set(route, byMethod = new Map());
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, byStatus = new Map());
    let series = byStatus.get(status);
    if (!series) {
      const labels = { method, route, status: String(status) };
      byStatus.set(
        status,
        series = { requests: requests.series(labels), latency: latency.series(labels) },
      );
    }
    return series;
  };
  return async function requestContextMiddleware(c, next) {
    const started = performance.now();
    const request = c.req.raw;
    const headers = request.headers;
    const method = request.method;
    const origin = headers.get("origin");
    const server = activeSpan();
    const trace = requestTrace(server, headers.get("traceparent"), cors.answerHeaders(origin));
    const requestId = trace.traceId;
    const clientId = headers.get("x-request-id");
    const requestLog = log.child(
      clientId !== null && SANE_REQUEST_ID.test(clientId)
        ? { request_id: requestId, client_request_id: clientId }
        : { request_id: requestId },
    );
    c.set("requestId", requestId);
    c.set("log", requestLog);
    c.set("trace", trace);
    requestLog.debug("request started", { method, path: c.req.path });
    // Made once per request (Hono's `routePath` would map the matches again).
    const routes = matchedRoutes(c);
    if (origin !== null && method === "OPTIONS" && headers.has("access-control-request-method")) {
      c.res = cors.preflight(origin, { "X-Request-Id": requestId });
    } else {
      try {
        // The trace is current for the routes (`request_trace.ts`), unless they need it not.
        if (restIsScopeFree(routes, c.req.routeIndex)) await admit(c, next);
        else await runInTrace(trace, admit, c, next);
      } catch (error) {
        // A limit refused the request (the routes' own errors are answered inside `next`).
        c.res = onError(error as Error, c);
      }
      decorate(c, trace);
      // Whatever keeps this context alive (a pooled connection's pending read) keeps no answer.
      trace.answered = undefined;
    }
    const status = c.res.status;
    // The matched pattern, not the raw path, so metric cardinality stays bounded.
    const route = routes[c.req.routeIndex]?.path || "unmatched";
    const counted = COUNTED_METHODS.has(method) ? method : "_OTHER";
    server?.updateName(`${counted} ${route}`);
    server?.setAttribute("http.route", route);
    const seconds = (performance.now() - started) / 1000;
    const series = seriesOf(counted, route, status);
    series.requests.inc();
    series.latency.observe(seconds);
    requestLog.info("request", {
      method,
      path: c.req.path,
      route,
      status,
      ms: Math.round(seconds * 100_000) / 100,
    });
  };
}
