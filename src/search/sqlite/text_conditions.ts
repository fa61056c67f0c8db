/**
 * The full-text and pattern conditions of the embedded index's query compiler, over the FTS5
 * table of analysed tokens (`fts_terms.ts`): analysed matches and phrases, exact tokens (`term`
 * on a text field), and prefixes and wildcards on text fields (over the index's vocabulary),
 * on keyword fields (GLOB over the values) and on `_id`. Each clause answers as Elasticsearch
 * would on the same mapping; a clause it cannot answer exactly is a 400.
 */
import { BadRequestError } from "../../errors.ts";
import { foldToAscii } from "../analysis/ascii_folding.ts";
import { lowercase } from "../analysis/standard_analyzer.ts";
import { ftsQuoted, ftsTerm, queryTokens } from "./fts_terms.ts";
import { idsIn, inFilterContext, type QueryScope, valueRows, valuesIn } from "./leaf_conditions.ts";
import { MAX_TEXT_FIELDS } from "./sqlite_tables.ts";

/** Vocabulary terms one wildcard may expand to (Elasticsearch has no such limit: past it, 400). */
export const MAX_WILDCARD_TERMS = 10_000;

/** What one analysed clause asks of one field. */
export interface FieldQuery {
  text: string;
  /** `match`: analysed words joined by `operator`; `phrase`: consecutive words; `wildcard`: a
   * pattern with `*` and `?` (query_string terms, normalised as Elasticsearch does). */
  kind: "match" | "phrase" | "wildcard";
  operator: "AND" | "OR";
}

/** The condition for one full-text-style clause on one field, by the field's type. */
export function fieldCondition(
  scope: QueryScope,
  field: string,
  q: FieldQuery,
  { negated, lenient }: { negated: boolean; lenient: boolean },
): string {
  const mark = scope.params.length;
  try {
    if (field === "_id") {
      return q.kind === "wildcard" ? idWildcard(scope, q.text) : idsIn(scope, [q.text]);
    }
    const leaf = scope.layout.leaves.get(field);
    if (!leaf) return "0";
    if (leaf.type === "text") return textCondition(scope, [field], q, negated) ?? "0";
    if (q.kind === "wildcard") {
      if (leaf.type !== "keyword") {
        throw new BadRequestError(
          `Can only use wildcard queries on keyword and text fields - not on [${field}] which is of type [${leaf.type}]`,
        );
      }
      return keywordGlob(scope, field, termGlobOf(leaf.lowercase ? lowercase(q.text) : q.text));
    }
    return valuesIn(scope, field, [q.text]);
  } catch (error) {
    if (!lenient || !(error instanceof BadRequestError)) throw error;
    // The value did not convert after the field's parameters were bound: unbind them.
    scope.params.length = mark;
    return "0";
  }
}

/**
 * One full-text clause on several text fields at once: one FTS5 condition over their rows
 * (each row holds one field, so this is the OR of the fields' conditions) rather than one per
 * field, which keeps a query over every field within SQLite's parameter limit and expands a
 * wildcard through the vocabulary once; one per analysis when the fields fold accents and
 * others do not (their words differ). Null when the text analyses to no word.
 */
export function textCondition(
  scope: QueryScope,
  fields: string[],
  q: FieldQuery,
  negated: boolean,
): string | null {
  const conds: string[] = [];
  for (const [fold, group] of foldGroups(scope, fields)) {
    const cond = analysedCondition(scope, group, q, negated, fold);
    if (cond !== null) conds.push(cond);
  }
  return conds.length ? conds.join(" OR ") : null;
}

/** `fields` split by whether their words are ASCII-folded (only the groups that have fields). */
export function foldGroups(scope: QueryScope, fields: string[]): Array<[boolean, string[]]> {
  const folded = fields.filter((f) => scope.layout.leaves.get(f)?.fold === true);
  if (!folded.length) return [[false, fields]];
  if (folded.length === fields.length) return [[true, fields]];
  return [[true, folded], [false, fields.filter((f) => !folded.includes(f))]];
}

function analysedCondition(
  scope: QueryScope,
  fields: string[],
  q: FieldQuery,
  negated: boolean,
  fold: boolean,
): string | null {
  if (q.kind === "wildcard") {
    // A query_string pattern is normalised by the fields' analyzer (lowercase, folding).
    const pattern = lowercase(q.text);
    return textWildcard(scope, fields, fold ? foldToAscii(pattern) : pattern, negated);
  }
  const words = queryTokens(q.text, fold);
  if (!words.length) return null;
  const expr = q.kind === "phrase"
    ? `"${words.map(ftsTerm).join(" ")}"`
    : words.map(ftsQuoted).join(` ${q.operator} `);
  return ftsCondition(scope, expr, fields, negated);
}

/**
 * One query_string term on several keyword fields at once (exact value or wildcard), one
 * condition per normaliser over the fields' values, for the reason `textCondition` gives.
 */
export function keywordCondition(scope: QueryScope, fields: string[], q: FieldQuery): string[] {
  const conds: string[] = [];
  for (const lower of [false, true]) {
    const group = fields.filter((f) => (scope.layout.leaves.get(f)?.lowercase ?? false) === lower);
    if (!group.length) continue;
    const text = lower ? lowercase(q.text) : q.text;
    const wildcard = q.kind === "wildcard";
    scope.params.push(JSON.stringify(group), wildcard ? termGlobOf(text) : text);
    conds.push(
      valueRows(
        scope,
        `path IN (SELECT value FROM json_each(?)) AND val ${wildcard ? "GLOB" : "="} ?`,
      ),
    );
  }
  return conds;
}

