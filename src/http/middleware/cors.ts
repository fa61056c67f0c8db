/**
 * Cross-origin requests, as Eve does them under Superdesk's settings (`X_DOMAINS`, `X_HEADERS`,
 * `X_MAX_AGE`, `X_ALLOW_CREDENTIALS`): the web client runs on another origin and calls every
 * route with `fetch(..., {mode: "cors", credentials: "include"})`. A preflight (an `OPTIONS` with
 * `Origin` and `Access-Control-Request-Method`) on any path is answered 200 with an empty body; a
 * plain `OPTIONS` goes on to the routes (204 with the path's `Allow`); every answer to an allowed origin (errors and 404s
 * included) carries `Access-Control-Allow-Origin` with that origin, `-Allow-Credentials` and
 * `-Expose-Headers` (so the client can read `ETag`). Other origins get no CORS headers, and the
 * browser keeps the answer from the page. Credentials are never cookies here (tokens travel in
 * `Authorization`), so echoing the origin with credentials allowed carries no ambient authority.
 */
import type { MiddlewareHandler } from "hono";
import { type AllowedOrigins, isOriginAllowed } from "../../config/allowed_origins.ts";

export interface CorsOptions {
  /** `X_DOMAINS`: allowed origins, or `*`. */
  domains: AllowedOrigins;
  /** `X_HEADERS`: request headers callers may send. */
  headers: readonly string[];
  /** `X_MAX_AGE`: seconds a browser may cache a preflight answer. */
  maxAgeSeconds: number;
}

/** Methods the API routes answer. */
const METHODS = "GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS";

/** Response headers the client may read. */
const EXPOSED = "ETag, Last-Modified, X-Total-Count, Location, Retry-After, X-Request-Id";

/** The CORS middleware; mount it first so it wraps every answer. */
export function cors({ domains, headers, maxAgeSeconds }: CorsOptions): MiddlewareHandler {
  const allowHeaders = headers.join(", ");
  return async function crossOrigin(c, next) {
    const origin = c.req.header("origin");
    const allowed = origin !== undefined && isOriginAllowed(origin, domains);
    const preflight = c.req.method === "OPTIONS" && origin !== undefined &&
      c.req.header("access-control-request-method") !== undefined;
    if (preflight) {
      const response = new Response(null, { status: 200, headers: { Allow: METHODS } });
      if (allowed) {
        setOriginHeaders(response.headers, origin);
        response.headers.set("Access-Control-Allow-Methods", METHODS);
        response.headers.set("Access-Control-Allow-Headers", allowHeaders);
        response.headers.set("Access-Control-Max-Age", String(maxAgeSeconds));
      }
      response.headers.append("Vary", "Origin");
      return response;
    }
    await next();
    const decorate = (headers: Headers) => {
      if (allowed) setOriginHeaders(headers, origin);
      headers.append("Vary", "Origin");
    };
    try {
      decorate(c.res.headers);
    } catch {
      // Immutable headers (a response passed through from fetch): copy it, then decorate.
      c.res = new Response(c.res.body, c.res);
      decorate(c.res.headers);
    }
  };
}

function setOriginHeaders(headers: Headers, origin: string): void {
  headers.set("Access-Control-Allow-Origin", origin);
  headers.set("Access-Control-Allow-Credentials", "true");
  headers.set("Access-Control-Expose-Headers", EXPOSED);
}
