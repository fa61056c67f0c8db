/**
 * The content API's consumer endpoint, Superdesk's separate `content_api` app mounted here under
 * `/api/contentapi`: `GET /api/contentapi/items` (newest first) and
 * `GET /api/contentapi/items/<id>`, for the subscriber of the request's token
 * (`consumer_auth.ts`), holding only the items published to that subscriber through its api
 * products (packages are not items). Handlers parse, call the items service, render.
 */
import { Hono } from "hono";
import type { ApiApp } from "../http/api_routes.ts";
import type { PagingLimits } from "../http/resources/parse_list_query.ts";
import { envelope } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import { NotFoundError } from "../errors.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import type { ItemsService } from "./items_service.ts";
import { consumerSubscriber } from "./consumer_auth.ts";
import { consumerItem } from "./consumer_item.ts";
import { consumerQuery } from "./consumer_query.ts";

/** Where the consumer endpoint is mounted under `/api`. */
export const CONSUMER_PREFIX = "/contentapi";

/** Builds the router. */
export function consumerRoutes(registry: ResourceRegistry, limits: PagingLimits): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  const items = () => registry.service<ItemsService>("items");

  routes.get(`${CONSUMER_PREFIX}/items`, async (c) => {
    const subscriber = await consumerSubscriber(registry, c.req.header("authorization") ?? null);
    const params = new URL(c.req.url).searchParams;
    const { list, include, exclude } = consumerQuery(params, limits);
    const mine = { subscribers: subscriber, type: { $ne: "composite" } };
    const result = await items().find(
      { ...list, filter: list.filter ? { $and: [mine, list.filter] } : mine },
      SYSTEM_ACTOR,
    );
    const baseUrl = items().contentApiUrl;
    const body = envelope(
      result.items.map((doc) => consumerItem(doc, subscriber, { baseUrl, include, exclude })),
      {
        href: `${CONSUMER_PREFIX.slice(1)}/items`,
        title: "items",
        page: list.page,
        maxResults: list.maxResults,
        total: result.total,
        params,
        defaultMaxResults: limits.paginationDefault,
      },
    );
    return wireJson(body, 200);
  });

  routes.get(`${CONSUMER_PREFIX}/items/:id{${ITEM_ID_PATTERN}}`, async (c) => {
    const subscriber = await consumerSubscriber(registry, c.req.header("authorization") ?? null);
    const params = new URL(c.req.url).searchParams;
    const { include, exclude } = consumerQuery(params, limits, { single: true });
    const id = c.req.param("id");
    const doc = await items().findOne(
      { _id: id, subscribers: subscriber, type: { $ne: "composite" } },
      SYSTEM_ACTOR,
    );
    if (!doc) throw new NotFoundError(`items item "${id}" not found`);
    return wireJson(
      consumerItem(doc, subscriber, { baseUrl: items().contentApiUrl, include, exclude }),
      200,
    );
  });

  return routes;
}
