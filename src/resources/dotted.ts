/**
 * Dotted-key helpers: Eve expands `{"a.b": 1}` into `{a: {b: 1}}` before validation, at any
 * depth, inside lists too (`normalize_dotted_fields`), so no stored key holds a dot; a PATCH
 * replaces nested objects (Superdesk's `MERGE_NESTED_DOCUMENTS = False`) except where a dotted
 * key names one leaf.
 */

type Obj = Record<string, unknown>;

function isPlainObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    !(value instanceof Date);
}

/**
 * `value` with the dotted keys of every object in it expanded, inside arrays too (arrays and
 * objects are new; the input is not changed).
 */
export function expandDottedValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expandDottedValue);
  return isPlainObject(value) ? expandDottedKeys(value) : value;
}

/** Expands dotted keys into nested objects (a new object; the input is not changed). */
export function expandDottedKeys(doc: Obj): Obj {
  const out: Obj = {};
  for (const key of Object.keys(doc)) {
    const value = doc[key];
    // The usual key, without a dot: no segments to split (every write body passes here).
    if (!key.includes(".")) {
      if (!isPlainObject(value)) {
        out[key] = Array.isArray(value) ? value.map(expandDottedValue) : value;
      } else {
        const existing = own(out, key);
        out[key] = isPlainObject(existing)
          ? deepMerge(existing, expandDottedKeys(value))
          : expandDottedKeys(value);
      }
      continue;
    }
    const segments = key.split(".");
    let node = out;
    for (const segment of segments.slice(0, -1)) {
      if (!isPlainObject(own(node, segment))) node[segment] = {};
      node = node[segment] as Obj;
    }
    const last = segments[segments.length - 1]!;
    node[last] = isPlainObject(value) && isPlainObject(own(node, last))
      ? deepMerge(node[last] as Obj, expandDottedKeys(value))
      : expandDottedValue(value);
  }
  return out;
}

/**
 * The top-level updates a PATCH `body` makes to `original`: a plain key replaces the whole value
 * (a nested object included); a dotted key (`"a.b"`) sets that one leaf inside the stored value.
 */
export function patchUpdates(original: Obj, body: Obj): Obj {
  const updates: Obj = {};
  for (const [key, value] of Object.entries(body)) {
    const dot = key.indexOf(".");
    if (dot < 0) {
      updates[key] = expandDottedValue(value);
      continue;
    }
    const top = key.slice(0, dot);
    const base = Object.hasOwn(updates, top) ? updates[top] : original[top];
    updates[top] = setLeaf(
      isPlainObject(base) ? base : {},
      key.slice(dot + 1).split("."),
      expandDottedValue(value),
    );
  }
  return updates;
}

/** A copy of `node` with `value` at `path` (copies along the path only). */
function setLeaf(node: Obj, path: string[], value: unknown): Obj {
  const [head, ...rest] = path as [string, ...string[]];
  const child = node[head];
  return {
    ...node,
    [head]: rest.length === 0 ? value : setLeaf(isPlainObject(child) ? child : {}, rest, value),
  };
}

/** `base` with `updates` merged in: nested objects merge, everything else replaces. */
export function deepMerge(base: Obj, updates: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(updates)) {
    out[key] = isPlainObject(value) && isPlainObject(own(out, key))
      ? deepMerge(out[key] as Obj, value)
      : value;
  }
  return out;
}

/** `obj[key]` when it is the object's own (never a value inherited from `Object.prototype`). */
function own(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Reads a dotted path. */
export function getPath(doc: unknown, path: string): unknown {
  let node = doc;
  for (const segment of path.split(".")) {
    if (!isPlainObject(node)) return undefined;
    node = own(node, segment);
  }
  return node;
}
