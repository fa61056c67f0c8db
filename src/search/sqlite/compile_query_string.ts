/**
 * Compiles `query_string` (parsed by `query_string.ts`) for the embedded index: each term on
 * each of its fields (the query's `fields`, `default_field`, or the index's text fields, as
 * `index.query.default_field` makes Elasticsearch do), analysed per field type as
 * Elasticsearch does. A term that analyses to nothing is left out of its group (Lucene drops
 * it), a group with only prohibited clauses matches everything else (Elasticsearch adds a
 * match-all), and `*` alone means "has a value".
 */
import {
  compileExists,
  compileRange,
  expandFields,
  type Node,
  only,
  type QueryScope,
} from "./leaf_conditions.ts";
import { BadRequestError } from "../../errors.ts";
import { joinBalanced } from "../../storage/sqlite/value_conditions.ts";
import { ftsQuoted, queryTokens } from "./fts_terms.ts";
import { parseQueryString, type QsNode } from "./query_string.ts";
import {
  fieldCondition,
  type FieldQuery,
  ftsCondition,
  keywordCondition,
  textCondition,
} from "./text_conditions.ts";

const OPTIONS = [
  "query",
  "default_field",
  "fields",
  "default_operator",
  "analyze_wildcard",
  "lenient",
  "boost",
  "allow_leading_wildcard",
  "auto_generate_synonyms_phrase_query",
  "type",
  "tie_breaker",
];

