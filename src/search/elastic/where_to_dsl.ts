/**
 * Translates a resource list request (Eve's `where`, `sort`, `page`/`max_results`, `q` with
 * `df` and `default_operator`, `projection`) into a search body. The output only uses clauses both search indexes support
 * (`term`, `terms`, `ids`, `range`, `exists`, `bool`, `query_string`, `match_phrase`), so list GETs work the
 * same on Elasticsearch and the embedded index. `where` is first checked against the document
 * store's allow-list (`validateFilter`), then operators without a search equivalent (`$regex`,
 * `$elemMatch`, `$size`) answer 400 too.
 */
import { BadRequestError } from "../../errors.ts";
import type { Filter, Projection, Sort } from "../../storage/document_store.ts";
import { validateFilter } from "../../storage/where_filter.ts";
import type { SearchBody } from "../search_index.ts";

/** A parsed list request. `page` is 1-based; `skip` wins over `page` when both are given. */
export interface ListQuery {
  where?: Filter;
  sort?: Sort;
  page?: number;
  skip?: number;
  max_results?: number;
  /** Superdesk's `q`: a query_string over every field (`fullTextClause`). */
  q?: string;
  /** `df`: the one field `q` searches. */
  df?: string;
  /** The fields `q` searches without `df` (absent: every field, `*`). */
  fields?: string[];
  /** `OR` (Eve-Elastic's default for a list's `q`) or `AND`. */
  defaultOperator?: "AND" | "OR";
  projection?: Projection;
}

type Clause = Record<string, unknown>;

const RANGE_OPS: Record<string, string> = { $gt: "gt", $gte: "gte", $lt: "lt", $lte: "lte" };

/** Builds the whole body: filters in `bool.filter`, `q` in `bool.must`, exact totals. */
export function translateListQuery(query: ListQuery): SearchBody {
  const size = query.max_results ?? 25;
  const from = query.skip ?? ((query.page ?? 1) - 1) * size;
  const bool: Clause = {};
  if (query.where && Object.keys(query.where).length > 0) bool.filter = [whereToDsl(query.where)];
  if (query.q) bool.must = [fullTextClause(query.q, query.df, query.defaultOperator, query.fields)];
  const body: SearchBody = {
    query: Object.keys(bool).length ? { bool } : { match_all: {} },
    from,
    size,
    track_total_hits: true,
  };
  if (query.sort?.length) {
    body.sort = query.sort.map(([field, dir]) => ({
      [field]: { order: dir === 1 ? "asc" : "desc" },
    }));
  }
  if (query.projection) body._source = sourceFilter(query.projection);
  return body;
}

/**
 * A list's `q` as Eve-Elastic's `_build_query_string` builds it: a lenient `query_string` over
 * `fields` (unless told, every field, Elasticsearch's `*`: text, keywords such as a desk id,
 * numbers, dates), or over
 * `df` alone, where a quoted `q` is a phrase on `df`; words joined by `OR` unless told.
 */
function fullTextClause(
  q: string,
  df?: string,
  operator?: "AND" | "OR",
  fields: string[] = ["*"],
): Clause {
  const trimmed = q.trim();
  if (df && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return { match_phrase: { [df]: trimmed.replace(/^"+|"+$/g, "") } };
  }
  return {
    query_string: {
      query: q,
      default_operator: operator ?? "OR",
      lenient: true,
      ...(df ? { default_field: df } : { fields }),
    },
  };
}

/** Validates and translates a Mongo-style filter into one query clause. */
export function whereToDsl(where: Filter): Clause {
  return translate(validateFilter(where));
}

function translate(where: Filter): Clause {
  const clauses: Clause[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (key.startsWith("$")) clauses.push(logical(key, value));
    else clauses.push(...fieldClauses(key, value));
  }
  return clauses.length === 1 ? clauses[0]! : { bool: { filter: clauses } };
}

