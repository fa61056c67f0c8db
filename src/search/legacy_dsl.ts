/**
 * Rewrites the Elasticsearch 1.x/2.x query syntax the Superdesk web client still sends into
 * Elasticsearch 8 `bool` queries (what eve-elastic's `fix_query` does): `filtered`, `and`, `or`,
 * `not`, `missing`, the `type` filter, `_type` fields, `from`/`to` ranges, query filters, and a
 * top-level `filter`. Only query positions are rewritten, so a field named `type` or `and`
 * inside a leaf query is left alone. Pure: the input is not modified (a range bound that is an
 * impossible date throws a 400).
 */
import { checkRangeDates } from "./range_dates.ts";
import type { SearchBody } from "./search_index.ts";

type Node = Record<string, unknown>;

/** Returns `body` with every legacy construct replaced by its Elasticsearch 8 equivalent. */
export function rewriteLegacyDsl(body: SearchBody): SearchBody {
  const out: SearchBody = { ...body };
  if (out.query !== undefined) out.query = rewriteQuery(out.query);
  if (out.post_filter !== undefined) out.post_filter = rewriteQuery(out.post_filter);
  if (out.filter !== undefined) {
    const filter = rewriteQuery(out.filter);
    delete out.filter;
    out.query = out.query === undefined
      ? { bool: { filter } }
      : { bool: { must: out.query, filter } };
  }
  for (const key of ["aggs", "aggregations"]) {
    if (isNode(out[key])) out[key] = rewriteAggs(out[key]);
  }
  return out;
}

/** Rewrites one query (or legacy filter) node, recursively. Non-objects pass through. */
export function rewriteQuery(query: unknown): unknown {
  if (Array.isArray(query)) return query.map(rewriteQuery);
  if (!isNode(query)) return query;
  const keys = Object.keys(query);
  if (keys.length === 1 && keys[0] === "query") return rewriteQuery(query.query);
  const out: Node = {};
  for (const [key, value] of Object.entries(query)) {
    const [name, rewritten] = rewriteClause(key, value);
    if (name === "bool" && isNode(out.bool) && isNode(rewritten)) {
      out.bool = mergeBool(out.bool, rewritten);
    } else {
      out[name] = rewritten;
    }
  }
  return out;
}

function rewriteClause(key: string, value: unknown): [string, unknown] {
  switch (key) {
    case "filtered": {
      const v = isNode(value) ? value : {};
      const bool: Node = {};
      // A null part is absent (the client sends `"filter": null`; eve-elastic skips it).
      if (v.query != null) bool.must = rewriteQuery(v.query);
      if (v.filter != null) bool.filter = rewriteQuery(v.filter);
      return ["bool", bool];
    }
    case "and":
      return ["bool", { must: rewriteQuery(listOf(value)) }];
    case "or":
      return ["bool", { should: rewriteQuery(listOf(value)), minimum_should_match: 1 }];
    case "not": {
      const inner = isNode(value) && "filter" in value ? value.filter : value;
      return ["bool", { must_not: rewriteQuery(inner) }];
    }
    case "missing":
      return ["bool", { must_not: { exists: value } }];
    case "type":
      return isNode(value) && "value" in value
        ? ["term", { _resource: value.value }]
        : [key, value];
    case "term":
    case "terms":
      return [key, renameTypeField(value)];
    case "range":
      return [key, rewriteRange(value)];
    case "bool":
      return ["bool", rewriteBool(value)];
    case "constant_score":
      return [key, rewriteKeys(value, ["filter", "query"])];
    case "nested":
    case "function_score":
      return [key, rewriteKeys(value, ["query", "filter"])];
    case "dis_max":
      return [key, rewriteKeys(value, ["queries"])];
    case "boosting":
      return [key, rewriteKeys(value, ["positive", "negative"])];
    default:
      return [key, value];
  }
}

/** `{and: [..]}` and `{and: {filters: [..]}}` both list their clauses. */
function listOf(value: unknown): unknown {
  if (isNode(value) && Array.isArray(value.filters)) return value.filters;
  return value;
}

function rewriteBool(value: unknown): unknown {
  return rewriteKeys(value, ["must", "filter", "should", "must_not"]);
}

function rewriteKeys(value: unknown, keys: string[]): unknown {
  if (!isNode(value)) return value;
  const out: Node = { ...value };
  for (const key of keys) if (key in out) out[key] = rewriteQuery(out[key]);
  return out;
}

/** Two legacy clauses at one level that both became `bool`: concatenate their clause lists. */
function mergeBool(a: Node, b: Node): Node {
  const out: Node = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "minimum_should_match" || !(key in out)) {
      out[key] = value;
    } else {
      out[key] = [...toArray(out[key]), ...toArray(value)];
    }
  }
  return out;
}

function renameTypeField(value: unknown): unknown {
  if (!isNode(value) || !("_type" in value)) return value;
  const { _type, ...rest } = value;
  return { ...rest, _resource: _type };
}

/**
 * `from`/`to` with `include_lower`/`include_upper` → `gt(e)`/`lt(e)`; a bound that is an
 * impossible date is a 400 (`range_dates.ts`).
 */
function rewriteRange(value: unknown): unknown {
  if (!isNode(value)) return value;
  const out: Node = {};
  for (const [field, spec] of Object.entries(value)) {
    if (isNode(spec)) checkRangeDates(field, spec);
    if (!isNode(spec) || !("from" in spec || "to" in spec)) {
      out[field] = spec;
      continue;
    }
    const { from, to, include_lower = true, include_upper = true, ...rest } = spec;
    const range: Node = { ...rest };
    if (from !== undefined && from !== null) range[include_lower ? "gte" : "gt"] = from;
    if (to !== undefined && to !== null) range[include_upper ? "lte" : "lt"] = to;
    out[field] = range;
  }
  return out;
}

function rewriteAggs(aggs: Node): Node {
  const out: Node = {};
  for (const [name, agg] of Object.entries(aggs)) {
    if (!isNode(agg)) {
      out[name] = agg;
      continue;
    }
    const next: Node = { ...agg };
    if (next.filter !== undefined) next.filter = rewriteQuery(next.filter);
    if (isNode(next.filters) && isNode(next.filters.filters)) {
      const filters: Node = {};
      for (const [k, f] of Object.entries(next.filters.filters)) filters[k] = rewriteQuery(f);
      next.filters = { ...next.filters, filters };
    }
    for (const key of ["aggs", "aggregations"]) {
      if (isNode(next[key])) next[key] = rewriteAggs(next[key]);
    }
    out[name] = next;
  }
  return out;
}

function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
