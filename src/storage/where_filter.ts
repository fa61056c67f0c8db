/**
 * Validation of client query documents (Eve's `?where=` in its Mongo form) against an
 * allow-list of operators. Both document stores accept exactly this language, so a query that
 * passes here means the same on MongoDB and on SQLite; everything else is a 400 naming the
 * offending operator or field, never passed on to an engine.
 */
import { BadRequestError } from "../errors.ts";
import type { Filter } from "./document_store.ts";
import { compileRegex } from "./regex_pattern.ts";

/** Operators allowed on a field: `{field: {$op: value}}`. */
export const FIELD_OPERATORS: ReadonlySet<string> = new Set([
  "$eq",
  "$ne",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$in",
  "$nin",
  "$exists",
  "$not",
  "$elemMatch",
  "$size",
  "$all",
  "$regex",
  "$options",
]);

/** Operators allowed where a query document is expected: `{$and: [query, …]}`. */
export const LOGICAL_OPERATORS: ReadonlySet<string> = new Set(["$and", "$or", "$nor"]);

/** Deepest nesting of query documents accepted, to bound validation and translation. */
export const MAX_FILTER_DEPTH = 10;

/** A scalar a query may compare with. */
export type QueryScalar = string | number | boolean | null | Date;

/**
 * Returns `filter` typed as a `Filter` when it uses only allow-listed operators with well-formed
 * operands; throws `BadRequestError` naming the operator or field otherwise.
 */
export function validateFilter(filter: unknown): Filter {
  checkQuery(filter, 0);
  return filter as Filter;
}

/**
 * The number of terms in a parsed query (every key and array element at any depth, except the
 * scalars of a `$in`/`$nin` list, which the stores match as one cheap `IN`): the cost measure
 * `where` limits for clients (SQLite's planning time grows faster than linearly with the terms
 * of an `$or`). Iterative, so any parsed JSON can be measured.
 */
export function filterSize(filter: unknown): number {
  let size = 0;
  const pending: unknown[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop();
    // Pushed one by one: spreading a list of some 100,000 arguments overflows the stack.
    if (Array.isArray(node)) {
      size += node.length;
      for (const item of node) pending.push(item);
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        size++;
        if ((key === "$in" || key === "$nin") && Array.isArray(value)) {
          const nested = value.filter((item) => item !== null && typeof item === "object");
          size += nested.length;
          for (const item of nested) pending.push(item);
        } else {
          pending.push(value);
        }
      }
    }
  }
  return size;
}

/** True for a plain object (not an array, Date or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

/** True when `value` is an operator expression such as `{$gt: 1}` (its keys start with `$`). */
export function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith("$"));
}

function operatorError(operator: string): BadRequestError {
  return new BadRequestError(`Query operator "${operator}" is not allowed`);
}

function checkQuery(query: unknown, depth: number): void {
  if (!isPlainObject(query)) throw new BadRequestError("A query must be a JSON object");
  if (depth > MAX_FILTER_DEPTH) {
    throw new BadRequestError(`A query may nest at most ${MAX_FILTER_DEPTH} levels`);
  }
  for (const [key, value] of Object.entries(query)) {
    if (key.startsWith("$")) {
      if (!LOGICAL_OPERATORS.has(key)) {
        if (FIELD_OPERATORS.has(key)) {
          throw new BadRequestError(`Query operator "${key}" must be applied to a field`);
        }
        throw operatorError(key);
      }
      if (!Array.isArray(value) || value.length === 0) {
        throw new BadRequestError(`Query operator "${key}" needs a non-empty array of queries`);
      }
      for (const sub of value) checkQuery(sub, depth + 1);
    } else {
      checkFieldName(key);
      checkCondition(key, value, depth);
    }
  }
}

/**
 * Refuses empty names, empty path segments, segments starting with `$` and names with a NUL
 * (no engine can name such a field: BSON keys and SQLite's SQL text end at a NUL).
 */
export function checkFieldName(field: string): void {
  const segments = field.split(".");
  if (
    field.length === 0 || field.includes("\u0000") ||
    segments.some((s) => s.length === 0 || s.startsWith("$"))
  ) {
    throw new BadRequestError(`Query field "${field}" is not a valid field name`);
  }
}

