/**
 * `GET /api/macros` (`?desk=NAME`, `?backend=true`, Eve's paging) and `POST /api/macros`
 * (`{macro, item, commit}` → 201 with the item the macro made and its `diff`; a failure answers
 * its status with the `_message` list the web client shows, `macro_error.ts`). Mounted before the
 * generated routes of the `macros` resource, which cannot read `desk`/`backend` nor answer the
 * whole result.
 */
import type { Context } from "hono";
import { callerOf, createRouter, readDocument, type RouteContext, wireJson } from "../app_api.ts";
import type { Logger } from "../log.ts";
import type { RequestVariables } from "../http/middleware/request_context.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, selfLink } from "../http/resources/render.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { type MacrosService, parseRun } from "./macros_service.ts";
import { macroRunError } from "./macro_error.ts";

/**
 * Builds the router; a macro's failure is logged with the request's logger (its `request_id`,
 * as `on_error.ts` logs), `log` when there is none.
 */
export function macrosRoutes(
  { macros, limits, log }: { macros: MacrosService; limits: PagingLimits; log: Logger },
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
    let name = "";
    try {
      const actor = callerOf(c, ARCHIVE_PRIVILEGE);
      const run = parseRun(await readDocument(c));
      name = run.macro;
      const result = await macros.run(run, actor);
      return wireJson(
        { ...result, _links: { self: selfLink(definition, run.macro) }, _status: "OK" },
        201,
      );
    } catch (error) {
      throw macroRunError(error, { macro: name, log: requestLog(c) ?? log });
    }
  });

  return routes;
}

/** The logger of the request `c` is answering (`request_context.ts`), if any. */
function requestLog(c: RouteContext): Logger | undefined {
  return (c as unknown as Context<{ Variables: RequestVariables }>).get("log");
}
