/**
 * What one content API search may cost. Subscribers' systems send `q` and `filter` from outside
 * the newsroom, and Elasticsearch spends time per searched word and clause (a wildcard, fuzzy or
 * regular-expression word expands over every field's terms: 64 fuzzy words took 2 s on an
 * index of 300 items), so a search is bounded before it reaches either index: at most
 * `MAX_QUERY_WORDS` words and `MAX_QUERY_CHARS` characters of query text (`q` and the texts of
 * `filter`'s `query_string`, `multi_match`, `match` and `match_phrase` together), and at most
 * `MAX_FILTER_CLAUSES` clauses in `filter` (each value of a `terms` counting as one). Over a
 * bound is a 400. Superdesk sets none; a real query stays far below them.
 */
import { BadRequestError } from "../errors.ts";

/** Words of query text a search may hold. */
export const MAX_QUERY_WORDS = 32;
/** Characters of query text a search may hold. */
export const MAX_QUERY_CHARS = 1_000;
/** Clauses (`terms` values included) `filter` may hold. */
export const MAX_FILTER_CLAUSES = 64;

/** What a search's parameters add up to. */
export interface QueryCost {
  words: number;
  chars: number;
  clauses: number;
}

/** No cost yet. */
export function noCost(): QueryCost {
  return { words: 0, chars: 0, clauses: 0 };
}

/** Adds `text` (query text of `param`) to `cost`; a 400 once over a bound. */
export function addQueryText(cost: QueryCost, param: string, text: string): void {
  cost.words += text.split(/\s+/).filter(Boolean).length;
  cost.chars += text.length;
  if (cost.words > MAX_QUERY_WORDS || cost.chars > MAX_QUERY_CHARS) {
    throw tooCostly(
      param,
      `query text over ${MAX_QUERY_WORDS} words or ${MAX_QUERY_CHARS} characters`,
    );
  }
}

/** Adds `n` clauses of `filter` to `cost`; a 400 once over the bound. */
export function addClauses(cost: QueryCost, n: number): void {
  cost.clauses += n;
  if (cost.clauses > MAX_FILTER_CLAUSES) {
    throw tooCostly("filter", `more than ${MAX_FILTER_CLAUSES} clauses`);
  }
}

function tooCostly(param: string, why: string): BadRequestError {
  return new BadRequestError(`Bad parameter value for Parameter (${param}): ${why}`, {
    issues: { [param]: why },
  });
}
