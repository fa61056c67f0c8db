/**
 * Mongo-style projections applied to decoded documents: inclusive (`{a: 1, "b.c": 1}`) or
 * exclusive (`{a: 0}`), dotted paths reaching into nested objects and arrays of objects; `_id`
 * is kept unless projected out with 0. The projection was checked by `validateProjection`.
 */
import type { Doc, Projection } from "../document_store.ts";

type PathTree = { [key: string]: PathTree | true };

/** Returns the projected copy of `doc` (or `doc` itself when nothing is projected). */
export function applyProjection(doc: Doc, projection: Projection | undefined): Doc {
  if (!projection) return doc;
  const entries = Object.entries(projection).filter(([field]) => field !== "_id");
  const keepId = projection._id !== 0;
  const tree = toTree(entries.map(([field]) => field));
  // `{_id: 1}` alone is inclusive too: only the _id.
  const inclusive = entries.length ? entries.some(([, flag]) => flag === 1) : projection._id === 1;
  if (inclusive) {
    const result: Doc = keepId && "_id" in doc ? { _id: doc._id } : {};
    return Object.assign(result, include(doc, tree, true));
  }
  const result = exclude(doc, tree);
  if (!keepId) delete result._id;
  return result;
}

function toTree(fields: string[]): PathTree {
  const tree: PathTree = {};
  for (const field of fields) {
    const segments = field.split(".");
    let node = tree;
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) node[segment] = true;
      else {
        const next = node[segment];
        if (next === true) return;
        node = node[segment] = next ?? {};
      }
    });
  }
  return tree;
}

function isObject(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

/** The fields of `doc` under `tree`; the top level's `_id` is the caller's (`keepId`). */
function include(doc: Doc, tree: PathTree, top = false): Doc {
  const result: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    const node = tree[key];
    if (node === undefined || (top && key === "_id")) continue;
    if (node === true) result[key] = value;
    else if (isObject(value)) result[key] = include(value, node);
    else if (Array.isArray(value)) {
      result[key] = value.filter(isObject).map((item) => include(item, node));
    }
  }
  return result;
}

function exclude(doc: Doc, tree: PathTree): Doc {
  const result: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    const node = tree[key];
    if (node === true) continue;
    if (node === undefined) result[key] = value;
    else if (isObject(value)) result[key] = exclude(value, node);
    else if (Array.isArray(value)) {
      result[key] = value.map((item) => isObject(item) ? exclude(item, node) : item);
    } else result[key] = value;
  }
  return result;
}
