/**
 * A saved search's stored `filter.query` as a search (Superdesk's `process_query`, eve-elastic's
 * `build_elastic_query`): `repo` names the repositories (archive by default), `q` becomes a
 * `query_string` whose words must all match, and every other key a filter on that field (`terms`
 * for a list, `term` otherwise).
 */
import { BadRequestError } from "../errors.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** The repositories and the search body a saved search's query stands for. */
export interface SavedSearchQuery {
  repo: string;
  source: Doc;
}

/** Builds the search of `filter` (a saved search's decoded filter); a 400 when it has no query. */
export function savedSearchQuery(filter: unknown): SavedSearchQuery {
  const query = isDoc(filter) ? filter.query : undefined;
  if (!isDoc(query)) throw new BadRequestError("Search cannot be saved without a filter!");
  const { repo, q, ...fields } = query;
  const filters = Object.entries(fields).map(([field, value]) =>
    Array.isArray(value) ? { terms: { [field]: value } } : { term: { [field]: value } }
  );
  const bool: Doc = {};
  if (q !== undefined && q !== null && q !== "") {
    bool.must = { query_string: { query: String(q), default_operator: "AND" } };
  }
  if (filters.length > 0) bool.filter = filters;
  return {
    repo: typeof repo === "string" && repo !== "" ? repo : "archive",
    source: { query: Object.keys(bool).length > 0 ? { bool } : { match_all: {} } },
  };
}
