/**
 * HTML's character references decoded to text, as every reader of HTML here needs them:
 * publishing's formatters, the content model's plain text and templates.
 */
import { LEGACY_ENTITIES, LONGEST_LEGACY_ENTITY, NAMED_ENTITIES } from "./html_entities.ts";
import { numericReference } from "./numeric_reference.ts";

/**
 * Decodes HTML character references: numeric ones with or without `;` (`numericReference`), all
 * of HTML's names with `;` (a name in another case, such as `&NBSP;`, as its lower-case one),
 * and, as HTML reads them, its legacy names without `;` or at the start of an unknown name
 * (`&copy 2026`, `&notit;` is `¬it;`; in an attribute value, not before `=` or a letter or digit:
 * `?a=1&region=eu` stays). Anything else stays as it is.
 */
export function decodeEntities(text: string, { attribute = false } = {}): string {
  return text.replace(
    /&(?:#(x[0-9a-f]+|\d+);?|([a-z][a-z0-9]*)(;?))/gi,
    (whole, number?: string, name?: string, semicolon?: string, at?: number) => {
      if (number !== undefined) return numericReference(number);
      if (semicolon) {
        const named = NAMED_ENTITIES[name!] ?? NAMED_ENTITIES[name!.toLowerCase()];
        if (named !== undefined) return named;
      }
      for (let end = Math.min(name!.length, LONGEST_LEGACY_ENTITY); end > 1; end--) {
        const prefix = name!.slice(0, end);
        if (!LEGACY_ENTITIES.has(prefix)) continue;
        const next = end < name!.length ? name![end] : semicolon || text[at! + whole.length];
        if (attribute && next !== undefined && /[=a-z0-9]/i.test(next)) return whole;
        return NAMED_ENTITIES[prefix] + whole.slice(end + 1);
      }
      return whole;
    },
  );
}
