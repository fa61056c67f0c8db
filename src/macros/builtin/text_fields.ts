/**
 * The item fields Superdesk's stock macros search and rewrite (`macro_replacement_fields`), and
 * the scan they share: every match of a pattern in those fields, with what it becomes.
 */
import type { Doc } from "../../app_api.ts";

/** The text fields a conversion macro looks at. */
export const MACRO_TEXT_FIELDS = [
  "body_html",
  "body_text",
  "abstract",
  "headline",
  "slugline",
  "description_text",
] as const;

/**
 * Runs `convert` on every match of `pattern` (global) in the text fields of `item` and answers
 * Superdesk's `diff`: each matched text → its replacement (the first one made for a text wins).
 * `convert` gets the match's groups (0 = the whole match) and answers the replacement, or
 * undefined to leave that match alone. With `rewrite`, the fields are rewritten in `item` too
 * (the currency macro); otherwise the item stays as it was and the editor applies the diff.
 */
export function textFieldDiff(
  item: Doc,
  pattern: RegExp,
  { convert, rewrite = false }: {
    convert(groups: readonly (string | undefined)[]): string | undefined;
    rewrite?: boolean;
  },
): Record<string, string> {
  const diff: Record<string, string> = {};
  for (const field of MACRO_TEXT_FIELDS) {
    const text = item[field];
    if (typeof text !== "string" || text === "") continue;
    const result = text.replace(pattern, (...args: unknown[]) => {
      const groups = args.slice(0, -2) as (string | undefined)[];
      const whole = groups[0] ?? "";
      if (diff[whole] === undefined) {
        const replacement = convert(groups);
        if (replacement === undefined) return whole;
        diff[whole] = replacement;
      }
      return diff[whole];
    });
    if (rewrite) item[field] = result;
  }
  return diff;
}
