/**
 * The web client's `$options` spelling: superdesk-client-core's `toPyEveFilter` sends a
 * `$stringContains` comparison as `{$regex: value, $options: "-i"}`
 * (scripts/core/query-formatting.ts), e.g. the template search of the "More templates..." menu.
 * MongoDB before 5.0, which Superdesk runs, ignores the `-`; MongoDB 5+ and our stores refuse
 * it, so a client's `where` has that one leading `-` dropped before validation (the other flags
 * keep their meaning; a `-` elsewhere, or any other unknown flag, is still a 400).
 */

/**
 * Removes the leading `-` of every `$options` string beside a `$regex` in `query` (a parsed
 * `where`), in place; returns `query`. Iterative, so any parsed JSON can be walked.
 */
export function dropClientRegexDash(query: unknown): unknown {
  const pending: unknown[] = [query];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
    } else if (node !== null && typeof node === "object") {
      const object = node as Record<string, unknown>;
      if ("$regex" in object && typeof object.$options === "string") {
        if (object.$options.startsWith("-")) object.$options = object.$options.slice(1);
      }
      for (const value of Object.values(object)) pending.push(value);
    }
  }
  return query;
}
