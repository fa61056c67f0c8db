/**
 * `GET /api/search`: Superdesk's federated search over search-backed resources. The handler
 * parses the parameters, runs `federatedSearch` for the caller and renders (dates as RFC 1123).
 */
import { Hono } from "hono";
import { federatedSearch } from "../indexing/federated_search.ts";
import { parseSearchRequest, type SearchLimits } from "../indexing/search_request.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { ApiApp } from "./api_routes.ts";
import { type AuthVariables, requireActor } from "./middleware/authenticate.ts";
import { wireJson } from "./wire_json.ts";

/** What the search route needs. */
export interface SearchRoutesOptions {
  registry: ResourceRegistry;
  search: SearchIndex;
  limits: SearchLimits;
}

/** The router holding `GET /search`, mounted on `/api` before the resource routes. */
export function searchRoutes({ registry, search, limits }: SearchRoutesOptions): ApiApp {
  const app = new Hono<{ Variables: AuthVariables }>({ strict: false });
  app.get("/search", async (c) => {
    const actor = requireActor(c.get("actor"));
    const request = parseSearchRequest(new URL(c.req.url).searchParams, limits);
    return wireJson(await federatedSearch({ registry, search }, actor, request));
  });
  return app;
}
