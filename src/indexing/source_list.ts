/**
 * Collection GET of a search-backed resource with Superdesk's `source` parameter (eve-elastic's
 * `find`, what the web client's monitoring cards send to `/api/archive`): the client's
 * Elasticsearch body, legacy syntax rewritten, is searched in that resource's index through the
 * same path as `/api/search` (`parseSearchRequest`, `federatedSearch`: one translation, the same
 * visibility filter), with the list's `where` added as a filter and its `sort` (else the
 * resource's default) used when the body has none. `projections` always keep `_id` and `_etag`;
 * `es_highlight=1` adds highlights, `aggregations=1` aggregations (a list asking for them is a
 * search even without `source`). The answer is the resource's list envelope.
 */
import type { Actor } from "../resources/actor.ts";
import type { ListQuery } from "../resources/list_query.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { whereToDsl } from "../search/elastic/where_to_dsl.ts";
import { addFilters } from "../search/search_body.ts";
import type { Filter, Sort } from "../storage/document_store.ts";
import { federatedSearch, type SearchDeps } from "./federated_search.ts";
import {
  flag,
  type Paging,
  parseSearchRequest,
  type QueryParams,
  type SearchLimits,
} from "./search_request.ts";

/** True when a collection GET asks for a search body (`source`) rather than Eve's `where`. */
export function wantsSourceSearch(params: QueryParams): boolean {
  return params.get("source") !== null;
}

/**
 * Whether a collection GET wants aggregations: `aggregations=1`, or, with `auto` (eve-elastic's
 * `ELASTICSEARCH_AUTO_AGGREGATIONS`), unless `aggregations=0`. Such a list is a search.
 */
export function wantsAggregations(params: QueryParams, auto = false): boolean {
  const asked = params.get("aggregations");
  return asked === null ? auto : flag(asked);
}

/** What a route answering `source` lists of a resource needs. */
export interface SourceRouteDeps {
  registry: ResourceRegistry;
  search: SearchIndex;
  limits: SearchLimits & { maxWhereTerms?: number };
}

/** What the list already parsed: its `where`, `sort` and (for a list without `source`) page. */
export interface SourceListOptions {
  limits: SearchLimits;
  where?: Filter;
  sort?: Sort;
  paging?: Paging;
}

/**
 * `sourceList` for a collection GET of `definition` that asks for a search (a `source`, or
 * aggregations: `wantsAggregations`), its `where` being `where` (the list's own, or narrowed by
 * the route) and its sort and page the list's `query`; undefined for a plain list, or a resource
 * not search-backed.
 */
export async function listSearchIfAsked(
  deps: Pick<SearchDeps, "registry" | "search" | "scopeOf">,
  definition: ResourceDefinition,
  actor: Actor,
  params: URLSearchParams,
  { limits, query, where }: {
    limits: SearchLimits & { autoAggregations?: boolean };
    query: ListQuery;
    where?: Filter;
  },
): Promise<Record<string, unknown> | undefined> {
  const aggregating = wantsAggregations(params, limits.autoAggregations);
  const searching = wantsSourceSearch(params);
  if (!definition.searchBacked || !(searching || aggregating)) return undefined;
  if (aggregating) params.set("aggregations", "1");
  return await sourceList(deps, definition, actor, params, {
    limits,
    where,
    sort: query.sort,
    // A plain list answered by search keeps the list's paging (Eve's: garbage means default).
    paging: searching ? undefined : query,
  });
}

/** One page of `definition` for `actor`, in wire form (dates are strings already). */
export async function sourceList(
  deps: Pick<SearchDeps, "registry" | "search" | "scopeOf">,
  definition: ResourceDefinition,
  actor: Actor,
  params: QueryParams,
  { limits, where, sort, paging }: SourceListOptions,
): Promise<Record<string, unknown>> {
  const request = parseSearchRequest(params, limits, { paging });
  let body = request.body;
  if (where && Object.keys(where).length > 0) body = addFilters(body, [whereToDsl(where)]);
  const order = sort ?? definition.datasource.defaultSort;
  if (body.sort === undefined && order?.length) {
    body = {
      ...body,
      sort: order.map(([field, direction]) => ({ [field]: direction === 1 ? "asc" : "desc" })),
    };
  }
  const found = await federatedSearch(deps, actor, {
    ...request,
    repos: [definition.name],
    body,
  });
  return {
    ...found,
    _links: {
      parent: { title: "home", href: "/" },
      self: { title: definition.title, href: definition.url },
    },
  };
}
