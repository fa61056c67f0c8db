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
import { compileRegex } from "../regex_pattern.ts";
import { isElemMatchOnValues, isOperatorObject } from "../where_filter.ts";
import { checkString, DATE_PREFIX, encodeDate, encodeJson } from "./json_codec.ts";
import { jsonPath, pathKey, sqlString } from "./json_path.ts";

/** A value bound to a `?`. */
export type SqlParam = string | number | null;

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

interface Context extends FilterToSqlOptions {
  params: SqlParam[];
  aliases: number;
}

/** A test on a value (`value`/`type` are SQL expressions; `element` when it is an array item). */
type Cond = (value: string, type: string, element: boolean) => string;

interface Matcher {
  cond: Cond;
  /** Whether array elements are tested as well as the value itself. */
  elements: boolean;
  /** Whether a missing field can match (`null` equality). */
  matchesMissing: boolean;
}

const RANGE_SQL: Record<string, string> = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" };

/** Translates `filter` (already checked by `validateFilter`). */
export function filterToSql(filter: Filter, options: FilterToSqlOptions): SqlCondition {
  const context: Context = { scalarField: options.scalarField, params: [], aliases: 0 };
  return { sql: querySql(filter, "doc", context, true), params: context.params };
}

function param(context: Context, value: SqlParam): string {
  context.params.push(value);
  return "?";
}

function not(sql: string): string {
  return `(${sql}) IS NOT 1`;
}

function querySql(query: Filter, base: string, context: Context, top: boolean): string {
  const clauses: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === "$and" || key === "$or" || key === "$nor") {
      const parts = (value as Filter[]).map((sub) => `(${querySql(sub, base, context, top)})`);
      const joined = parts.join(key === "$and" ? " AND " : " OR ");
      clauses.push(key === "$nor" ? not(joined) : joined);
    } else clauses.push(fieldSql(key, value, base, context, top));
  }
  return clauses.length === 0 ? "1" : clauses.map((clause) => `(${clause})`).join(" AND ");
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
          values.length === 0 ? "0" : values.map((v) => match(eqMatcher(v, context))).join(" AND "),
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
            `${t} = 'array' AND json_array_length(${v}) = ${param(context, operand as number)}`,
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
  return parts.map((part) => `(${part})`).join(" AND ");
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

/** Mongo path resolution from the value at `path` of `base` through objects and arrays. */
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
  const here = sqlString(path);
  let byKey = resolve(base, `${path}.${pathKey(head)}`, rest, matcher, context, false);
  if (isObject) return byKey;
  if (matcher.matchesMissing) byKey = `json_type(${base}, ${here}) IS NOT 'array' AND (${byKey})`;
  const alternatives = [`(${byKey})`];
  if (/^\d+$/.test(head)) {
    alternatives.push(`(${resolve(base, `${path}[${head}]`, rest, matcher, context, false)})`);
  }
  const e = `e${++context.aliases}`;
  alternatives.push(
    `(json_type(${base}, ${here}) = 'array' AND EXISTS (SELECT 1 FROM json_each(${base}, ${here}) AS ${e} WHERE ${e}.type = 'object' AND (${
      resolve(`${e}.value`, "$", segments, matcher, context, true)
    })))`,
  );
  return `(${alternatives.join(" OR ")})`;
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

function eqCond(value: unknown, context: Context): Cond {
  if (value === null) return (v, t, element) => element ? `${t} = 'null'` : `${v} IS NULL`;
  if (typeof value === "boolean") return (v, t) => `${v} = ${value ? 1 : 0} AND ${t} = '${value}'`;
  if (typeof value === "number") {
    return (v, t) => `${v} = ${param(context, value)} AND ${t} IN ('integer', 'real')`;
  }
  if (typeof value === "string") {
    return (v, t) => `${v} = ${param(context, checkString(value))} AND ${t} = 'text'`;
  }
  if (value instanceof Date) {
    return (v, t) => `${v} = ${param(context, encodeDate(value))} AND ${t} = 'text'`;
  }
  const kind = Array.isArray(value) ? "array" : "object";
  return (v, t) => `${t} = '${kind}' AND ${v} = json(${param(context, encodeJson(value))})`;
}

function eqMatcher(value: unknown, context: Context): Matcher {
  return { cond: eqCond(value, context), elements: true, matchesMissing: value === null };
}

function rangeMatcher(op: string, value: unknown, context: Context): Matcher {
  return { cond: rangeCond(op, value, context), elements: true, matchesMissing: false };
}

function rangeCond(op: string, value: unknown, context: Context): Cond {
  const sqlOp = RANGE_SQL[op]!;
  if (typeof value === "number") {
    return (v, t) => `${v} ${sqlOp} ${param(context, value)} AND ${t} IN ('integer', 'real')`;
  }
  if (value instanceof Date) {
    return (v) =>
      `${v} ${sqlOp} ${param(context, encodeDate(value))} AND ${v} >= ${
        param(context, DATE_PREFIX)
      }`;
  }
  return (v, t) =>
    `${v} ${sqlOp} ${param(context, checkString(value as string))} AND ${t} = 'text' AND ${v} < ${
      param(context, DATE_PREFIX)
    }`;
}

function inMatcher(values: unknown[], context: Context): Matcher {
  const strings = values.filter((v): v is string => typeof v === "string");
  const others = values.filter((v) => typeof v !== "string");
  const cond: Cond = (v, t, element) => {
    const parts: string[] = [];
    if (strings.length > 0) {
      const list = strings.map((s) => param(context, checkString(s))).join(", ");
      parts.push(`${v} IN (${list}) AND ${t} = 'text'`);
    }
    for (const other of others) parts.push(eqCond(other, context)(v, t, element));
    return parts.length === 0 ? "0" : parts.map((part) => `(${part})`).join(" OR ");
  };
  return { cond, elements: true, matchesMissing: values.includes(null) };
}

function regexMatcher(pattern: unknown, options: unknown, context: Context): Matcher {
  compileRegex(pattern, options ?? "");
  const cond: Cond = (v, t) =>
    `${t} = 'text' AND ${v} < ${param(context, DATE_PREFIX)} AND sd_regexp(${
      param(context, pattern as string)
    }, ${param(context, (options as string | undefined) ?? "")}, ${v})`;
  return { cond, elements: true, matchesMissing: false };
}

function elemMatchMatcher(operand: Filter, context: Context): Matcher {
  const cond: Cond = (v, t) => {
    const e = `e${++context.aliases}`;
    const inner = isElemMatchOnValues(operand)
      ? valueOpsSql(operand, `${e}.value`, `${e}.type`, context)
      : `${e}.type = 'object' AND (${querySql(operand, `${e}.value`, context, false)})`;
    return `${t} = 'array' AND EXISTS (SELECT 1 FROM json_each(${v}) AS ${e} WHERE ${inner})`;
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
  return parts.map((part) => `(${part})`).join(" AND ");
}
