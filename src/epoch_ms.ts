/** Milliseconds since the epoch of a `Date` or a date string; NaN for anything else. */
export function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return typeof value === "string" ? Date.parse(value) : Number.NaN;
}
