/**
 * The `$regex` dialect both stores accept: a pattern of at most `MAX_REGEX_LENGTH` characters
 * with `$options` drawn from `i`, `m`, `s`, `x` (Mongo's meaning). The SQLite store evaluates it
 * with JavaScript's `RegExp`; `x` (extended: ignore unescaped whitespace and `#` comments) has
 * no JavaScript flag, so it is applied here by rewriting the pattern.
 */
import { BadRequestError } from "../errors.ts";

/** Longest `$regex` pattern accepted, to bound matching cost. */
export const MAX_REGEX_LENGTH = 256;

const ALLOWED_OPTIONS = /^[imsx]*$/;

/** Checks a `$regex`/`$options` pair and compiles it; throws `BadRequestError` when invalid. */
export function compileRegex(pattern: unknown, options: unknown = ""): RegExp {
  if (typeof pattern !== "string") {
    throw new BadRequestError(`Query operator "$regex" needs a string pattern`);
  }
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw new BadRequestError(
      `Query operator "$regex" pattern is longer than ${MAX_REGEX_LENGTH} characters`,
    );
  }
  if (typeof options !== "string" || !ALLOWED_OPTIONS.test(options)) {
    throw new BadRequestError(`Query operator "$options" accepts only the flags i, m, s and x`);
  }
  const source = options.includes("x") ? stripExtended(pattern) : pattern;
  const flags = [...new Set(options.replaceAll("x", ""))].join("");
  try {
    return new RegExp(source, flags);
  } catch {
    throw new BadRequestError(`Query operator "$regex" has an invalid pattern`);
  }
}

/** Removes unescaped whitespace and `#…` comments outside character classes (flag `x`). */
function stripExtended(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      out += ch + (pattern[i + 1] ?? "");
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
      out += ch;
    } else if (ch === "[") {
      inClass = true;
      out += ch;
    } else if (ch === "#") {
      while (i < pattern.length && pattern[i] !== "\n") i++;
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}