/** `term`/`terms` on a text field: documents holding one of the values as an exact token. */
export function textTermsIn(scope: QueryScope, field: string, values: unknown[]): string {
  const terms = values.map(String).filter((v) => v);
  if (!terms.length) return "0";
  return ftsCondition(scope, terms.map(ftsQuoted).join(" OR "), [field], false);
}

/** A `prefix` clause: not analysed, as in Elasticsearch. */
export function compilePrefix(
  field: string,
  value: string,
  scope: QueryScope,
  negated: boolean,
): string {
  const pattern = value.replace(/[\\*?]/g, (c) => `\\${c}`) + "*";
  return compileWildcard(field, pattern, scope, negated);
}

/** A `wildcard` clause (`*` any characters, `?` one, `\` escapes): not analysed. */
export function compileWildcard(
  field: string,
  pattern: string,
  scope: QueryScope,
  negated: boolean,
): string {
  if (field === "_id") return idWildcard(scope, pattern);
  const leaf = scope.layout.leaves.get(field);
  if (!leaf) return "0";
  if (leaf.type === "text") return textWildcard(scope, [field], pattern, negated);
  if (leaf.type !== "keyword") {
    throw new BadRequestError(
      `Can only use wildcard queries on keyword and text fields - not on [${field}] which is of type [${leaf.type}]`,
    );
  }
  return keywordGlob(scope, field, termGlobOf(leaf.lowercase ? lowercase(pattern) : pattern));
}

/**
 * A wildcard on a text field's tokens. A plain word is one token; `word*` is an FTS5 prefix;
 * anything else expands through the vocabulary to the terms it matches.
 */
function textWildcard(
  scope: QueryScope,
  fields: string[],
  pattern: string,
  negated: boolean,
): string {
  const { glob, literal, plain, prefixOnly } = parsePattern(pattern);
  // Elasticsearch gives every match of a wildcard or prefix the same score (a constant-score
  // rewrite): the clause matches and highlights here without scoring.
  const unscored = (expr: string) =>
    inFilterContext(scope, () => ftsCondition(scope, expr, fields, negated));
  if (plain !== undefined) return unscored(ftsQuoted(plain));
  if (prefixOnly && literal) return unscored(`"${literal}"*`);
  const terms = vocabulary(scope, glob, literal);
  if (!terms.length) return "0";
  return unscored(terms.map((t) => `"${t}"`).join(" OR "));
}

/** Terms of the index's vocabulary matching `glob` (which starts with `literal`). */
function vocabulary(scope: QueryScope, glob: string, literal: string): string[] {
  const { db, layout } = scope;
  const range = literal ? " AND term >= ? AND term < ?" : "";
  const params = literal ? [glob, literal, literal + "\u{10ffff}"] : [glob];
  const rows = db.prepare(
    `SELECT term FROM ${layout.terms} WHERE term GLOB ?${range} LIMIT ${MAX_WILDCARD_TERMS + 1}`,
  ).all(...params) as Array<{ term: string }>;
  if (rows.length > MAX_WILDCARD_TERMS) {
    throw new BadRequestError(
      `wildcard [${glob}] matches more than ${MAX_WILDCARD_TERMS} terms, which the embedded ` +
        "search index does not expand; make it more specific",
    );
  }
  return rows.map((row) => row.term);
}

/** A GLOB on a keyword field's values. */
function keywordGlob(scope: QueryScope, field: string, glob: string): string {
  scope.params.push(field, glob);
  return valueRows(scope, "path = ? AND val GLOB ?");
}

function idWildcard(scope: QueryScope, pattern: string): string {
  scope.params.push(termGlobOf(pattern));
  return "d.id GLOB ?";
}

/**
 * An Elasticsearch wildcard pattern over FTS5 terms: the GLOB (every character but the
 * wildcards encoded as in `ftsTerm`, so none is special), its literal start, the plain term
 * when it has no wildcard, and whether it is a literal followed by one trailing `*`.
 */
function parsePattern(
  pattern: string,
): { glob: string; literal: string; plain?: string; prefixOnly: boolean } {
  let glob = "";
  let literal = "";
  let wildcards = 0;
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i]!;
    if (ch === "*" || ch === "?") {
      glob += ch;
      wildcards++;
      continue;
    }
    if (ch === "\\" && i + 1 < pattern.length) ch = pattern[++i]!;
    glob += ftsTerm(ch);
    if (!wildcards) literal += ftsTerm(ch);
  }
  const prefixOnly = wildcards === 1 && pattern.endsWith("*") && !pattern.endsWith("\\*");
  return wildcards
    ? { glob, literal, prefixOnly }
    : { glob, literal, plain: pattern.replace(/\\(.)/g, "$1"), prefixOnly };
}

/** A wildcard pattern as a GLOB over raw values (`[`, `]` made literal). */
function termGlobOf(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "\\" && i + 1 < pattern.length) out += `[${pattern[++i]}]`;
    else if (ch === "[" || ch === "]") out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

/** The condition "the FTS5 expression matches one of `fields`". */
export function ftsCondition(
  scope: QueryScope,
  expr: string,
  fields: string[],
  negated: boolean,
): string {
  const ks = fields.map((f) => scope.layout.text.indexOf(f)).filter((k) => k >= 0);
  if (!ks.length) return "0";
  if (!negated) scope.positive.push({ expr, ks, scores: !scope.filtering });
  scope.params.push(expr);
  return ftsRowsMatch(scope.layout.fts, ks);
}

/** The condition "document `d` has a row of `fts` in text fields `ks` matching the parameter". */
export function ftsRowsMatch(fts: string, ks: number[]): string {
  return `d.rid IN (SELECT rowid / ${MAX_TEXT_FIELDS} FROM ${fts} WHERE ${fts} MATCH ? AND rowid % ${MAX_TEXT_FIELDS} IN (${
    ks.join(",")
  }))`;
}
