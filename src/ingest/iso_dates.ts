/**
 * Parsers produce `Date` values; documents are validated in their wire form (ISO strings) and
 * the resource layer turns the schema's date fields back into dates. This makes the wire form.
 */

/** A deep copy of `value` with every `Date` as an ISO 8601 string. */
export function withIsoDates<T>(value: T): T {
  if (value instanceof Date) return value.toISOString() as T;
  if (Array.isArray(value)) return value.map(withIsoDates) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = withIsoDates(child);
    return out as T;
  }
  return value;
}
