/**
 * The leaf conditions of the embedded index's query compiler, each a SQL condition over the
 * documents table aliased `d` of one concrete index: value lookups (term, terms, ids, range,
 * exists, prefix) in the values table and full-text lookups in the FTS5 table. Also the shared
 * clause-shape checks that answer 400 for options the embedded index does not implement.
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import type { LeafField } from "../mapping.ts";
import { lowercase } from "../analysis/standard_analyzer.ts";
import { parseDate } from "./date_math.ts";
import { fieldPattern } from "./field_pattern.ts";
import type { IndexLayout } from "./sqlite_tables.ts";
import { textTermsIn } from "./text_conditions.ts";
import { normalise, RefusedDocError } from "./sqlite_values.ts";

/** One full-text clause: an FTS5 expression and the text-field positions it is limited to. */
export interface FtsLeaf {
  expr: string;
  ks: number[];
  /** Whether it scores: not in a filter context, where it only matches and highlights. */
  scores: boolean;
}

/** Compilation state for one concrete index. */
export interface QueryScope {
  layout: IndexLayout;
  /** The database, for lookups while compiling (wildcard expansion). */
  db: DatabaseSync;
  params: SQLInputValue[];
  /** Full-text clauses not under a must_not: they rank and highlight hits. */
  positive: FtsLeaf[];
  /** The time `now` means in date math. */
  now: number;
  /**
   * Value conditions as a lookup per document (`EXISTS`, the value table's primary key) instead
   * of a list of every matching document built first: for reading a few documents in rowid
   * order out of many matches (`index_order_page.ts`).
   */
  probe?: boolean;
  /**
   * Compiling a filter context (`bool.filter`, `constant_score`), whose full-text clauses match
   * and highlight without scoring, as in Elasticsearch.
   */
  filtering?: boolean;
}

/** `compile` in a filter context (`QueryScope.filtering`). */
export function inFilterContext<T>(scope: QueryScope, compile: () => T): T {
  const saved = scope.filtering;
  scope.filtering = true;
  try {
    return compile();
  } finally {
    scope.filtering = saved;
  }
}

/** The condition "document `d` has a value row matching `where`" (over `rid`, `path`, `val`). */
export function valueRows(scope: QueryScope, where: string): string {
  return scope.probe
    ? `EXISTS (SELECT 1 FROM ${scope.layout.vals} WHERE rid = d.rid AND ${where})`
    : `d.rid IN (SELECT rid FROM ${scope.layout.vals} WHERE ${where})`;
}

/** A JSON object in a query. */
export type Node = Record<string, unknown>;

/**
 * The condition "field has one of `values`" (`term`, `terms`, and a `match` on a field that is
 * not full text). A date matches the whole span its text names (`2024-01-02` is that day), as
 * Elasticsearch's date term queries do; a text field matches one exact token.
 */
export function valuesIn(scope: QueryScope, field: string, values: unknown[]): string {
  if (field === "_id") return idsIn(scope, values);
  const leaf = scope.layout.leaves.get(field);
  if (!leaf || !values.length) return "0";
  if (leaf.type === "text") return textTermsIn(scope, field, values);
  if (leaf.type === "date") {
    scope.params.push(field);
    for (const value of values) {
      scope.params.push(
        parseDate(value, { now: scope.now }),
        parseDate(value, { now: scope.now, roundUp: true }),
      );
    }
    const spans = values.map(() => "val BETWEEN ? AND ?").join(" OR ");
    return valueRows(scope, `path = ? AND (${spans})`);
  }
  const vals = values.map((v) => coerce(leaf, v, field));
  scope.params.push(field, ...vals);
  return valueRows(scope, `path = ? AND val IN (${vals.map(() => "?").join(",")})`);
}

/** The condition "the document id is one of `values`". */
export function idsIn(scope: QueryScope, values: unknown[]): string {
  if (!values.length) return "0";
  scope.params.push(...values.map(String));
  return `d.id IN (${values.map(() => "?").join(",")})`;
}

