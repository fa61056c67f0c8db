/**
 * Builds the Hono application of the `api` role: the request pipeline (id, log line, metrics,
 * CORS, limits), the ops routes, the Eve-style API under `/api`, and the JSON envelope for 404 and every error.
 */
import { Hono } from "hono";
import { getPathNoStrict } from "hono/utils/url";
import type { ApiApp } from "./api_routes.ts";
import type { AuthVariables } from "./middleware/authenticate.ts";
import type { EngineStatus } from "../engines/engine_status.ts";
import type { Logger } from "../log.ts";
import type { MetricsRegistry } from "../metrics/registry.ts";
import type { CorsOptions } from "./middleware/cors.ts";
import { errorBody } from "./error_body.ts";
import { onError } from "./on_error.ts";
import { plainJson } from "./wire_json.ts";
import { PrefixRouter } from "./prefix_router.ts";
import { requestTraceOf } from "./request_trace.ts";
import { opsRoutes } from "./ops_routes.ts";
import { requestContext, type RequestVariables } from "./middleware/request_context.ts";
import type { RequestLimitOptions } from "./middleware/request_limits.ts";
import { fixMediaPrefixes } from "./middleware/media_prefix_fix.ts";

export interface AppOptions {
  log: Logger;
  metrics: MetricsRegistry;
  roles: readonly string[];
  readiness: () => Promise<EngineStatus[]>;
  /** Informative figures added to `/ready` (see `opsRoutes`). */
  readyDetails?: () => Promise<Record<string, unknown>>;
  /** The `/api` sub-application (home, auth, resources). */
  api: ApiApp;
  /** Body, URL and body-time limits of every request. */
  limits: RequestLimitOptions;
  /** Cross-origin rules (`X_DOMAINS` ...) of every route. */
  crossOrigin: CorsOptions;
  /** `MEDIA_PREFIXES_TO_FIX`: earlier media prefixes answers show as the current one. */
  mediaPrefixes?: { current: string; earlier: readonly string[] };
}

/**
 * The path routes match: trailing slashes ignored (Hono's non-strict mode, which ignores a
 * custom `getPath`, hence done here) and percent-encoded reserved characters read as
 * themselves (`%3A` as `:`, `%2C` as `,` ...), except `/`, as Superdesk (WSGI) reads a path:
 * ids such as guids (`urn:newsml:...`) route whether or not a client encodes them.
 */
function routedPath(request: Request): string {
  const path = getPathNoStrict(request);
  return path.includes("%") ? path.replace(RESERVED, (escape) => decodeURIComponent(escape)) : path;
}

/** The escapes `decodeURI` (hence Hono) leaves encoded, but `%2F` (`/`) and `%25` (`%`). */
const RESERVED = /%(?:3B|3A|40|26|3D|2B|24|2C|23|3F)/gi;

/** Creates the api role's application. */
export function createApp(
  { log, metrics, roles, readiness, readyDetails, api, limits, crossOrigin, mediaPrefixes }:
    AppOptions,
) {
  const app = new Hono<{ Variables: RequestVariables & AuthVariables }>({
    getPath: routedPath,
    router: new PrefixRouter(),
  });
  app.use(requestContext({ log, metrics, crossOrigin, limits, onError }));
  if (mediaPrefixes?.earlier.length) app.use(fixMediaPrefixes(mediaPrefixes));
  app.route("/", opsRoutes({ readiness, metrics, roles, readyDetails }));
  app.route("/api", api);
  app.notFound((c) =>
    plainJson(
      errorBody(
        404,
        "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
      ),
      404,
      {},
      requestTraceOf(c),
    )
  );
  app.onError(onError);
  return app;
}
