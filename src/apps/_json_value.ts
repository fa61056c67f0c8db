/**
 * Values apps hand to the client (client_config, preference defaults) travel as JSON: this
 * checks, at registration, that a value is plain JSON data, naming the path that is not.
 */

/** Throws naming `path` when `value` is not JSON data (null, boolean, finite number, string, array, plain object). */
export function assertJsonValue(value: unknown, path: string): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
    throw new Error(`${path} must be a finite number`);
  }
  if (Array.isArray(value)) {
    value.forEach((entry, index) => assertJsonValue(entry, `${path}[${index}]`));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, entry] of Object.entries(value)) assertJsonValue(entry, `${path}.${key}`);
    return;
  }
  throw new Error(`${path} must be JSON data (got ${describe(value)})`);
}

/** True for `{...}` literals and `Object.create(null)` objects. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "object") return value!.constructor?.name ?? "object";
  return typeof value;
}
