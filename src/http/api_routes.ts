/**
 * The `/api` sub-application: the home listing (Eve's `_links.child`, public), authentication,
 * extra routes contributed by modules (login, domain actions), and the generated routes of every
 * registered, non-internal resource.
 */
import { Hono } from "hono";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { authenticate, type Authenticator, type AuthVariables } from "./middleware/authenticate.ts";
import type { PagingLimits } from "./resources/parse_list_query.ts";
import type { OpenApiPaths } from "./openapi/openapi_document.ts";
import { openApiRoutes } from "./openapi/openapi_routes.ts";
import { mountResourceRoutes } from "./resources/resource_routes.ts";

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
  api.use(authenticate({ authenticator }));
  api.get("/", (c) => c.json({ _links: { child: homeLinks(registry) } }));
  api.route("/", openApiRoutes(registry, { extraPaths }));
  for (const routes of extraRoutes) api.route("/", routes);
  for (const service of registry.services()) {
    if (!service.definition.internal) {
      mountResourceRoutes(api, service, { registry, limits, search });
    }
  }
  return api;
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
