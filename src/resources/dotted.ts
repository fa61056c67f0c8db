/**
 * Dotted-key helpers: Eve expands `{"a.b": 1}` into `{a: {b: 1}}` before validation, and a
 * PATCH merges nested objects into the stored ones instead of replacing them.
 */

type Obj = Record<string, unknown>;

function isPlainObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    !(value instanceof Date);
}

/** Expands dotted keys into nested objects (a new object; the input is not changed). */
export function expandDottedKeys(doc: Obj): Obj {
  const out: Obj = {};
  for (const [key, value] of Object.entries(doc)) {
    const segments = key.split(".");
    let node = out;
    for (const segment of segments.slice(0, -1)) {
      if (!isPlainObject(node[segment])) node[segment] = {};
      node = node[segment] as Obj;
    }
    const last = segments[segments.length - 1]!;
    node[last] = isPlainObject(value) && isPlainObject(node[last])
      ? deepMerge(node[last] as Obj, expandDottedKeys(value))
      : isPlainObject(value)
      ? expandDottedKeys(value)
      : value;
  }
  return out;
}

/** `base` with `updates` merged in: nested objects merge, everything else replaces. */
export function deepMerge(base: Obj, updates: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(updates)) {
    out[key] = isPlainObject(value) && isPlainObject(out[key])
      ? deepMerge(out[key] as Obj, value)
      : value;
  }
  return out;
}

/** Reads a dotted path. */
export function getPath(doc: unknown, path: string): unknown {
  let node = doc;
  for (const segment of path.split(".")) {
    if (!isPlainObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}
