/**
 * Collection GET of a search-backed resource, answered by the search index: the list query and
 * the service's scope filter (already combined by the caller) are translated with
 * `translateListQuery`, sorts on full-text fields use their exact `.keyword` sub-field, and hits
 * become documents again (dates revived). The total comes from the index. An unreachable engine
 * surfaces as the seam's 503.
 */
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { translateListQuery } from "../search/elastic/where_to_dsl.ts";
import { leafFields } from "../search/mapping.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { Filter, Projection, Sort } from "../storage/document_store.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { fromSearchSource } from "./search_doc.ts";

/** What the service decided: the full filter, the sort and projection to apply. */
export interface IndexListRequest {
  filter: Filter;
  query: ListQuery;
  sort?: Sort;
  projection?: Projection;
}

/** One page of `definition`'s documents from the index. */
export async function findInIndex(
  search: SearchIndex,
  definition: ResourceDefinition,
  { filter, query, sort, projection }: IndexListRequest,
): Promise<ListResult> {
  const body = translateListQuery({
    where: filter,
    sort: sortable(definition, sort ?? (query.q ? undefined : [["_created", 1]])),
    page: query.page,
    max_results: query.maxResults,
    q: query.q,
    projection,
  });
  const result = await search.search([definition.name], body);
  return {
    items: result.hits.map((hit) => fromSearchSource(definition, hit._source)),
    total: result.total,
  };
}

/** `sort` with full-text fields replaced by their `.keyword` sub-fields. */
function sortable(definition: ResourceDefinition, sort: Sort | undefined): Sort | undefined {
  if (!sort) return undefined;
  const leaves = leafFields(resourceMapping(definition));
  return sort.map(([field, direction]) =>
    leaves.get(field)?.type === "text" && leaves.has(`${field}.keyword`)
      ? [`${field}.keyword`, direction] as const
      : [field, direction] as const
  );
}
