/**
 * `GET /api/rundowns?source=...` with a query string (what the web client's rundowns search
 * sends: `{"query": {"filtered": {"query": {"query_string": {"query": "..."}}}}, "sort": ...,
 * "size": ..., "from": ...}`), answered as `?q=` is (Superdesk's `RundownsService.get` turns
 * both into the same search): the rundowns whose text or items' text match, each with its
 * `matching_items`. Any other `source` goes on to the generated route (the plain index search).
 */
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { BadRequestError } from "../errors.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, listItem } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { Sort } from "../storage/document_store.ts";
import type { RundownsService } from "./rundowns_service.ts";

type Json = Record<string, unknown>;

/** The router (mounted before the generated routes). */
export function rundownsSearchRoute(rundowns: RundownsService, limits: PagingLimits) {
  const routes = createRouter();
  routes.get(`/${rundowns.definition.url}`, async (c, next) => {
    const params = new URL(c.req.url).searchParams;
    const text = params.get("source");
    const search = text === null ? undefined : queryStringSearch(text);
    if (!search) return await next();
    const actor = callerOf(c);
    params.delete("source");
    const base = parseListQuery(params, limits);
    const maxResults = Math.min(search.size ?? base.maxResults, limits.paginationLimit);
    const query = {
      ...base,
      q: search.q,
      sort: search.sort ?? base.sort,
      maxResults,
      page: Math.floor((search.from ?? 0) / Math.max(1, maxResults)) + 1,
    };
    const result = await rundowns.find(query, actor);
    const items = result.items.map((doc) => listItem(rundowns.definition, rundowns.toPublic(doc)));
    return wireJson(envelope(items, {
      href: rundowns.definition.url,
      title: rundowns.definition.title,
      page: query.page,
      maxResults,
      total: result.total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  });
  return routes;
}

/** The query string, sort and page of a `source` that is one query string, else undefined. */
function queryStringSearch(
  text: string,
): { q: string; sort?: Sort; size?: number; from?: number } | undefined {
  let source: Json;
  try {
    source = JSON.parse(text);
  } catch {
    throw new BadRequestError("source is not JSON");
  }
  const query = source?.query as Json | undefined;
  const filtered = query?.filtered as Json | undefined;
  const inner = (filtered?.query as Json | undefined)?.query_string as Json | undefined;
  if (!inner || typeof inner.query !== "string" || Object.keys(query!).length !== 1) {
    return undefined;
  }
  if (Object.keys(filtered!).length !== 1) return undefined;
  const size = typeof source.size === "number" ? source.size : undefined;
  const from = typeof source.from === "number" ? source.from : undefined;
  return { q: inner.query, sort: sortOf(source.sort), size, from };
}

/** Elasticsearch's `[{"field": "desc"}]` (or `{"field": {"order": "desc"}}`) as a sort. */
function sortOf(sort: unknown): Sort | undefined {
  if (!Array.isArray(sort)) return undefined;
  const out: Array<[string, 1 | -1]> = [];
  for (const entry of sort) {
    if (typeof entry !== "object" || entry === null) continue;
    for (const [field, how] of Object.entries(entry)) {
      const order = typeof how === "string" ? how : (how as Json)?.order;
      if (!/^[\w.]+$/.test(field)) throw new BadRequestError(`cannot sort on "${field}"`);
      out.push([field, order === "desc" ? -1 : 1]);
    }
  }
  return out.length ? out : undefined;
}