function logical(op: string, value: unknown): Clause {
  if (op === "$and" || op === "$or" || op === "$nor") {
    if (!Array.isArray(value) || value.length === 0) {
      throw new BadRequestError(`${op} needs a non-empty array`);
    }
    const parts = value.map((f) => translate(asFilter(f, op)));
    if (op === "$and") return { bool: { filter: parts } };
    if (op === "$or") return { bool: { should: parts, minimum_should_match: 1 } };
    return { bool: { must_not: parts } };
  }
  throw unsupported(op);
}

function fieldClauses(field: string, value: unknown): Clause[] {
  if (!isOperatorObject(value)) return [equals(field, value)];
  const out: Clause[] = [];
  const range: Clause = {};
  for (const [op, arg] of Object.entries(value)) {
    if (op in RANGE_OPS) {
      range[RANGE_OPS[op]!] = scalar(field, arg);
      continue;
    }
    switch (op) {
      case "$eq":
        out.push(equals(field, arg));
        break;
      case "$ne":
        out.push(not(equals(field, arg)));
        break;
      case "$in":
        out.push(anyOf(field, list(field, op, arg)));
        break;
      case "$nin":
        out.push(not(anyOf(field, list(field, op, arg))));
        break;
      case "$all":
        out.push({ bool: { filter: list(field, op, arg).map((v) => equals(field, v)) } });
        break;
      case "$exists":
        out.push(arg ? { exists: { field } } : not({ exists: { field } }));
        break;
      case "$not":
        if (!isOperatorObject(arg)) throw new BadRequestError(`$not on "${field}" needs operators`);
        out.push(not(and(fieldClauses(field, arg))));
        break;
      default:
        throw unsupported(op);
    }
  }
  if (Object.keys(range).length) out.push({ range: { [field]: range } });
  return out;
}

/** Mongo equality: null matches missing fields; `_id` becomes an `ids` query. */
function equals(field: string, value: unknown): Clause {
  if (value === null) return not({ exists: { field } });
  const v = scalar(field, value);
  return field === "_id" ? { ids: { values: [v] } } : { term: { [field]: v } };
}

function anyOf(field: string, values: unknown[]): Clause {
  const hasNull = values.includes(null);
  const rest = values.filter((v) => v !== null).map((v) => scalar(field, v));
  const clauses: Clause[] = [];
  if (rest.length) {
    clauses.push(field === "_id" ? { ids: { values: rest } } : { terms: { [field]: rest } });
  }
  if (hasNull) clauses.push(not({ exists: { field } }));
  return clauses.length === 1
    ? clauses[0]!
    : { bool: { should: clauses, minimum_should_match: 1 } };
}

function scalar(field: string, value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof RegExp) throw unsupported("$regex");
  if (typeof value === "object" && value !== null) {
    throw new BadRequestError(
      `filter on "${field}": comparing whole objects or arrays is not supported in searches`,
    );
  }
  return value;
}

function list(field: string, op: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new BadRequestError(`${op} on "${field}" needs an array`);
  return value;
}

function not(clause: Clause): Clause {
  return { bool: { must_not: [clause] } };
}

function and(clauses: Clause[]): Clause {
  return clauses.length === 1 ? clauses[0]! : { bool: { filter: clauses } };
}

function asFilter(value: unknown, op: string): Filter {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new BadRequestError(`${op} needs an array of filter objects`);
  }
  return value as Filter;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  if (value instanceof Date || value instanceof RegExp) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith("$"));
}

function unsupported(op: string): BadRequestError {
  return new BadRequestError(`query operator ${op} is not supported on search-backed resources`);
}

function sourceFilter(projection: Projection): SearchBody["_source"] {
  const entries = Object.entries(projection).filter(([field]) => field !== "_id");
  const included = entries.filter(([, v]) => v === 1).map(([f]) => f);
  const excluded = entries.filter(([, v]) => v === 0).map(([f]) => f);
  if (included.length && excluded.length) {
    throw new BadRequestError("projection cannot mix inclusion and exclusion");
  }
  return included.length ? { includes: included } : { excludes: excluded };
}
