/**
 * `GET /api/search`: Superdesk's federated search over search-backed resources. The handler
 * parses the parameters, runs `federatedSearch` for the caller and serialises its wire-form body.
 * `GET /api/search/<id>` answers the item with that id from whichever repository holds it.
 */
import { type Context, Hono } from "hono";
import { NotFoundError } from "../errors.ts";
import { federatedSearch } from "../indexing/federated_search.ts";
import { findItemAnywhere } from "../indexing/search_item.ts";
import { parseSearchRequest, type SearchLimits } from "../indexing/search_request.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { ApiApp } from "./api_routes.ts";
import { type AuthVariables, requireActor } from "./middleware/authenticate.ts";
import { inRequestTrace, requestTraceOf, scopeFree } from "./request_trace.ts";
import { itemBody } from "./resources/render.ts";
import { wireJson, wireReadyJson } from "./wire_json.ts";

/** What the search route needs. */
export interface SearchRoutesOptions {
  registry: ResourceRegistry;
  search: SearchIndex;
  limits: SearchLimits;
}

/** The router holding `GET /search`, mounted on `/api` before the resource routes. */
export function searchRoutes({ registry, search, limits }: SearchRoutesOptions): ApiApp {
  const app = new Hono<{ Variables: AuthVariables }>({ strict: false });
  // `scopeFree`: the search runs without the request's trace current unless a service's own
  // search methods need it (`federatedSearch`'s `inTrace`); errors are answered by the pipeline.
  app.get(
    "/search",
    scopeFree(async (c: Context<{ Variables: AuthVariables }>) => {
      const actor = requireActor(c.get("actor"));
      // Hono's query parser, not `new URL(…)`: the URL carries a long JSON `source`, and the URL
      // parser's round trip to native code costs more than the rest of the request's parsing.
      const query = c.req.query();
      const request = parseSearchRequest({ get: (name) => query[name] ?? null }, limits, {
        federated: true,
      });
      const inTrace = <T>(fn: () => T) => inRequestTrace(c, fn);
      const found = await federatedSearch({ registry, search, inTrace }, actor, request);
      return wireReadyJson(found, 200, {}, requestTraceOf(c));
    }),
  );
  app.get("/search/:id", async (c) => {
    const actor = requireActor(c.get("actor"));
    const id = c.req.param("id");
    const repos = (c.req.query("repo") ?? "").split(",").map((r) => r.trim()).filter(Boolean);
    const found = await findItemAnywhere(registry, actor, id, repos);
    if (!found) throw new NotFoundError(`item "${id}" not found`);
    const { definition, service, doc } = found;
    return wireJson(itemBody(definition, service.toPublic(doc)), 200, { ETag: `"${doc._etag}"` });
  });
  return app;
}
