/**
 * `GET /api/tasks?source=<ES JSON>`: Superdesk's tasks are searched in the archive's index
 * (`TaskResource.datasource` has `source: "archive"`, whose search backend is Elasticsearch, and
 * an `elastic_filter`: items with a task, not spiked), and the web client's tasks view sends such
 * a body (`task.desk` of the current desk, no published or spiked items, 200 newest). Answered as
 * `/api/archive?source=` is (`source_list.ts`: one translation, the archive's visibility) but
 * with the tasks' filter in place of the archive's working states; without `source` the
 * generated route answers from the store.
 */
import { callerOf, createRouter } from "../app_api.ts";
import { sourceList, type SourceRouteDeps, wantsSourceSearch } from "../indexing/source_list.ts";
import { parseListQuery } from "../http/resources/parse_list_query.ts";
import { wireReadyJson } from "../http/wire_json.ts";
import type { Filter } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { tasksResource } from "./tasks_resource.ts";

/** Superdesk's `elastic_filter` of tasks. */
const TASKS_FILTER: Filter = { task: { $exists: true }, state: { $ne: "spiked" } };

/** Builds the router (mounted before the generated routes, which answer without `source`). */
export function tasksRoutes({ registry, search, limits }: SourceRouteDeps) {
  const routes = createRouter();
  routes.get(`/${tasksResource.url}`, async (c, next) => {
    const params = new URL(c.req.url).searchParams;
    if (!wantsSourceSearch(params)) return await next();
    const actor = callerOf(c);
    const query = parseListQuery(params, limits);
    const archive = registry.service<ArchiveService>("archive");
    // The archive's visibility with the tasks' filter, not its working states (a scheduled or
    // published task of the desk is a task).
    const scopeOf = async () => ({ $and: [await archive.visibleInSearch(actor), TASKS_FILTER] });
    const body = await sourceList(
      { registry, search, scopeOf },
      archive.definition,
      actor,
      params,
      {
        limits,
        where: query.filter,
        sort: query.sort ?? tasksResource.datasource.defaultSort,
      },
    );
    body._links = {
      parent: { title: "home", href: "/" },
      self: { title: tasksResource.title, href: tasksResource.url },
    };
    const total = (body._meta as { total?: number }).total;
    return wireReadyJson(body, 200, total === undefined ? {} : { "X-Total-Count": `${total}` });
  });
  return routes;
}
