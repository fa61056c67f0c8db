/**
 * Cross-origin requests, as Eve does them under Superdesk's settings (`X_DOMAINS`, `X_HEADERS`,
 * `X_MAX_AGE`, `X_ALLOW_CREDENTIALS`): the web client runs on another origin and calls every
 * route with `fetch(..., {mode: "cors", credentials: "include"})`. A preflight (an `OPTIONS` with
 * `Origin` and `Access-Control-Request-Method`) on any path is answered 200 with an empty body; a
 * plain `OPTIONS` goes on to the routes (204 with the path's `Allow`); every answer to an allowed
 * origin (errors and 404s included) carries `Access-Control-Allow-Origin` with that origin,
 * `-Allow-Credentials` and `-Expose-Headers` (so the client can read `ETag`). Other origins get
 * no CORS headers, and the browser keeps the answer from the page. Credentials are never cookies
 * here (tokens travel in `Authorization`), so echoing the origin with credentials allowed
 * carries no ambient authority. Applied by the request pipeline (`request_context.ts`).
 */
import { type AllowedOrigins, isOriginAllowed } from "../../config/allowed_origins.ts";

export interface CorsOptions {
  /** `X_DOMAINS`: allowed origins, or `*`. */
  domains: AllowedOrigins;
  /** `X_HEADERS`: request headers callers may send. */
  headers: readonly string[];
  /** `X_MAX_AGE`: seconds a browser may cache a preflight answer. */
  maxAgeSeconds: number;
}

/** What the request pipeline asks of the CORS rules. */
export interface CorsPolicy {
  /** The answer to a preflight from `origin`; `extra` headers are added to it. */
  preflight(origin: string, extra: Readonly<Record<string, string>>): Response;
  /** The headers an answer to `origin` (a request's `Origin`, if any) carries besides `Vary`. */
  answerHeaders(origin: string | null): Readonly<Record<string, string>> | undefined;
}

/** Methods the API routes answer. */
const METHODS = "GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS";

/** Response headers the client may read. */
const EXPOSED = "ETag, Last-Modified, X-Total-Count, Location, Retry-After, X-Request-Id";

/** The CORS rules of `options`, with everything that does not depend on the origin built once. */
export function corsPolicy({ domains, headers, maxAgeSeconds }: CorsOptions): CorsPolicy {
  const allowHeaders = headers.join(", ");
  const maxAge = String(maxAgeSeconds);
  const originHeaders = (origin: string) => ({
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": EXPOSED,
  });
  return {
    preflight(origin, extra) {
      const allowed = isOriginAllowed(origin, domains);
      return new Response(null, {
        status: 200,
        headers: allowed
          ? {
            Allow: METHODS,
            ...originHeaders(origin),
            "Access-Control-Allow-Methods": METHODS,
            "Access-Control-Allow-Headers": allowHeaders,
            "Access-Control-Max-Age": maxAge,
            Vary: "Origin",
            ...extra,
          }
          : { Allow: METHODS, Vary: "Origin", ...extra },
      });
    },
    answerHeaders(origin) {
      return origin !== null && isOriginAllowed(origin, domains)
        ? originHeaders(origin)
        : undefined;
    },
  };
}
