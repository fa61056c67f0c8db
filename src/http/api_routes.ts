/**
 * The `/api` sub-application: the home listing (Eve's `_links.child`, public), authentication,
 * extra routes contributed by modules (login, domain actions), the generated routes of every
 * registered, non-internal resource, and last, for a known path asked with a method it does not
 * serve, a 405 with `Allow` (an `OPTIONS` gets `Allow` alone), from the OpenAPI document.
 */
import { type Context, Hono } from "hono";
import { HttpError } from "../errors.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { authenticate, type Authenticator, type AuthVariables } from "./middleware/authenticate.ts";
import type { PagingLimits } from "./resources/parse_list_query.ts";
import { allowedMethodsIndex } from "./openapi/allowed_methods.ts";
import { openApiDocument, type OpenApiPaths } from "./openapi/openapi_document.ts";
import { openApiRoutes } from "./openapi/openapi_routes.ts";
import { mountResourceRoutes } from "./resources/resource_routes.ts";
import { scopeFree } from "./request_trace.ts";

/** The Hono type of `/api` and of the routers modules contribute. */
export type ApiApp = Hono<{ Variables: AuthVariables }>;

export interface ApiOptions {
  registry: ResourceRegistry;
  authenticator: Authenticator;
  limits: PagingLimits;
  /** The search index (`source=` lists of search-backed resources). */
  search: SearchIndex;
  /** Routers mounted before the generated resource routes (they win on equal paths). */
  extraRoutes?: ApiApp[];
  /** OpenAPI path items describing `extraRoutes`. */
  extraPaths?: OpenApiPaths[];
}

/** Builds `/api`. */
export function createApiApp(
  { registry, authenticator, limits, search, extraRoutes = [], extraPaths = [] }: ApiOptions,
) {
  const api: ApiApp = new Hono({ strict: false });
  // Built once, on first use (every module has registered by then).
  let document: Record<string, unknown> | undefined;
  const documentOf = () => document ??= openApiDocument(registry, { extraPaths });
  let allowed: ((path: string) => string[]) | undefined;
  const allowedAt = (path: string) =>
    (allowed ??= allowedMethodsIndex(documentOf().paths as OpenApiPaths))(path);
  api.use(authenticate({ authenticator }));
  api.get("/", (c) => c.json({ _links: { child: homeLinks(registry) } }));
  api.route("/", openApiRoutes(documentOf));
  for (const routes of extraRoutes) api.route("/", routes);
  for (const service of registry.services()) {
    if (!service.definition.internal) {
      mountResourceRoutes(api, service, { registry, limits, search });
    }
  }
  const resourceAt = resourcePaths(registry);
  // Reads no current trace; the pipeline gives its answers the request's headers.
  api.all("*", scopeFree((c: Context) => methodNotAllowed(c, allowedAt, resourceAt)));
  return api;
}

/** 405 with `Allow` (or, for `OPTIONS`, 204 with `Allow`) on a known path; else the 404. */
function methodNotAllowed(
  c: Context,
  allowedAt: (path: string) => string[],
  resourceAt: (path: string) => boolean,
) {
  const mount = c.req.routePath.replace(/\/?\*$/, "");
  const methods = allowedAt(c.req.path.slice(mount.length));
  // A resource's own URLs exist even without methods (Eve: `resource_methods = []` is a 405).
  if (methods.length === 0 && !resourceAt(c.req.path.slice(mount.length))) return c.notFound();
  const allow = [...methods, "OPTIONS"].join(", ");
  if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: allow });
  throw new HttpError(405, "The method is not allowed for the requested URL.", {
    headers: { Allow: allow },
  });
}

/** `{href, title}` for every routed resource, then every link modules added. */
function homeLinks(registry: ResourceRegistry) {
  return [
    ...registry.definitions()
      .filter((definition) => !definition.internal)
      .map((definition) => ({ href: definition.url, title: definition.title })),
    ...registry.links(),
  ];
}

/**
 * True for a resource's collection URL, and for a URL under it when the resource has no item
 * methods at all (an id that does not fit a resource's item pattern stays a 404).
 */
function resourcePaths(registry: ResourceRegistry): (path: string) => boolean {
  const definitions = registry.definitions().filter((definition) => !definition.internal);
  const collections = new Set(definitions.map((definition) => definition.url));
  const itemless = new Set(
    definitions.filter((definition) => definition.itemMethods.length === 0).map((d) => d.url),
  );
  return (path) => {
    const parts = path.split("/").filter(Boolean);
    return parts.length > 0 &&
      (collections.has(parts.join("/")) || itemless.has(parts.slice(0, -1).join("/")));
  };
}
