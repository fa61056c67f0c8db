/**
 * The `$regex` test of the SQLite store: the SQL function `sd_regexp(pattern, options, value)`,
 * matching with the linear-time engine of `regex_pattern.ts` (compiled patterns cached), under a
 * time budget per statement. SQLite runs on the calling thread, so a scan of many large values
 * would still hold the event loop: once a statement has spent `budgetMs` matching, the function
 * stops matching and the statement is refused with a 400 (and rolled back) by `guard`. (A
 * function that throws is not an option: an exception thrown from a `node:sqlite` user function
 * makes Deno 2.9 spin until it runs out of memory.)
 */
import type { DatabaseSync } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import { type CompiledRegex, compileRegex } from "../regex_pattern.ts";

/** Default matching time one statement may spend, in milliseconds. */
export const REGEX_BUDGET_MS = 250;

const MAX_CACHED_REGEXES = 200;

/** Runs statements under the budget. */
export interface RegexBudget {
  /** Runs `body` (synchronous SQL); throws a 400 before it returns if matching ran over. */
  guard<T>(body: () => T): T;
}

/** Registers `sd_regexp` on `db`; the returned budget must wrap every statement using it. */
export function registerRegexp(
  db: DatabaseSync,
  { budgetMs = REGEX_BUDGET_MS, now = () => performance.now() }: {
    budgetMs?: number;
    now?: () => number;
  } = {},
): RegexBudget {
  const cache = new Map<string, CompiledRegex>();
  let spent = 0;
  let exhausted = false;
  let depth = 0;
  db.function("sd_regexp", { deterministic: true }, (pattern, options, value) => {
    if (typeof value !== "string" || exhausted) return 0;
    const key = `${options}/${pattern}`;
    let regex = cache.get(key);
    if (!regex) {
      if (cache.size >= MAX_CACHED_REGEXES) cache.clear();
      // Validated before the SQL was built, so this does not throw.
      regex = compileRegex(pattern, options);
      cache.set(key, regex);
    }
    const started = now();
    const found = regex.test(value);
    spent += now() - started;
    if (spent > budgetMs) exhausted = true;
    return found ? 1 : 0;
  });
  return {
    guard(body) {
      if (depth === 0) {
        spent = 0;
        exhausted = false;
      }
      depth++;
      try {
        const result = body();
        if (depth === 1 && exhausted) {
          throw new BadRequestError(
            `The query needs more than ${budgetMs} ms of "$regex" matching: anchor the pattern ` +
              `(^...) or add other conditions`,
          );
        }
        return result;
      } finally {
        depth--;
      }
    },
  };
}
