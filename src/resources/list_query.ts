/**
 * A parsed collection query, neutral of HTTP: what `?where=&sort=&page=&max_results=&projection=`
 * mean once validated. Built by `src/http/resources/parse_list_query.ts`, used by services.
 */
import type { Filter, JsonDoc, Projection, Sort } from "../storage/document_store.ts";
import type { CursorPage } from "./cursor.ts";

export interface ListQuery {
  filter?: Filter;
  sort?: Sort;
  /** 1-based page. */
  page: number;
  maxResults: number;
  projection?: Projection;
  /** Full-text query (`q`), for search-backed resources. */
  q?: string;
  /** The one field `q` searches (`df`). */
  df?: string;
  /** The fields `q` searches without `df` (absent: every field). */
  qFields?: string[];
  /** How `q`'s words combine (`default_operator`): `OR` unless told. */
  defaultOperator?: "AND" | "OR";
  /**
   * Search-index query clauses every document must also match, for search-backed resources
   * (the content API's `filter`); checked by the caller.
   */
  searchFilters?: Record<string, unknown>[];
  /** Include soft-deleted documents. */
  showDeleted?: boolean;
  /** Skip the count (cursor mode and optimised pagination). */
  skipCount?: boolean;
  /** Keyset pagination by `_id` instead of pages (`?cursor=`). */
  cursor?: CursorPage;
  /**
   * Every query parameter as sent (Eve's `req.args`), for services that read one of their own
   * (contacts' `all`); a plain record so the query stays cloneable.
   */
  args?: Readonly<Record<string, string>>;
}

/** One page of results. */
export interface ListResult {
  items: Record<string, unknown>[];
  /** Undefined when the count was skipped. */
  total?: number;
  /** Cursor mode: the cursor of the next page, absent on the last one. */
  nextCursor?: string;
}

/** One page as the store's JSON texts (`ResourceService.findJson`). */
export interface JsonListResult {
  items: JsonDoc[];
  /** Undefined when the count was skipped. */
  total?: number;
}
