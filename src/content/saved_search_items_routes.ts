/**
 * `GET /api/saved_searches/<id>/items` (Superdesk's `saved_search_items`): runs a saved search
 * the caller can see (their own, or a global one they may use) over its repositories, with the
 * visibility and paging of `/api/search`; an unknown or hidden search is a 404.
 */
import { callerOf, createRouter } from "../app_api.ts";
import { NotFoundError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { wireReadyJson } from "../http/wire_json.ts";
import { federatedSearch } from "../indexing/federated_search.ts";
import { parseSearchRequest } from "../indexing/search_request.ts";
import type { SourceRouteDeps } from "../indexing/source_list.ts";
import { savedSearchQuery } from "./saved_search_query.ts";

/** Builds the router. */
export function savedSearchItemsRoutes(
  { registry, search, limits }: SourceRouteDeps,
): ApiApp {
  const routes = createRouter();
  // Any id: one that no saved search can have is a 404 like an unknown one, not a 405.
  routes.get("/saved_searches/:id/items", async (c) => {
    const actor = callerOf(c);
    const id = c.req.param("id");
    const saved = await registry.service("saved_searches").findOne({ _id: id }, actor);
    if (!saved) throw new NotFoundError("Invalid Saved Search");
    const { repo, source } = savedSearchQuery(saved.filter);
    const query = c.req.query();
    const params: Record<string, string> = {
      ...query,
      repo,
      source: JSON.stringify(source),
    };
    const request = parseSearchRequest({ get: (name) => params[name] ?? null }, limits, {
      federated: true,
    });
    return wireReadyJson(await federatedSearch({ registry, search }, actor, request), 200);
  });
  return routes;
}
