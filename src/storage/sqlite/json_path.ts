/**
 * SQL text for document fields. The same function writes the expressions of indexes, filters
 * and sorts, so SQLite's planner sees identical expressions and uses the expression indexes.
 */
import { BadRequestError } from "../../errors.ts";

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The JSON path of a dotted field relative to `$` (`a.b` → `$.a.b`, odd keys quoted). */
export function jsonPath(field: string, prefix = "$"): string {
  let path = prefix;
  for (const segment of field.split(".")) path += `.${pathKey(segment)}`;
  return path;
}

/** One path step for an object key. */
export function pathKey(segment: string): string {
  if (PLAIN_KEY.test(segment)) return segment;
  if (segment.length === 0 || segment.includes('"')) {
    throw new BadRequestError(`Field name "${segment}" cannot be queried on this store`);
  }
  return `"${segment}"`;
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `json_extract(doc, '$.a.b')`: the canonical expression of a top-level field. */
export function fieldExpression(field: string, source = "doc"): string {
  return `json_extract(${source}, ${sqlString(jsonPath(field))})`;
}
