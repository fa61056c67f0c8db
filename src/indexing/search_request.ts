/**
 * Parses `GET /api/search` query parameters into a search request as Superdesk's
 * `SearchService` does: `repo` (comma list), `source` (an Elasticsearch body, legacy syntax
 * rewritten), `q`/`df`/`default_operator`, `max_results`/`page` when the body has no
 * `size`/`from`, `aggregations=1`, `es_highlight=1` and `projections` (a JSON list of fields).
 */
import { BadRequestError } from "../errors.ts";
import { rewriteLegacyDsl } from "../search/legacy_dsl.ts";
import type { SearchBody } from "../search/search_index.ts";

/** A parsed `/api/search` request. */
export interface SearchRequest {
  /** Requested repositories; empty for Superdesk's defaults. */
  repos: string[];
  /** The body without server additions: query (with `q`), from, size, `_source`. */
  body: SearchBody;
  aggregations: boolean;
  highlight: boolean;
}

/** Paging bounds (the API's pagination settings) and `/api/search`'s depth. */
export interface SearchLimits {
  paginationDefault: number;
  paginationLimit: number;
  /** `MAX_SEARCH_DEPTH`: `terminate_after` of `/api/search` unless -1 (absent: none). */
  maxSearchDepth?: number;
}

/** A page and its size, as a list's query parsed them. */
export interface Paging {
  page: number;
  maxResults: number;
}

/** Query parameters by name (a `URLSearchParams` is one). */
export interface QueryParams {
  get(name: string): string | null;
}

/**
 * Parses `params`; malformed values are 400s naming the parameter. `federated` (`/api/search`)
 * and highlighting give the client's `filtered` query string Superdesk's default `type`
 * (`ELASTIC_QUERY_STRING_TYPE`, `cross_fields`: the words of a query may be in different fields);
 * `federated` also stops each shard after `MAX_SEARCH_DEPTH` documents, as Superdesk's search.
 * `paging`, when given, is the page already parsed (a list's, where garbage means the default)
 * and stands for `page`/`max_results`.
 */
export function parseSearchRequest(
  params: QueryParams,
  limits: SearchLimits,
  { federated = false, paging }: { federated?: boolean; paging?: Paging } = {},
): SearchRequest {
  const repos = (params.get("repo") ?? "").split(",").map((r) => r.trim()).filter(Boolean);
  const source = params.get("source");
  const parsed = source ? parseJson(source, "source") : {};
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError("Invalid search: source must be a JSON object");
  }
  const highlight = flag(params.get("es_highlight"));
  if (federated || highlight) defaultQueryStringType(parsed as SearchBody);
  let body = rewriteLegacyDsl(parsed as SearchBody);
  const q = params.get("q");
  if (q) {
    const queryString: Record<string, unknown> = { query: q, default_operator: operator(params) };
    const df = params.get("df");
    if (df) queryString.default_field = df;
    const must = [{ query_string: queryString }, ...(body.query ? [body.query] : [])];
    body = { ...body, query: { bool: { must } } };
  }
  const size = body.size ?? Math.min(
    paging?.maxResults ?? positive(params.get("max_results"), "max_results") ??
      limits.paginationDefault,
    limits.paginationLimit,
  );
  const page = paging?.page ?? positive(params.get("page"), "page") ?? 1;
  // `body` is this request's own copy (the rewrite's or the `q` branch's): completed in place.
  body.size = size;
  body.from ??= (page - 1) * Number(size);
  const depth = limits.maxSearchDepth ?? -1;
  if (federated && depth !== -1) body.terminate_after = depth;
  const projections = params.get("projections");
  if (projections) {
    const fields = parseJson(projections, "projections");
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === "string")) {
      throw new BadRequestError("Invalid search: projections must be a JSON list of field names");
    }
    body._source = fields;
  }
  return {
    repos,
    body,
    aggregations: flag(params.get("aggregations")),
    highlight,
  };
}

/** `default_operator` of `q`: `AND` unless told; anything but AND or OR (any case) is a 400. */
function operator(params: QueryParams): string {
  const raw = params.get("default_operator");
  if (raw === null) return "AND";
  if (/^(and|or)$/i.test(raw)) return raw.toUpperCase();
  throw new BadRequestError(
    `Invalid search: default_operator must be AND or OR, not ${JSON.stringify(raw)}`,
  );
}

/** Superdesk's `_enhance_query_string`: `query.filtered.query.query_string.type` defaults. */
function defaultQueryStringType(body: SearchBody): void {
  const filtered = (body.query as { filtered?: { query?: { query_string?: unknown } } })
    ?.filtered;
  const queryString = filtered?.query?.query_string;
  if (typeof queryString === "object" && queryString !== null && !Array.isArray(queryString)) {
    (queryString as Record<string, unknown>).type ??= "cross_fields";
  }
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadRequestError(`Invalid search: ${name} is not valid JSON (${error})`);
  }
}

function positive(value: string | null, name: string): number | undefined {
  if (value === null || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new BadRequestError(`Invalid search: ${name} must be a positive integer`);
  }
  return n;
}

/** Whether a flag parameter is set: present and neither `0` nor `false`. */
export function flag(value: string | null): boolean {
  return value !== null && value !== "0" && value !== "false";
}
