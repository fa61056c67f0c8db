/**
 * How analysed text reaches FTS5 in the embedded index. Text is analysed on our side by the
 * standard analyzer (`../analysis/standard_analyzer.ts`) and written as its tokens separated by
 * spaces into an FTS5 table with the `ascii` tokenizer, which splits only at ASCII characters
 * other than letters and digits and lowercases A-Z. Tokens keep characters such as `.`, `'`,
 * `:`, `,` and `_` (`u.s`, `o'neil`, `1,000.5`), and folded ones may hold capitals (Lucene folds
 * `ʀ` to `R`), so those are written as private-use characters (U+E000 + the ASCII code), which
 * the tokenizer keeps inside a token and which no token ever contains (the analyzer breaks
 * words at private-use characters). Fields analysed with ASCII folding (`fold`) have their
 * tokens folded after lowercasing (`../analysis/ascii_folding.ts`), query words too. Values of one field are separated by
 * a gap token no query produces, so a phrase never spans two values (Elasticsearch's
 * `position_increment_gap`).
 */
import { foldToAscii } from "../analysis/ascii_folding.ts";
import { forEachToken, standardTokens } from "../analysis/standard_analyzer.ts";

/** The token between two values of one field. */
export const VALUE_GAP = "\ue100";

// Control characters never occur in tokens (the analyzer breaks words at them).
const ASCII_KEPT = /[\x20-\x2f\x3a-\x60\x7b-\x7e]/g;
/** The same class, for the test that lets most tokens (plain words) through untouched. */
const HAS_ASCII_KEPT = new RegExp(ASCII_KEPT.source);
const encodeChar = (c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0));

/** One analysed token as the FTS5 `ascii` tokenizer keeps it whole. */
export function ftsTerm(token: string): string {
  return HAS_ASCII_KEPT.test(token) ? token.replace(ASCII_KEPT, encodeChar) : token;
}

/** The FTS5 text of a field's values, their words folded with `fold`. */
export function ftsDocument(values: string[], fold = false): string {
  const parts: string[] = [];
  for (const value of values) {
    if (parts.length) parts.push(VALUE_GAP);
    forEachToken(value, (token) => parts.push(ftsTerm(fold ? foldToAscii(token) : token)));
  }
  return parts.join(" ");
}

/** The analysed tokens of query text, folded with `fold`. */
export function queryTokens(text: string, fold = false): string[] {
  const tokens = standardTokens(text);
  return fold ? tokens.map(foldToAscii) : tokens;
}

/** An FTS5 string literal matching one token. */
export function ftsQuoted(token: string): string {
  return `"${ftsTerm(token)}"`;
}
