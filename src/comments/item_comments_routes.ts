/**
 * `GET /api/archive/<item>/comments` (Superdesk's `content_item_comments`): the comments of one
 * item, newest first, with the list parameters of any collection; 404 when the caller may not
 * see the item ("Invalid content item ID provided").
 */
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { NotFoundError } from "../errors.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, listItem } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ItemCommentsService } from "./item_comments_service.ts";

/** The router. */
export function itemCommentsRoutes(
  comments: ItemCommentsService,
  { registry, limits }: { registry: ResourceRegistry; limits: PagingLimits },
) {
  const routes = createRouter();
  routes.get("/archive/:item{[\\w,.:-]+}/comments", async (c) => {
    const actor = callerOf(c);
    const itemId = c.req.param("item");
    if (!(await registry.service("archive").findOne({ _id: itemId }, actor))) {
      throw new NotFoundError(`Invalid content item ID provided: ${itemId}`);
    }
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params, limits);
    const filter = query.filter ? { $and: [query.filter, { item: itemId }] } : { item: itemId };
    const result = await comments.find({ ...query, filter }, actor);
    const items = result.items.map((doc) => listItem(comments.definition, comments.toPublic(doc)));
    return wireJson(envelope(items, {
      href: `archive/${itemId}/comments`,
      title: "content_item_comments",
      page: query.page,
      maxResults: query.maxResults,
      total: result.total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  });
  return routes;
}
