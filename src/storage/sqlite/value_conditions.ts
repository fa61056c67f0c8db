/**
 * The value tests of `filter_to_sql.ts`, with MongoDB's type bracketing: a number only equals
 * or compares with numbers, a string with strings, a date with dates (dates are strings starting
 * with `DATE_PREFIX`, see `json_codec.ts`), a boolean with that boolean; `null` equals null and
 * missing. `json_extract` turns JSON true/false into 1/0, hence the `json_type` guards.
 */
import { compileRegex } from "../regex_pattern.ts";
import { checkString, DATE_PREFIX, encodeDate, encodeJson } from "./json_codec.ts";

/** A value bound to a `?`. */
export type SqlParam = string | number | null;

/** Where the parameters of the SQL being built are collected, in order. */
export interface ParamSink {
  params: SqlParam[];
}

/** SQL comparison for each range operator. */
export const RANGE_SQL: Record<string, string> = { $gt: ">", $gte: ">=", $lt: "<", $lte: "<=" };

/**
 * `parts` joined with `op` (`AND`/`OR`) as a balanced tree of parentheses, so a long list
 * nests about log2(n) deep: a flat chain of 1000 terms is SQLite's "Expression tree is too
 * large (maximum depth 1000)".
 */
export function joinBalanced(parts: string[], op: "AND" | "OR"): string {
  if (parts.length === 0) return op === "AND" ? "1" : "0";
  if (parts.length === 1) return `(${parts[0]})`;
  const middle = Math.ceil(parts.length / 2);
  return `(${joinBalanced(parts.slice(0, middle), op)} ${op} ${
    joinBalanced(parts.slice(middle), op)
  })`;
}

/** Adds a parameter and returns its placeholder. */
export function param(sink: ParamSink, value: SqlParam): string {
  sink.params.push(value);
  return "?";
}

/** A test on a value (`value`/`type` are SQL expressions; `element` when it is an array item). */
export type Cond = (value: string, type: string, element: boolean) => string;

/** A value test and how it applies along a path. */
export interface Matcher {
  cond: Cond;
  /** Whether array elements are tested as well as the value itself. */
  elements: boolean;
  /** Whether a missing field can match (`null` equality). */
  matchesMissing: boolean;
}

/** Equality with `value` (a literal of any JSON type or a date). */
export function eqCond(value: unknown, sink: ParamSink): Cond {
  if (value === null) return (v, t, element) => element ? `${t} = 'null'` : `${v} IS NULL`;
  if (typeof value === "boolean") return (v, t) => `${v} = ${value ? 1 : 0} AND ${t} = '${value}'`;
  if (typeof value === "number") {
    return (v, t) => `${v} = ${param(sink, value)} AND ${t} IN ('integer', 'real')`;
  }
  if (typeof value === "string") {
    return (v, t) => `${v} = ${param(sink, checkString(value))} AND ${t} = 'text'`;
  }
  if (value instanceof Date) {
    return (v, t) => `${v} = ${param(sink, encodeDate(value))} AND ${t} = 'text'`;
  }
  const kind = Array.isArray(value) ? "array" : "object";
  return (v, t) => `${t} = '${kind}' AND ${v} = json(${param(sink, encodeJson(value))})`;
}

/** `$eq`: the value or any array element equals `value`. */
export function eqMatcher(value: unknown, sink: ParamSink): Matcher {
  return { cond: eqCond(value, sink), elements: true, matchesMissing: value === null };
}

/** `$gt`/`$gte`/`$lt`/`$lte`: the value or any array element compares. */
export function rangeMatcher(op: string, value: unknown, sink: ParamSink): Matcher {
  return { cond: rangeCond(op, value, sink), elements: true, matchesMissing: false };
}

/** A range comparison with a number, string or date (validated before). */
export function rangeCond(op: string, value: unknown, sink: ParamSink): Cond {
  const sqlOp = RANGE_SQL[op]!;
  if (typeof value === "number") {
    return (v, t) => `${v} ${sqlOp} ${param(sink, value)} AND ${t} IN ('integer', 'real')`;
  }
  if (value instanceof Date) {
    return (v) =>
      `${v} ${sqlOp} ${param(sink, encodeDate(value))} AND ${v} >= ${param(sink, DATE_PREFIX)}`;
  }
  return (v, t) =>
    `${v} ${sqlOp} ${param(sink, checkString(value as string))} AND ${t} = 'text' AND ${v} < ${
      param(sink, DATE_PREFIX)
    }`;
}

/**
 * `$in`: equality with any of `values`; strings share one `IN (…)` (which uses the index), and
 * so do numbers: a thousand numbers as separate terms took SQLite 0.6 s to prepare.
 */
export function inMatcher(values: unknown[], sink: ParamSink): Matcher {
  const strings = values.filter((v): v is string => typeof v === "string");
  const numbers = values.filter((v): v is number => typeof v === "number");
  const others = values.filter((v) => typeof v !== "string" && typeof v !== "number");
  const cond: Cond = (v, t, element) => {
    const parts: string[] = [];
    if (strings.length > 0) {
      const list = strings.map((s) => param(sink, checkString(s))).join(", ");
      parts.push(`${v} IN (${list}) AND ${t} = 'text'`);
    }
    if (numbers.length > 0) {
      const list = numbers.map((n) => param(sink, n)).join(", ");
      parts.push(`${v} IN (${list}) AND ${t} IN ('integer', 'real')`);
    }
    for (const other of others) parts.push(eqCond(other, sink)(v, t, element));
    return joinBalanced(parts, "OR");
  };
  return { cond, elements: true, matchesMissing: values.includes(null) };
}

/** `$regex` through the `sd_regexp` SQL function; only strings match. */
export function regexMatcher(pattern: unknown, options: unknown, sink: ParamSink): Matcher {
  compileRegex(pattern, options ?? "");
  const cond: Cond = (v, t) =>
    `${t} = 'text' AND ${v} < ${param(sink, DATE_PREFIX)} AND sd_regexp(${
      param(sink, pattern as string)
    }, ${param(sink, (options as string | undefined) ?? "")}, ${v})`;
  return { cond, elements: true, matchesMissing: false };
}
