/**
 * Superdesk's locator URLs over the stored cities (`cities.ts`): `GET /api/country/<code>` (a
 * country's cities, by state then city) and `GET /api/country/<code>/state/<code>` (a state's, by
 * city), in the list envelope with the list parameters of any collection; `GET /api/cities/` is
 * the resource's own list. Superdesk answers 404 for a code with no city; here that is an empty
 * list, as any filtered list.
 */
import { callerOf, createRouter, type RouteContext } from "../apps/app_routes.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, listItem } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Filter, Sort } from "../storage/document_store.ts";

/** What a country or state code may look like. */
export const LOCATOR_CODE = "[A-Za-z0-9._-]+";

/** The router over the `cities` service. */
export function locatorRoutes(cities: ResourceService, limits: PagingLimits) {
  const routes = createRouter();
  const answer = async (c: RouteContext, filter: Filter, sort: Sort, href: string) => {
    const actor = callerOf(c);
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params, limits);
    const where = query.filter ? { $and: [query.filter, filter] } : filter;
    const result = await cities.find({ ...query, filter: where, sort: query.sort ?? sort }, actor);
    const items = result.items.map((doc) => listItem(cities.definition, cities.toPublic(doc)));
    return wireJson(envelope(items, {
      href,
      title: "locators",
      page: query.page,
      maxResults: query.maxResults,
      total: result.total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  };
  routes.get(`/country/:country{${LOCATOR_CODE}}`, (c) => {
    const country = c.req.param("country");
    return answer(c, { country_code: country }, [["state", 1], ["city", 1]], `country/${country}`);
  });
  routes.get(`/country/:country{${LOCATOR_CODE}}/state/:state{${LOCATOR_CODE}}`, (c) => {
    const { country, state } = c.req.param();
    return answer(
      c,
      { country_code: country, state_code: state },
      [["city", 1]],
      `country/${country}/state/${state}`,
    );
  });
  return routes;
}
