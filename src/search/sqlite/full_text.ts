/**
 * The analysed queries of the embedded index: `match`, `match_phrase` and `multi_match`. On a
 * text field they become FTS5 lookups; on keyword, number, date and boolean fields the whole
 * query is one exact value, as Elasticsearch's keyword analyzer and field types make it.
 */
import { BadRequestError } from "../../errors.ts";
import { queryTokens } from "./fts_terms.ts";
import {
  expandFields,
  isNode,
  type Node,
  node,
  only,
  type QueryScope,
  single,
} from "./leaf_conditions.ts";
import { fieldCondition, type FieldQuery } from "./text_conditions.ts";

const MATCH_OPTIONS = ["query", "operator", "boost", "lenient", "zero_terms_query"];

/** Compiles one `match`, `match_phrase` or `multi_match` clause. */
export function compileFullText(
  name: "match" | "match_phrase" | "multi_match",
  body: unknown,
  scope: QueryScope,
  negated: boolean,
): string {
  if (name === "multi_match") return compileMultiMatch(node(body, name), scope, negated);
  const [field, spec] = single(body, name);
  const options: Node = isNode(spec)
    ? only(spec, name, name === "match" ? MATCH_OPTIONS : ["query", "slop", "boost"])
    : { query: spec };
  if (options.slop !== undefined && options.slop !== 0) {
    throw new BadRequestError(`[${name}] slop is not supported by the embedded search index`);
  }
  if (options.zero_terms_query !== undefined && options.zero_terms_query !== "none") {
    throw new BadRequestError(`[${name}] zero_terms_query is not supported by the embedded index`);
  }
  const q: FieldQuery = {
    text: String(options.query ?? ""),
    kind: name === "match_phrase" ? "phrase" : "match",
    operator: operatorOf(options.operator),
  };
  return fieldCondition(scope, field, q, { negated, lenient: options.lenient === true });
}

function compileMultiMatch(mm: Node, scope: QueryScope, negated: boolean): string {
  only(mm, "multi_match", [
    "query",
    "fields",
    "type",
    "operator",
    "boost",
    "lenient",
    "tie_breaker",
  ]);
  const type = String(mm.type ?? "best_fields");
  const text = String(mm.query ?? "");
  const operator = operatorOf(mm.operator);
  const fields = expandFields(
    scope,
    Array.isArray(mm.fields) ? mm.fields.map(String) : scope.layout.text,
  );
  const lenient = mm.lenient === true;
  const anyField = (q: FieldQuery) => {
    const conds = fields.map((f) => fieldCondition(scope, f, q, { negated, lenient }));
    return conds.length ? conds.map((c) => `(${c})`).join(" OR ") : "0";
  };
  switch (type) {
    case "best_fields":
    case "most_fields":
      return anyField({ text, kind: "match", operator });
    case "phrase":
      return anyField({ text, kind: "phrase", operator });
    case "cross_fields": {
      const words = queryTokens(text);
      if (!words.length) return "0";
      const perWord = words.map((w) => anyField({ text: w, kind: "match", operator: "OR" }));
      return perWord.map((c) => `(${c})`).join(` ${operator} `);
    }
    default:
      throw new BadRequestError(
        `[multi_match] type [${type}] is not supported by the embedded search index`,
      );
  }
}

function operatorOf(value: unknown): "AND" | "OR" {
  const op = String(value ?? "OR").toUpperCase();
  if (op !== "AND" && op !== "OR") throw new BadRequestError(`Unknown operator [${value}]`);
  return op;
}
