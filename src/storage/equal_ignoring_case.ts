/**
 * A filter on a field equal to a text whatever its case (a name typed by a person or a feed), as
 * an anchored, escaped, case-insensitive `$regex` every store accepts; a text too long for the
 * stores' `$regex` is compared exactly.
 */
import type { Filter } from "./document_store.ts";

/** Longest text compared ignoring case (its pattern stays under the stores' `$regex` limit). */
const MAX_TEXT = 250;

/** `{[field]: text}`, ignoring case. */
export function equalIgnoringCase(field: string, text: string): Filter {
  if (text.length > MAX_TEXT) return { [field]: text };
  const pattern = `^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`;
  return { [field]: { $regex: pattern, $options: "i" } };
}
