/**
 * The `$regex` dialect every store accepts: RE2 syntax (no backreferences or lookaround), at
 * most `MAX_REGEX_LENGTH` characters compiling to at most `MAX_REGEX_PROGRAM` instructions, with
 * `$options` drawn from `i`, `m`, `s`, `x` (Mongo's meaning). The SQLite store matches with
 * re2js, a linear-time engine, on the main thread: JavaScript's backtracking `RegExp` took 35 s
 * for `^(a+)+$` on a 30-character value and froze the process. FerretDB matches with Go's
 * `regexp` (RE2 too); MongoDB's PCRE is bounded by the store's query time limit. `x`
 * (extended: ignore unescaped whitespace and `#` comments) is applied here by rewriting.
 */
import { RE2JS } from "re2js";
import { BadRequestError } from "../errors.ts";

/** Longest `$regex` pattern accepted. */
export const MAX_REGEX_LENGTH = 256;

/**
 * Largest compiled program accepted: matching costs about value length × program size
 * (`.{1000}.{1000}`, 2002 instructions, takes 0.3 s on 100 KB).
 */
export const MAX_REGEX_PROGRAM = 1100;

/** A compiled `$regex`: `test` says whether the pattern occurs in a value, in linear time. */
export interface CompiledRegex {
  test(value: string): boolean;
}

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
};

const ALLOWED_OPTIONS = /^[imsx]*$/;

/** Checks a `$regex`/`$options` pair and compiles it; throws `BadRequestError` when invalid. */
export function compileRegex(pattern: unknown, options: unknown = ""): CompiledRegex {
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
  let flags = 0;
  for (const option of new Set(options)) flags |= FLAG_BITS[option] ?? 0;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, flags);
  } catch (error) {
    const reason = error instanceof Error
      ? error.message.replace(/^error parsing regexp: /, "")
      : "";
    throw new BadRequestError(
      `Query operator "$regex" has an invalid pattern (RE2 syntax: no backreferences or ` +
        `lookaround${reason ? `; ${reason}` : ""})`,
    );
  }
  if (compiled.programSize() > MAX_REGEX_PROGRAM) {
    throw new BadRequestError(
      `Query operator "$regex" pattern is too complex (more than ${MAX_REGEX_PROGRAM} steps)`,
    );
  }
  return { test: (value) => compiled.test(value) };
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
