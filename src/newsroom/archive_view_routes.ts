/**
 * `GET /api/<view>?source=<ES JSON>` for Superdesk's resources that are views of the archive
 * (`datasource.source: "archive"` with their own `elastic_filter`): `tasks` (items with a task,
 * not spiked; the client's tasks view) and `news` (every state, never-saved drafts excepted; the
 * client's personal space and sent items cards). Answered as `/api/archive?source=` is
 * (`source_list.ts`: one translation of the body, searched in the archive's index, the archive's
 * visibility) but with the view's filter in place of the archive's working states; without
 * `source` the view's generated route answers from the store.
 */
import { callerOf, createRouter } from "../app_api.ts";
import { sourceList, type SourceRouteDeps, wantsSourceSearch } from "../indexing/source_list.ts";
import { parseListQuery } from "../http/resources/parse_list_query.ts";
import { wireReadyJson } from "../http/wire_json.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { Filter } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";

/** A view of the archive: its definition and its `elastic_filter`. */
export interface ArchiveView {
  resource: ResourceDefinition;
  filter: Filter;
}

/**
 * Builds the router of `view`'s `source=` lists (mounted before the generated routes, which
 * answer without `source`).
 */
export function archiveViewRoutes(
  { registry, search, limits }: SourceRouteDeps,
  { resource, filter }: ArchiveView,
) {
  const routes = createRouter();
  routes.get(`/${resource.url}`, async (c, next) => {
    const params = new URL(c.req.url).searchParams;
    if (!wantsSourceSearch(params)) return await next();
    const actor = callerOf(c);
    const query = parseListQuery(params, limits);
    const archive = registry.service<ArchiveService>("archive");
    // The archive's visibility with the view's filter, not its working states (a scheduled or
    // published task of the desk is a task, a published item of the user is news).
    const scopeOf = async () => ({ $and: [await archive.visibleInSearch(actor), filter] });
    const body = await sourceList(
      { registry, search, scopeOf },
      archive.definition,
      actor,
      params,
      { limits, where: query.filter, sort: query.sort ?? resource.datasource.defaultSort },
    );
    body._links = {
      parent: { title: "home", href: "/" },
      self: { title: resource.title, href: resource.url },
    };
    const total = (body._meta as { total?: number }).total;
    return wireReadyJson(body, 200, total === undefined ? {} : { "X-Total-Count": `${total}` });
  });
  return routes;
}
