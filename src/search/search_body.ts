/**
 * Helpers that add server-side conditions to a client's search body without changing what the
 * client asked for: datasource filters, the per-user privacy filter, and `/api/search`'s
 * per-repository filters (Superdesk joins those with "or", each limited to its resource).
 */
import type { SearchBody } from "./search_index.ts";

/** A query clause (`{term: …}`, `{bool: …}`, …). */
export type QueryClause = Record<string, unknown>;

/** `body` whose query must also match every one of `filters` (non-scoring). */
export function addFilters(body: SearchBody, filters: QueryClause[]): SearchBody {
  if (!filters.length) return body;
  const query = body.query === undefined ? undefined : body.query as QueryClause;
  return {
    ...body,
    query: { bool: { ...(query ? { must: [query] } : {}), filter: filters } },
  };
}

/**
 * One clause that lets each resource's documents through only when they also pass that
 * resource's filter (`undefined` = no restriction): `(_resource = r1 AND f1) OR (…)`.
 */
export function perResourceFilter(filters: Record<string, QueryClause | undefined>): QueryClause {
  const should = Object.entries(filters).map(([resource, filter]) => {
    const own = { term: { _resource: resource } };
    return filter ? { bool: { filter: [own, filter] } } : own;
  });
  return { bool: { should, minimum_should_match: 1 } };
}
