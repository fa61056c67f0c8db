/**
 * Superdesk's `json_match` (superdesk/tests/steps.py): is `expected` a subset of `actual`?
 * Objects match key by key (extra keys in `actual` are fine), every expected list element must
 * match some element of the actual list (order and extra elements ignored), scalars compare with
 * Python's `==` (so `1 == true`). Special string values: `__none__` (missing or null),
 * `__no_value__` (key absent), `__any_value__` (key present), `__now__` (see below),
 * `__today__`, `__future__`, `__empty__` (length 0), `__objectid__` (24 hex).
 * `__now__` is a time during the scenario: not before `since` (the scenario's start) and not after
 * the check, each with a second's slack for dates written to the second. Superdesk allows "within
 * 2 s of the check", which a slow request on a loaded machine fails although nothing is wrong.
 * Returns null on a match, else the path and reason of the first mismatch.
 */

/** A parsed JSON value. */
// deno-lint-ignore no-explicit-any
export type Json = any;

/** Null when `actual` matches `expected` as Superdesk's steps judge it, else why not. */
export function jsonMatch(
  expected: Json,
  actual: Json,
  since = 0,
  path = "$",
): string | null {
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected an object, got ${show(actual)}`;
    for (const [key, want] of Object.entries(expected)) {
      const at = `${path}.${key}`;
      const has = Object.hasOwn(actual, key);
      if (want === "__none__") {
        if (has && actual[key] !== null) return `${at}: expected none, got ${show(actual[key])}`;
        continue;
      }
      if (want === "__no_value__") {
        if (has) return `${at}: expected no key, got ${show(actual[key])}`;
        continue;
      }
      if (!has) return `${at}: missing in ${show(actual)}`;
      const special = specialValue(want, actual[key], since);
      if (special === true) continue;
      if (typeof special === "string") return `${at}: ${special}`;
      const nested = jsonMatch(want, actual[key], since, at);
      if (nested) return nested;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list, got ${show(actual)}`;
    for (const [index, want] of expected.entries()) {
      if (!actual.some((item: Json) => jsonMatch(want, item, since) === null)) {
        return `${path}[${index}]: ${show(want)} not in ${show(actual)}`;
      }
    }
    return null;
  }
  return pythonEquals(expected, actual) ? null : `${path}: ${show(expected)} != ${show(actual)}`;
}

/**
 * The special values checked on a present key: true when satisfied, a reason when not,
 * undefined when `want` is not special.
 */
function specialValue(want: Json, value: Json, since: number): true | string | undefined {
  switch (want) {
    case "__any_value__":
      return true;
    case "__now__":
      return isDuring(Date.parse(value), since) ? true : `${show(value)} is not now`;
    case "__today__":
      return value === new Date().toISOString().slice(0, 10) ? true : `${show(value)} not today`;
    case "__future__":
      return Date.parse(value) > Date.now() ? true : `${show(value)} is not in the future`;
    case "__empty__":
      return value?.length === 0 || (isObject(value) && Object.keys(value).length === 0)
        ? true
        : `${show(value)} is not empty`;
    case "__objectid__":
      return /^[a-f0-9]{24}$/.test(String(value)) ? true : `${show(value)} is not an ObjectId`;
    default:
      return undefined;
  }
}

/** Python's `==` on JSON scalars: booleans equal the numbers 0 and 1. */
function pythonEquals(a: Json, b: Json): boolean {
  const number = (value: Json) => typeof value === "boolean" ? Number(value) : value;
  if (isObject(a) || isObject(b) || Array.isArray(a) || Array.isArray(b)) return false;
  return number(a) === number(b);
}

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function show(value: Json): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Whether a time lies between `since` and now, a second's slack on each side. */
function isDuring(time: number, since: number): boolean {
  return time >= since - 1000 && time <= Date.now() + 1000;
}
