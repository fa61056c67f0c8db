/**
 * Collection GET of a search-backed resource, answered by the search index: the list query and
 * the service's scope filter (already combined by the caller) are translated with
 * `translateListQuery`, the query's own search clauses (`searchFilters`) are added as filters,
 * sorts on full-text fields use their exact `.keyword` sub-field, and hits become documents
 * again (dates revived). The total comes from the index. An unreachable engine
 * surfaces as the seam's 503.
 */
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { translateListQuery } from "../search/elastic/where_to_dsl.ts";
import { type LeafField, leafFields } from "../search/mapping.ts";
import { addFilters } from "../search/search_body.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { Filter, Projection, Sort } from "../storage/document_store.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { fromSearchSource, withOriginals } from "./search_doc.ts";

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
  const leaves = leafFields(resourceMapping(definition));
  const body = translateListQuery({
    where: filter,
    sort: sortable(definition, sort ?? (query.q ? undefined : [["_created", 1]])),
    page: query.page,
    max_results: query.maxResults,
    q: query.q,
    df: query.df,
    fields: query.qFields,
    defaultOperator: query.defaultOperator,
    projection,
  });
  body.query = exactOnText(body.query, leaves);
  const searched = query.searchFilters?.length ? addFilters(body, query.searchFilters) : body;
  const result = await search.search([definition.name], withOriginals(searched));
  return {
    items: result.hits.map((hit) => fromSearchSource(definition, hit._source)),
    total: result.total,
  };
}

/**
 * `where` means equality as the document store has it: its `term`, `terms` and `range` clauses
 * on full-text fields go to the exact `.keyword` sub-field (values up to its 256 characters).
 */
function exactOnText(query: unknown, leaves: Map<string, LeafField>): unknown {
  if (Array.isArray(query)) return query.map((q) => exactOnText(q, leaves));
  if (typeof query !== "object" || query === null) return query;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if ((key === "term" || key === "terms" || key === "range") && isRecord(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([field, v]) => [exactField(field, leaves), v]),
      );
    } else {
      out[key] = exactOnText(value, leaves);
    }
  }
  return out;
}

function exactField(field: string, leaves: Map<string, LeafField>): string {
  return leaves.get(field)?.type === "text" && leaves.has(`${field}.keyword`)
    ? `${field}.keyword`
    : field;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `sort` with full-text fields replaced by their `.keyword` sub-fields. */
function sortable(definition: ResourceDefinition, sort: Sort | undefined): Sort | undefined {
  if (!sort) return undefined;
  const leaves = leafFields(resourceMapping(definition));
  return sort.map(([field, direction]) => [exactField(field, leaves), direction] as const);
}
