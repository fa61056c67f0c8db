/**
 * Helpers that add server-side conditions to a client's search body without changing what the
 * client asked for: datasource filters, the per-user privacy filter, `/api/search`'s
 * per-repository filters (Superdesk joins those with "or", each limited to its resource), and
 * fields a `_source` filter must also return.
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
 * resource's filter (`undefined` = no restriction): `(_resource = r1 AND f1) OR (_resource in
 * [r2, …])`. None at all when no resource has a filter: each resource has an index of its own,
 * so searching exactly those indexes already limits the hits to them.
 */
export function perResourceFilter(
  filters: Record<string, QueryClause | undefined>,
): QueryClause | undefined {
  const entries = Object.entries(filters);
  const unfiltered = entries.filter(([, filter]) => !filter).map(([resource]) => resource);
  if (unfiltered.length === entries.length) return undefined;
  const should: QueryClause[] = entries.flatMap(([resource, filter]) =>
    filter ? [{ bool: { filter: [{ term: { _resource: resource } }, filter] } }] : []
  );
  if (unfiltered.length) should.push({ terms: { _resource: unfiltered } });
  return { bool: { should, minimum_should_match: 1 } };
}

/**
 * `body` whose `_source` filter, if it has includes, also returns `field` (what the server
 * keeps beside a document and needs to give it back as stored).
 */
export function withSourceField(body: SearchBody, field: string): SearchBody {
  const filter = body._source;
  if (filter === undefined || typeof filter === "boolean") return body;
  if (typeof filter === "string") return { ...body, _source: [filter, field] };
  if (Array.isArray(filter)) return { ...body, _source: [...filter, field] };
  const spec = filter as { includes?: string[] };
  return spec.includes?.length
    ? { ...body, _source: { ...spec, includes: [...spec.includes, field] } }
    : body;
}
