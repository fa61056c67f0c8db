/**
 * The hot path of item reads and etag-guarded writes: a filter `{_id: "x"}` or
 * `{_id: "x", _etag: "y", …}` (string values on plain top-level fields) is answered by a
 * primary-key lookup plus an exact check in JavaScript: without building SQL on the embedded
 * store, and on FerretDB by `_id` alone (which it looks up by primary key; any other filter is a
 * scan of the collection).
 */
import type { Doc, Filter } from "./document_store.ts";

/** The id to look up and the other string equalities to check. */
export interface IdLookup {
  id: string;
  equalities: Array<[field: string, value: string]>;
}

const PLAIN_FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The lookup for `filter`, or undefined when it is not of that simple form. */
export function idLookup(filter: Filter): IdLookup | undefined {
  const id = filter._id;
  if (typeof id !== "string") return undefined;
  const equalities: Array<[string, string]> = [];
  for (const field in filter) {
    if (field === "_id") continue;
    const value = filter[field];
    if (typeof value !== "string" || !PLAIN_FIELD.test(field)) return undefined;
    equalities.push([field, value]);
  }
  return { id, equalities };
}

/** Whether `doc` satisfies the equalities, with MongoDB's meaning (an array matches by element). */
export function matchesEqualities(doc: Doc, equalities: IdLookup["equalities"]): boolean {
  return equalities.every(([field, value]) => {
    const actual = doc[field];
    return actual === value || (Array.isArray(actual) && actual.includes(value));
  });
}