function checkCondition(field: string, value: unknown, depth: number): void {
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    checkLiteral(field, value);
    return;
  }
  const keys = Object.keys(value);
  if (!keys.every((key) => key.startsWith("$"))) {
    const operator = keys.find((key) => key.startsWith("$"));
    if (operator) {
      throw new BadRequestError(
        `Query field "${field}" mixes operator "${operator}" with field names`,
      );
    }
    checkLiteral(field, value);
    return;
  }
  checkOperators(field, value, depth);
}

function checkOperators(field: string, ops: Record<string, unknown>, depth: number): void {
  for (const [op, operand] of Object.entries(ops)) {
    if (!FIELD_OPERATORS.has(op)) throw operatorError(op);
    switch (op) {
      case "$eq":
      case "$ne":
        checkLiteral(field, operand);
        break;
      case "$gt":
      case "$gte":
      case "$lt":
      case "$lte":
        if (!isRangeValue(operand)) {
          throw new BadRequestError(
            `Query operator "${op}" on "${field}" needs a number, string or date`,
          );
        }
        break;
      case "$in":
      case "$nin":
      case "$all":
        if (!Array.isArray(operand)) {
          throw new BadRequestError(`Query operator "${op}" on "${field}" needs an array`);
        }
        for (const item of operand) checkLiteral(field, item);
        break;
      case "$exists":
        if (typeof operand !== "boolean" && operand !== 0 && operand !== 1) {
          throw new BadRequestError(`Query operator "$exists" on "${field}" needs true or false`);
        }
        break;
      case "$size":
        if (!Number.isSafeInteger(operand) || (operand as number) < 0) {
          throw new BadRequestError(
            `Query operator "$size" on "${field}" needs a non-negative integer`,
          );
        }
        break;
      case "$not":
        if (!isOperatorObject(operand)) {
          throw new BadRequestError(
            `Query operator "$not" on "${field}" needs an operator expression`,
          );
        }
        checkOperators(field, operand, depth + 1);
        break;
      case "$elemMatch":
        checkElemMatch(field, operand, depth + 1);
        break;
      case "$regex":
        compileRegex(operand, ops.$options ?? "");
        break;
      case "$options":
        if (!("$regex" in ops)) {
          throw new BadRequestError(`Query operator "$options" needs "$regex" beside it`);
        }
        break;
    }
  }
}

function checkElemMatch(field: string, operand: unknown, depth: number): void {
  if (!isPlainObject(operand) || Object.keys(operand).length === 0) {
    throw new BadRequestError(`Query operator "$elemMatch" on "${field}" needs a query`);
  }
  if (isElemMatchOnValues(operand)) checkOperators(field, operand, depth);
  else checkQuery(operand, depth);
}

/**
 * True when an `$elemMatch` operand applies operators to the elements themselves
 * (`{$gte: 80}`) rather than being a query on object elements (`{score: {$gte: 80}}`).
 */
export function isElemMatchOnValues(operand: Record<string, unknown>): boolean {
  return Object.keys(operand).every((key) => FIELD_OPERATORS.has(key));
}

function isRangeValue(value: unknown): value is number | string | Date {
  return (typeof value === "number" && Number.isFinite(value)) || typeof value === "string" ||
    (value instanceof Date && !Number.isNaN(value.getTime()));
}

function checkLiteral(field: string, value: unknown, depth = 0): void {
  if (depth > MAX_FILTER_DEPTH) {
    throw new BadRequestError(`Query value for "${field}" nests deeper than ${MAX_FILTER_DEPTH}`);
  }
  if (
    value === null || typeof value === "string" || typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value)) ||
    (value instanceof Date && !Number.isNaN(value.getTime()))
  ) {
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) checkLiteral(field, item, depth + 1);
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("$")) throw operatorError(key);
      if (key.includes("\u0000")) {
        throw new BadRequestError(`Query value for "${field}" has a key with a NUL`);
      }
      checkLiteral(field, item, depth + 1);
    }
    return;
  }
  throw new BadRequestError(`Query value for "${field}" is not a JSON value or date`);
}
