/**
 * A feed's whole number (a version, an urgency, a word count) written in decimal digits, what
 * Python's `int` reads, within the range every store and index keeps exactly; undefined otherwise
 * (`""` is not 0, and `Number` alone would take `1e30`, `0x10` or `2.0`; `1e30` is no
 * Elasticsearch `long`).
 */
export function wholeNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
