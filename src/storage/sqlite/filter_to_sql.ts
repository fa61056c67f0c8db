/**
 * A validated `Filter` → a parameterised SQL condition over the `doc` JSON column, with
 * MongoDB's semantics: dotted paths reach into objects and arrays of objects, a condition on an
 * array field matches when the array or any element matches, comparisons only match values of
 * the same type (numbers with numbers, strings with strings, dates with dates), `null` matches
 * null and missing, negations match missing fields. Every generated condition is 1, 0 or NULL
 * (read as "no match"); negations use `IS NOT 1` so NULL stays "no match".
 *
 * Fields recorded as scalar (`scalarField`: an indexed field no document holds an array in)
 * compile to the bare `json_extract(doc, '$.f') <op> ?` of their expression index, so the
 * planner uses the index; other fields get the general form with `json_each` branches.
 */
import { BadRequestError } from "../../errors.ts";
import type { Filter } from "../document_store.ts";
import { isElemMatchOnValues, isOperatorObject } from "../where_filter.ts";
import { jsonPath, pathKey, sqlString } from "./json_path.ts";
import {
  type Cond,
  eqCond,
  eqMatcher,
  inMatcher,
  joinBalanced,
  type Matcher,
  param,
  type ParamSink,
  RANGE_SQL,
  rangeCond,
  rangeMatcher,
  regexMatcher,
  type SqlParam,
} from "./value_conditions.ts";

/** A SQL condition and its parameters, in order. */
export interface SqlCondition {
  sql: string;
  params: SqlParam[];
}

/** What the translation needs to know about the collection. */
export interface FilterToSqlOptions {
  /** True when `field` is known never to hold an array (nor to cross one). */
  scalarField(field: string): boolean;
}

interface Context extends FilterToSqlOptions, ParamSink {
  aliases: number;
}

/** Translates `filter` (already checked by `validateFilter`). */
export function filterToSql(filter: Filter, options: FilterToSqlOptions): SqlCondition {
  const context: Context = { scalarField: options.scalarField, params: [], aliases: 0 };
  return { sql: querySql(filter, "doc", context, true), params: context.params };
}

function not(sql: string): string {
  return `(${sql}) IS NOT 1`;
}

function querySql(query: Filter, base: string, context: Context, top: boolean): string {
  const clauses: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === "$and" || key === "$or" || key === "$nor") {
      const parts = (value as Filter[]).map((sub) => querySql(sub, base, context, top));
      const joined = joinBalanced(parts, key === "$and" ? "AND" : "OR");
      clauses.push(key === "$nor" ? not(joined) : joined);
    } else clauses.push(fieldSql(key, value, base, context, top));
  }
  return joinBalanced(clauses, "AND");
}

function fieldSql(
  field: string,
  value: unknown,
  base: string,
  context: Context,
  top: boolean,
): string {
  const ops = isOperatorObject(value) ? value : { $eq: value };
  if (top && field === "_id") {
    const byId = idSql(ops, context);
    if (byId) return byId;
  }
  const match = (matcher: Matcher) => matchPath(field, base, matcher, context, top);
  const parts: string[] = [];
  for (const [op, operand] of Object.entries(ops)) {
    switch (op) {
      case "$options":
        break;
      case "$eq":
        parts.push(match(eqMatcher(operand, context)));
        break;
      case "$ne":
        parts.push(not(match(eqMatcher(operand, context))));
        break;
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte":
        parts.push(match(rangeMatcher(op, operand, context)));
        break;
      case "$in":
        parts.push(match(inMatcher(operand as unknown[], context)));
        break;
      case "$nin":
        parts.push(not(match(inMatcher(operand as unknown[], context))));
        break;
      case "$all": {
        const values = operand as unknown[];
        parts.push(
          values.length === 0
            ? "0"
            : joinBalanced(values.map((v) => match(eqMatcher(v, context))), "AND"),
        );
        break;
      }
      case "$exists": {
        const exists = match({
          cond: (_, t) => `${t} IS NOT NULL`,
          elements: false,
          matchesMissing: false,
        });
        parts.push(operand ? exists : not(exists));
        break;
      }
      case "$size":
        parts.push(match({
          cond: (v, t) =>
            `CASE WHEN ${t} = 'array' THEN json_array_length(${v}) END = ${
              param(context, operand as number)
            }`,
          elements: false,
          matchesMissing: false,
        }));
        break;
      case "$elemMatch":
        parts.push(match(elemMatchMatcher(operand as Filter, context)));
        break;
      case "$not":
        parts.push(not(fieldSql(field, operand, base, context, top)));
        break;
      case "$regex":
        parts.push(match(regexMatcher(operand, ops.$options, context)));
        break;
      default:
        throw new BadRequestError(`Query operator "${op}" is not allowed`);
    }
  }
  return joinBalanced(parts, "AND");
}

