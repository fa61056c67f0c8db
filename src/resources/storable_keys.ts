/**
 * Field names and shapes every document store holds faithfully. MongoDB (and FerretDB) refuse
 * or misread keys with a NUL, keys starting with `$` and arrays directly inside arrays; an empty
 * path segment (`a..b`) and `__proto__` mean something else to JavaScript readers. A write
 * carrying any of them is refused with a 400 naming each field, on every store, instead of
 * being stored on one engine and a 500 on another.
 */
import { BadRequestError, type Issues } from "../errors.ts";

/** Why `key` (one segment of a path) cannot be stored, or undefined when it can. */
function segmentProblem(segment: string): string | undefined {
  if (segment === "") return "empty field name";
  if (segment.includes("\u0000")) return "field name contains NUL";
  if (segment.startsWith("$")) return "field name starts with $";
  if (segment === "__proto__") return "field name __proto__ is not allowed";
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function walk(value: unknown, path: string, issues: Issues): void {
  if (Array.isArray(value)) {
    value.forEach((element, index) => {
      if (Array.isArray(element)) issues[path] = "arrays of arrays cannot be stored";
      else walk(element, `${path}.${index}`, issues);
    });
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const where = path === "" ? key : `${path}.${key}`;
    const problem = key.split(".").map(segmentProblem).find((p) => p !== undefined);
    if (problem) issues[where] = problem;
    else walk(child, where, issues);
  }
}

/**
 * Whether everything in `value` can be stored: `walk` without building a path per field (every
 * write body passes here; `walk` runs only to name what cannot).
 */
function storable(value: unknown): boolean {
  if (Array.isArray(value)) {
    for (const element of value) if (Array.isArray(element) || !storable(element)) return false;
    return true;
  }
  if (!isPlainObject(value)) return true;
  for (const key of Object.keys(value)) {
    const fine = key.includes(".")
      ? key.split(".").every((segment) => segmentProblem(segment) === undefined)
      : segmentProblem(key) === undefined;
    if (!fine || !storable(value[key])) return false;
  }
  return true;
}

/** Throws a 400 naming every field of `doc` (a write body, dotted keys allowed) no store holds. */
export function assertStorable(doc: Record<string, unknown>): void {
  if (storable(doc)) return;
  const issues: Issues = {};
  walk(doc, "", issues);
  const fields = Object.keys(issues);
  if (fields.length === 0) return;
  throw new BadRequestError(
    `Cannot store field ${fields.map((f) => JSON.stringify(f)).join(", ")}: ${issues[fields[0]!]}`,
    { issues },
  );
}
