/**
 * Applies an `Update` (`$set` and `$unset` on dotted paths) to a decoded document in place
 * (copying the values it sets, so the result shares nothing with the caller's update),
 * with MongoDB's rules: missing intermediate objects are created, numeric steps index arrays,
 * `_id` is immutable, and paths that conflict (`a` and `a.b`) or cross a scalar are refused.
 */
import { BadRequestError } from "../../errors.ts";
import type { Doc, Update } from "../document_store.ts";

/** Mutates `doc` by `update`. */
export function applyUpdate(doc: Doc, update: Update): void {
  const paths = [...Object.keys(update.$set ?? {}), ...(update.$unset ?? [])];
  checkPaths(paths, doc._id, update.$set);
  for (const [path, value] of Object.entries(update.$set ?? {})) {
    setPath(doc, path, copyOf(value));
  }
  for (const path of update.$unset ?? []) unsetPath(doc, path);
}

/** `value` shared with nothing (a `Date` copied directly: `structuredClone` costs an op). */
function copyOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return value instanceof Date ? new Date(value.getTime()) : structuredClone(value);
}

function checkPaths(paths: string[], id: unknown, set: Doc | undefined): void {
  const sorted = [...paths].sort();
  for (let i = 0; i < sorted.length; i++) {
    const path = sorted[i]!;
    if (path.length === 0 || path.split(".").some((s) => s === "" || s.startsWith("$"))) {
      throw new BadRequestError(`Cannot update "${path}": not a valid field path`);
    }
    const next = sorted[i + 1];
    if (next !== undefined && (next === path || next.startsWith(`${path}.`))) {
      throw new BadRequestError(`Cannot update "${next}": it conflicts with "${path}"`);
    }
  }
  if (paths.some((p) => p === "_id" || p.startsWith("_id.")) && set?._id !== id) {
    throw new BadRequestError(`Cannot update "_id": it is immutable`);
  }
}

type Container = Doc | unknown[];

function step(container: Container, segment: string, path: string): unknown {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(segment)) {
      throw new BadRequestError(`Cannot update "${path}": "${segment}" is not an array index`);
    }
    return container[Number(segment)];
  }
  return container[segment];
}

function put(container: Container, segment: string, value: unknown): void {
  if (Array.isArray(container)) {
    const index = Number(segment);
    while (container.length < index) container.push(null);
    container[index] = value;
  } else container[segment] = value;
}

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null && !(value instanceof Date);
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const segments = path.split(".");
  let current: Container = doc;
  for (const segment of segments.slice(0, -1)) {
    let next = step(current, segment, path);
    if (next === undefined || next === null) {
      next = {};
      put(current, segment, next);
    }
    if (!isContainer(next)) {
      throw new BadRequestError(`Cannot update "${path}": "${segment}" is not an object`);
    }
    current = next;
  }
  put(current, segments.at(-1)!, value);
}

function unsetPath(doc: Doc, path: string): void {
  const segments = path.split(".");
  let current: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!isContainer(current)) return;
    current = Array.isArray(current) ? current[Number(segment)] : current[segment];
  }
  const last = segments.at(-1)!;
  if (Array.isArray(current)) {
    if (/^\d+$/.test(last) && Number(last) < current.length) current[Number(last)] = null;
  } else if (isContainer(current)) delete (current as Doc)[last];
}