/** Compiles one `query_string` clause. */
export function compileQueryString(qs: Node, scope: QueryScope, negated: boolean): string {
  only(qs, "query_string", OPTIONS);
  const operator = String(qs.default_operator ?? "OR").toUpperCase();
  // Elasticsearch refuses any other operator (a 400), so refuse it too rather than use OR.
  if (operator !== "AND" && operator !== "OR") {
    throw new BadRequestError(
      `[query_string] default_operator must be AND or OR, not ${
        JSON.stringify(qs.default_operator)
      }`,
    );
  }
  const defaults = Array.isArray(qs.fields)
    ? qs.fields.map(String)
    : typeof qs.default_field === "string"
    ? [qs.default_field]
    : scope.layout.text;
  // Elasticsearch analyses a run of words as one text: on one text field that is one clause
  // per word it yields; on several fields (or a keyword field) one clause for the whole run.
  const runs = (field: string | undefined, words: string[]): QsNode[] => {
    const targets = expandFields(scope, field ? [field] : defaults);
    const text = words.join(" ");
    const term = (t: string): QsNode => ({
      kind: "term",
      ...(field === undefined ? {} : { field }),
      text: t,
      phrase: false,
      wildcard: false,
    });
    const single = targets.length === 1 && scope.layout.leaves.get(targets[0]!)?.type === "text";
    return single ? queryTokens(text).map(term) : [term(text)];
  };
  const tree = parseQueryString(String(qs.query ?? ""), operator, { runs });
  const lenient = qs.lenient === true;
  // `cross_fields` (Superdesk's default type): with AND, each word of a text must be in one of
  // the fields sharing an analyzer, not all words in one field (Elasticsearch blends them).
  const crossFields = qs.type === "cross_fields";
  // One full-text condition per word over the group's fields (one index scan per word), each
  // field asked for the word as its analysis indexed it: a group of one analyzer may hold fields
  // that fold (top-level `html_field_analyzer`) and fields that do not (nested ones), and
  // Elasticsearch blends each word over both, `café noir` matching `Café` in one and `noir` in
  // the other. Folding keeps the tokens, so the folded and plain words pair up.
  const blended = (fields: string[], text: string, neg: boolean): string | null => {
    const folding = fields.filter((f) => scope.layout.leaves.get(f)?.fold === true);
    const plain = fields.filter((f) => !folding.includes(f));
    const folded = queryTokens(text, true);
    const words = queryTokens(text).map((word, i) => {
      const as = folded[i]!;
      if (!folding.length || !plain.length || as === word) {
        return ftsCondition(scope, ftsQuoted(folding.length ? as : word), fields, neg);
      }
      const one = ftsCondition(scope, ftsQuoted(as), folding, neg);
      return `${one} OR ${ftsCondition(scope, ftsQuoted(word), plain, neg)}`;
    });
    return words.length ? words.map((w) => `(${w})`).join(" AND ") : null;
  };

  /** SQL for a leaf, or null when it analyses to nothing on every field. */
  const leaf = (n: Exclude<QsNode, { kind: "bool" }>, neg: boolean): string | null => {
    if (n.kind === "exists") return compileExists(n.field, scope);
    let targets = expandFields(scope, n.field ? [n.field] : defaults);
    if (n.kind === "range") {
      const conds = targets.map((f) => compileRange({ [f]: n.range }, scope));
      return joinBalanced(conds, "OR");
    }
    if (n.wildcard && n.text === "*") {
      const conds = targets.map((f) => compileExists(f, scope));
      return joinBalanced(conds, "OR");
    }
    const conds: string[] = [];
    if (crossFields && operator === "AND" && !n.wildcard && !n.phrase) {
      for (const fields of analyzerGroups(scope, targets)) {
        if (fields.length < 2) continue;
        const cond = blended(fields, n.text, neg);
        if (cond === null) continue;
        conds.push(cond);
        targets = targets.filter((f) => !fields.includes(f));
      }
    }
    const q: FieldQuery = {
      text: n.text,
      kind: n.wildcard ? "wildcard" : n.phrase ? "phrase" : "match",
      operator,
    };
    // Text fields in one condition, keyword fields in one per normaliser: a term over every
    // field then binds a few parameters, not two per field.
    const typed = (type: string) =>
      targets.filter((f) => f !== "_id" && scope.layout.leaves.get(f)?.type === type);
    const texts = typed("text");
    const keywords = typed("keyword");
    if (texts.length) {
      const cond = textCondition(scope, texts, q, neg);
      if (cond !== null) conds.push(cond);
    }
    conds.push(...keywordCondition(scope, keywords, q));
    const grouped = new Set([...texts, ...keywords]);
    for (const f of targets) {
      if (grouped.has(f)) continue;
      conds.push(fieldCondition(scope, f, q, { negated: neg, lenient: lenient || !n.field }));
    }
    if (!conds.length) return targets.length ? null : "0";
    return joinBalanced(conds, "OR");
  };

  const walk = (n: QsNode, neg: boolean): string | null => {
    if (n.kind !== "bool") return leaf(n, neg);
    const must = n.must.map((c) => walk(c, neg)).filter((c): c is string => c !== null);
    const mustNot = n.mustNot.map((c) => walk(c, !neg)).filter((c): c is string => c !== null);
    const mark = scope.params.length;
    const should = n.should.map((c) => walk(c, neg)).filter((c): c is string => c !== null);
    if (!must.length && !mustNot.length && !should.length) return null;
    const parts = [...must, ...mustNot.map((c) => `NOT (${c})`)];
    if (should.length && !must.length) parts.push(joinBalanced(should, "OR"));
    // Optional clauses beside required ones only rank and highlight: drop their SQL.
    else if (should.length) scope.params.length = mark;
    return joinBalanced(parts, "AND");
  };
  return walk(tree, negated) ?? "0";
}

/** `fields`' text fields grouped by analyzer, as Elasticsearch's `cross_fields` groups them;
 * other fields are left out. */
function analyzerGroups(scope: QueryScope, fields: string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const f of fields) {
    const leaf = scope.layout.leaves.get(f);
    if (leaf?.type !== "text") continue;
    const analyzer = leaf.analyzer ?? "standard";
    groups.set(analyzer, [...groups.get(analyzer) ?? [], f]);
  }
  return [...groups.values()];
}
