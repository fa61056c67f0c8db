/**
 * JSON on the wire: dates in Superdesk's `DATE_FORMAT` (`src/wire_date.ts`), `application/json`,
 * and Superdesk's `Cache-Control` (`max-age=0, no-cache`) on every JSON answer. Each Response is
 * built with all its headers at once, the request pipeline's included (`request_trace.ts`).
 */
import { currentTrace, type TraceContext } from "../trace/trace_context.ts";
import { withWireDates } from "../wire_date.ts";
import { RequestTrace } from "./request_trace.ts";

/** Superdesk's `CACHE_CONTROL`: clients revalidate every read (ETag / If-Modified-Since). */
export const CACHE_CONTROL = "max-age=0, no-cache";

/** Serialises `body` with wire dates. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(withWireDates(body));
}

/** A JSON Response with wire dates; `headers` names are written as given (no case folding). */
export function wireJson(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return answer(toWireJson(body), status, headers, CACHED_JSON);
}

/**
 * A JSON Response for a body already in wire form (no `Date` inside, e.g. search hits rendered
 * from the index): the date walk's copy would cost more than the serialisation itself. `trace`:
 * as `wireJsonText`'s.
 */
export function wireReadyJson(
  body: unknown,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
  trace: TraceContext | undefined = currentTrace(),
): Response {
  return answer(JSON.stringify(body), status, headers, CACHED_JSON, trace);
}

/**
 * A JSON Response for a body already serialised in wire form (`render.ts`'s `*Json`); `trace`:
 * the request's, for a route that runs without it current (`request_trace.ts`'s `scopeFree`).
 */
export function wireJsonText(
  text: string,
  status = 200,
  headers: Readonly<Record<string, string>> = {},
  trace: TraceContext | undefined = currentTrace(),
): Response {
  return answer(text, status, headers, CACHED_JSON, trace);
}

/**
 * A JSON Response as Hono's `c.json` makes it (`Content-Type` only, no `Cache-Control`): error
 * envelopes and 404s. `trace`: as `wireJsonText`'s (the error handler passes the request's, so an
 * error of a `scopeFree` route is built with its headers too rather than given them afterwards).
 */
export function plainJson(
  body: unknown,
  status: number,
  headers: Readonly<Record<string, string>> = {},
  trace: TraceContext | undefined = currentTrace(),
): Response {
  return answer(JSON.stringify(body), status, headers, JSON_TYPE, trace);
}

const CACHED_JSON = { "Content-Type": "application/json", "Cache-Control": CACHE_CONTROL };
const JSON_TYPE = { "Content-Type": "application/json" };

/** The Response, its headers given at once: the route's, the kind's, the request's. */
function answer(
  text: string,
  status: number,
  headers: Readonly<Record<string, string>>,
  kind: Readonly<Record<string, string>>,
  trace: TraceContext | undefined = currentTrace(),
): Response {
  // A route's own `Vary` is left for the pipeline to extend.
  if (!(trace instanceof RequestTrace) || "Vary" in headers) {
    return new Response(text, { status, headers: { ...headers, ...kind } });
  }
  const response = new Response(text, {
    status,
    headers: { ...headers, ...kind, ...trace.headers },
  });
  trace.answered = response;
  return response;
}
