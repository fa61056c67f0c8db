/**
 * A deep-frozen copy of a signal's payload, as `structuredClone` then a deep freeze would make
 * it, in one pass: plain objects, arrays and dates are copied here (objects met twice are copied
 * once, as `structuredClone` keeps them), strings and other primitives are shared (they cannot
 * change), and anything else (a Map, a typed array, a class instance) goes through
 * `structuredClone`. An item's payload is mostly text (its body, before and after a save):
 * serialising it to clone it cost more than the rest of an emit.
 */

/** A deep-frozen copy of `value`. */
export function frozenCopy<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== "object") {
    // Functions and symbols cannot be cloned: structuredClone throws as before.
    return typeof value === "function" || typeof value === "symbol"
      ? structuredClone(value)
      : value;
  }
  const known = seen.get(value);
  if (known !== undefined) return known;
  const prototype = Object.getPrototypeOf(value);
  let copied: unknown;
  if (prototype === Array.prototype) {
    const from = value as unknown[];
    const list: unknown[] = new Array(from.length);
    seen.set(value, list);
    // Holes stay holes, as structuredClone keeps them.
    for (let i = 0; i < from.length; i++) if (i in from) list[i] = copy(from[i], seen);
    copied = list;
  } else if (prototype === Object.prototype) {
    const record: Record<string, unknown> = {};
    seen.set(value, record);
    for (const key of Object.keys(value)) {
      record[key] = copy((value as Record<string, unknown>)[key], seen);
    }
    copied = record;
  } else {
    copied = value instanceof Date ? new Date(value.getTime()) : deepFreeze(structuredClone(value));
    seen.set(value, copied);
  }
  return Object.freeze(copied);
}

/** Freezes `value` and everything it holds. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