/** `_id` is the `id` column (always a string): string comparisons use its primary key. */
function idSql(ops: Record<string, unknown>, context: Context): string | undefined {
  const entries = Object.entries(ops);
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
  const simple = entries.every(([op, operand]) =>
    (op in RANGE_SQL || op === "$eq" || op === "$ne")
      ? typeof operand === "string"
      : (op === "$in" || op === "$nin") && strings(operand)
  );
  if (!simple) return undefined;
  return entries.map(([op, operand]) => {
    if (op === "$eq") return `id = ${param(context, operand as string)}`;
    if (op === "$ne") return `id <> ${param(context, operand as string)}`;
    if (op in RANGE_SQL) return `id ${RANGE_SQL[op]} ${param(context, operand as string)}`;
    const list = (operand as string[]).map((id) => param(context, id)).join(", ");
    return `id ${op === "$in" ? "IN" : "NOT IN"} (${list})`;
  }).join(" AND ");
}

function matchPath(
  field: string,
  base: string,
  matcher: Matcher,
  context: Context,
  top: boolean,
): string {
  if (top && context.scalarField(field)) {
    const path = sqlString(jsonPath(field));
    return matcher.cond(`json_extract(doc, ${path})`, `json_type(doc, ${path})`, false);
  }
  return resolve(base, "$", field.split("."), matcher, context, true);
}

/**
 * Mongo path resolution from the value at `path` of `base`: an object step reads the key; on an
 * array a numeric step is positional and any other step applies to each object element (an
 * array without object elements yields nothing: the path is missing and matches `null`).
 * SQL `AND` may evaluate both sides, so JSON functions on values that may not be JSON sit
 * behind `CASE`.
 */
function resolve(
  base: string,
  path: string,
  segments: string[],
  matcher: Matcher,
  context: Context,
  isObject: boolean,
): string {
  const [head, ...rest] = segments;
  if (head === undefined) return terminal(base, path, matcher, context);
  const byKey = resolve(base, `${path}.${pathKey(head)}`, rest, matcher, context, false);
  if (isObject) return byKey;
  const type = `json_type(${base}, ${sqlString(path)})`;
  const notArray = `${type} IS NOT 'array' AND (${byKey})`;
  if (/^\d+$/.test(head)) {
    const byIndex = resolve(base, `${path}[${head}]`, rest, matcher, context, false);
    return `((${notArray}) OR (${type} = 'array' AND (${byIndex})))`;
  }
  const each = `json_each(${base}, ${sqlString(path)})`;
  const e = `e${++context.aliases}`;
  const inElements = `EXISTS (SELECT 1 FROM ${each} AS ${e} WHERE CASE WHEN ${e}.type = 'object' ` +
    `THEN (${resolve(`${e}.value`, "$", segments, matcher, context, true)}) ELSE 0 END)`;
  const noObjects = matcher.matchesMissing
    ? ` OR NOT EXISTS (SELECT 1 FROM ${each} AS ${e}n WHERE ${e}n.type = 'object')`
    : "";
  const byElement = `${type} = 'array' AND (${inElements}${noObjects})`;
  return `((${matcher.matchesMissing ? notArray : byKey}) OR (${byElement}))`;
}

function terminal(base: string, path: string, matcher: Matcher, context: Context): string {
  const here = sqlString(path);
  const type = `json_type(${base}, ${here})`;
  const itself = matcher.cond(`json_extract(${base}, ${here})`, type, false);
  if (!matcher.elements) return `(${itself})`;
  const e = `e${++context.aliases}`;
  return `((${itself}) OR (${type} = 'array' AND EXISTS (SELECT 1 FROM json_each(${base}, ${here}) AS ${e} WHERE ${
    matcher.cond(`${e}.value`, `${e}.type`, true)
  })))`;
}

function elemMatchMatcher(operand: Filter, context: Context): Matcher {
  const cond: Cond = (v, t) => {
    const e = `e${++context.aliases}`;
    const inner = isElemMatchOnValues(operand)
      ? valueOpsSql(operand, `${e}.value`, `${e}.type`, context)
      : `CASE WHEN ${e}.type = 'object' THEN (${
        querySql(operand, `${e}.value`, context, false)
      }) ELSE 0 END`;
    return `EXISTS (SELECT 1 FROM json_each(CASE WHEN ${t} = 'array' THEN ${v} END) AS ${e} ` +
      `WHERE ${inner})`;
  };
  return { cond, elements: false, matchesMissing: false };
}

/** Operators applied to array items themselves (`$elemMatch: {$gte: 1, $lt: 9}`). */
function valueOpsSql(ops: Filter, v: string, t: string, context: Context): string {
  const parts = Object.entries(ops).flatMap(([op, operand]) => {
    switch (op) {
      case "$options":
        return [];
      case "$eq":
        return [eqCond(operand, context)(v, t, true)];
      case "$ne":
        return [not(eqCond(operand, context)(v, t, true))];
      case "$in":
        return [inMatcher(operand as unknown[], context).cond(v, t, true)];
      case "$nin":
        return [not(inMatcher(operand as unknown[], context).cond(v, t, true))];
      case "$regex":
        return [regexMatcher(operand, ops.$options, context).cond(v, t, true)];
      case "$not":
        return [not(valueOpsSql(operand as Filter, v, t, context))];
      default:
        if (op in RANGE_SQL) return [rangeCond(op, operand, context)(v, t, true)];
        throw new BadRequestError(
          `Query operator "${op}" is not supported inside "$elemMatch" on values`,
        );
    }
  });
  return joinBalanced(parts, "AND");
}