/** A `range` clause: gt/gte/lt/lte on a non-text field, with date math on dates. */
export function compileRange(body: unknown, scope: QueryScope): string {
  const [field, spec] = single(body, "range");
  const bounds = only(node(spec, "range"), "range", ["gt", "gte", "lt", "lte", "boost"]);
  const leaf = leafOf(scope, field, "range");
  if (!leaf) return "0";
  const ops: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=" };
  const conds = ["path = ?"];
  scope.params.push(field);
  for (const [key, op] of Object.entries(ops)) {
    const raw = bounds[key];
    if (raw === undefined || raw === null) continue;
    const value = leaf.type === "date"
      ? parseDate(raw, { roundUp: key === "gt" || key === "lte", now: scope.now })
      : coerce(leaf, raw, field);
    conds.push(`val ${op} ?`);
    scope.params.push(value);
  }
  return valueRows(scope, conds.join(" AND "));
}

/** An `exists` clause: the field, or any field under an object path, has a value. */
export function compileExists(field: string, scope: QueryScope): string {
  if (field === "_id") return "1";
  const paths = [...scope.layout.leaves.keys()].filter((p) =>
    p === field || p.startsWith(field + ".")
  );
  if (!paths.length) return "0";
  scope.params.push(...paths);
  return valueRows(scope, `path IN (${paths.map(() => "?").join(",")})`);
}

/**
 * Resolves `*` patterns and strips `^boost` suffixes. `*` alone leaves out the `_`-prefixed
 * meta fields (`_created`, `_etag` ...), as Elasticsearch's match-all field pattern does.
 */
export function expandFields(scope: QueryScope, patterns: string[]): string[] {
  const out = new Set<string>();
  for (const raw of patterns) {
    const pattern = raw.replace(/\^[\d.]+$/, "");
    if (!pattern.includes("*")) {
      out.add(pattern);
      continue;
    }
    const matches = pattern === "*"
      ? (path: string) => !path.startsWith("_")
      : fieldPattern(pattern);
    for (const path of scope.layout.leaves.keys()) if (matches(path)) out.add(path);
  }
  return [...out];
}

/** Converts a query value for a non-text leaf the way Elasticsearch would, or answers 400. */
export function coerce(leaf: LeafField, value: unknown, field: string): SQLInputValue {
  if (leaf.type === "keyword" && typeof value === "string") {
    return leaf.lowercase ? lowercase(value) : value;
  }
  try {
    const out = normalise({ ...leaf, ignoreAbove: undefined }, value, field);
    return out === undefined ? null : out;
  } catch (error) {
    if (error instanceof RefusedDocError) {
      throw new BadRequestError(`failed to create query: ${error.message}`);
    }
    throw error;
  }
}

function leafOf(scope: QueryScope, field: string, clause: string): LeafField | undefined {
  const leaf = scope.layout.leaves.get(field);
  if (leaf?.type === "text") {
    throw new BadRequestError(
      `[${clause}] on text field [${field}] is not supported by the embedded search index; ` +
        `use match, or ${field}.keyword`,
    );
  }
  return leaf;
}

/** The one key of a clause object and its value. */
export function single(value: unknown, what: string): [string, unknown] {
  const entries = isNode(value) ? Object.entries(value) : [];
  if (entries.length !== 1) {
    throw new BadRequestError(`[${what}] malformed: expected an object with exactly one key`);
  }
  return entries[0]!;
}

/** `value` as an object, or 400 naming the clause. */
export function node(value: unknown, what: string): Node {
  if (!isNode(value)) throw new BadRequestError(`[${what}] query malformed: expected an object`);
  return value;
}

/** A non-negative integer option (`fallback` when absent), or 400 naming it. */
export function integerOption(value: unknown, name: string, fallback: number): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new BadRequestError(`[${name}] must be a non-negative integer`);
  }
  return n;
}

/** Checks that a clause uses only `allowed` options. */
export function only(value: unknown, what: string, allowed: string[]): Node {
  const obj = node(value, what);
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new BadRequestError(
        `[${what}] option [${key}] is not supported by the embedded search index`,
      );
    }
  }
  if (obj.boost !== undefined) checkBoost(obj.boost, what);
  return obj;
}

/**
 * A query's `boost` (it changes scores only, which the embedded index does not weigh): refused,
 * as Elasticsearch refuses it, when negative or not a number.
 */
export function checkBoost(boost: unknown, what: string): void {
  const value = typeof boost === "string" && boost.trim() !== "" ? Number(boost) : boost;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new BadRequestError(`[${what}] [boost] must be a number`);
  }
  if (value < 0) {
    throw new BadRequestError(
      `negative [boost] are not allowed in [${what}], use a value between 0 and 1 to deboost`,
    );
  }
}

/** True for a plain JSON object. */
export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
