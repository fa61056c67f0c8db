/**
 * `GET /api/macros` (`?desk=NAME`, `?backend=true`, Eve's paging) and `POST /api/macros`
 * (`{macro, item, commit}` → 201 with the item the macro made and its `diff`). Mounted before the
 * generated routes of the `macros` resource, which cannot read `desk`/`backend` nor answer the
 * whole result.
 */
import { callerOf, createRouter, readDocument, wireJson } from "../app_api.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, selfLink } from "../http/resources/render.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { type MacrosService, parseRun } from "./macros_service.ts";

/** Builds the router. */
export function macrosRoutes(
  { macros, limits }: { macros: MacrosService; limits: PagingLimits },
) {
  const routes = createRouter();
  const { definition } = macros;

  routes.get(`/${definition.url}`, (c) => {
    callerOf(c);
    const params = new URL(c.req.url).searchParams;
    const { page, maxResults } = parseListQuery(params, limits);
    const result = macros.list({
      desk: params.get("desk") || undefined,
      backend: params.get("backend") === "true",
      page,
      maxResults,
    });
    return wireJson(envelope(result.items, {
      href: definition.url,
      title: definition.title,
      page,
      maxResults,
      total: result.total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  });

  routes.post(`/${definition.url}`, async (c) => {
    const actor = callerOf(c, ARCHIVE_PRIVILEGE);
    const run = parseRun(await readDocument(c));
    const result = await macros.run(run, actor);
    return wireJson(
      { ...result, _links: { self: selfLink(definition, run.macro) }, _status: "OK" },
      201,
    );
  });

  return routes;
}
