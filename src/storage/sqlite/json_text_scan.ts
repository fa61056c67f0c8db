/**
 * What the scans of stored JSON text without parsing it share (`stored_text.ts` reads values,
 * `top_level_fields.ts` splices them): the character codes they test and how a quote is told
 * from `\"` inside a string.
 */

export const QUOTE = 34;
export const BACKSLASH = 92;
export const COLON = 58;
export const COMMA = 44;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;

/** Whether the quote at `at` is escaped (an odd run of backslashes before it). */
export function escapedQuote(text: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}
