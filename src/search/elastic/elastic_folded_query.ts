/**
 * A search body rewritten for indexes whose folded fields (`elastic_folding.ts`) hold folded
 * words: the text of full-text clauses aimed at those fields is folded as the index copy is
 * (`match`, `match_phrase`, `match_phrase_prefix`, `match_bool_prefix`, `multi_match`,
 * `combined_fields`, `query_string`, `simple_query_string`; a `query_string` term prefixed with
 * another field is left as it is), and the exact sub-fields they name (`headline.keyword`,
 * `slugline.phrase`) become their `_exact` copies wherever a field is named (clauses, sorts,
 * aggregations, highlights, `query_string` field prefixes). Clauses Elasticsearch does not
 * analyse (`term`, `prefix`, `wildcard`, ...) are left as they are, as Superdesk's folding
 * analyzer leaves them. A `query_string` over fields some of which fold and some not has each
 * term that folding changes searched field by field (`(title:café OR headline:cafe)`); the other
 * clauses over such fields have their text folded for all of them (README, Search).
 */
import { foldWords } from "../analysis/folded_words.ts";
import type { SearchBody } from "../search_index.ts";
import { EXACT } from "./elastic_folding.ts";

type Json = Record<string, unknown>;

const ANALYSED = new Set([
  "match",
  "match_phrase",
  "match_phrase_prefix",
  "match_bool_prefix",
]);
const MULTI = new Set(["multi_match", "combined_fields", "query_string", "simple_query_string"]);

/**
 * The folded fields of the searched indexes. Their default fields (`index.query.default_field`)
 * are their text fields, so a clause naming no field folds when some field does.
 */
export interface FoldedTargets {
  folded: ReadonlySet<string>;
  /** The text fields searched when a clause names none (unknown: as if all folded). */
  defaults?: readonly string[];
}

/** `body` rewritten for `targets` (`body` itself when nothing folds). */
export function foldedSearchBody(body: SearchBody, targets: FoldedTargets): SearchBody {
  if (!targets.folded.size) return body;
  const out: Json = { ...body };
  for (const key of ["query", "post_filter", "highlight"]) {
    if (out[key] !== undefined) out[key] = rewrite(out[key], targets);
  }
  // A sort names fields as strings too (`"headline.keyword"`, `["_score", "slugline.phrase"]`).
  const sortKey = (v: unknown) =>
    typeof v === "string" ? exactName(v, targets) : rewrite(v, targets);
  if (out.sort !== undefined) {
    out.sort = Array.isArray(out.sort) ? out.sort.map(sortKey) : sortKey(out.sort);
  }
  for (const key of ["aggs", "aggregations"]) {
    if (isJson(out[key])) out[key] = rewriteAggs(out[key] as Json, targets);
  }
  return out as SearchBody;
}

const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `name` (maybe with a `^boost`) as Elasticsearch knows it. */
function exactName(name: string, { folded }: FoldedTargets): string {
  const m = /^([^.^]+)\.(keyword|phrase)(\^.*)?$/.exec(name);
  return m && folded.has(m[1]!) ? `${EXACT}.${name}` : name;
}

function rewriteAggs(aggs: Json, targets: FoldedTargets): Json {
  const out: Json = {};
  for (const [name, agg] of Object.entries(aggs)) {
    if (!isJson(agg)) {
      out[name] = agg;
      continue;
    }
    const body: Json = {};
    for (const [key, value] of Object.entries(agg)) {
      body[key] = (key === "aggs" || key === "aggregations") && isJson(value)
        ? rewriteAggs(value, targets)
        : rewrite(value, targets);
    }
    out[name] = body;
  }
  return out;
}

const FIELD_KEYS = new Set(["field", "default_field"]);

function rewrite(value: unknown, targets: FoldedTargets): unknown {
  // Strings in a list are values (`terms`), not field names.
  if (Array.isArray(value)) return value.map((v) => rewrite(v, targets));
  if (!isJson(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (ANALYSED.has(key) && isJson(v)) out[key] = analysedClause(v, targets);
    else if (MULTI.has(key) && isJson(v)) out[key] = multiFieldClause(key, v, targets);
    else if (FIELD_KEYS.has(key) && typeof v === "string") out[key] = exactName(v, targets);
    else out[exactName(key, targets)] = rewrite(v, targets);
  }
  return out;
}

/** `match`-like: `{field: text}` or `{field: {query: text, ...}}`. */
function analysedClause(clause: Json, targets: FoldedTargets): Json {
  const out: Json = {};
  for (const [field, spec] of Object.entries(clause)) {
    const name = exactName(field, targets);
    if (!targets.folded.has(field)) out[name] = spec;
    else if (typeof spec === "string") out[name] = foldWords(spec);
    else if (isJson(spec) && typeof spec.query === "string") {
      out[name] = { ...spec, query: foldWords(spec.query) };
    } else out[name] = spec;
  }
  return out;
}

/** Whether a field pattern (`headline`, `head*^2`, `*`) names a folded field. */
function namesFolded(pattern: string, { folded }: FoldedTargets): boolean {
  const name = pattern.replace(/\^.*$/, "");
  if (!name.includes("*")) return folded.has(name);
  const re = patternRegExp(name);
  return [...folded].some((f) => re.test(f));
}

/** A field pattern (`head*`) as a regular expression over field names. */
function patternRegExp(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+?()[\]{}|\\$]/g, "\\$&").replace(/\*/g, ".*")}$`);
}

function multiFieldClause(kind: string, clause: Json, targets: FoldedTargets): Json {
  const out: Json = { ...clause };
  const fields = Array.isArray(clause.fields)
    ? clause.fields.map(String)
    : typeof clause.default_field === "string"
    ? [clause.default_field]
    : undefined;
  if (fields) {
    out.fields = Array.isArray(clause.fields)
      ? fields.map((f) => exactName(f, targets))
      : clause.fields;
  }
  if (typeof clause.default_field === "string") {
    out.default_field = exactName(clause.default_field, targets);
  }
  const defaultFolds = fields
    ? fields.some((f) => namesFolded(f, targets))
    : targets.folded.size > 0;
  if (typeof clause.query !== "string") return out;
  const searched = fields ?? targets.defaults;
  // A pattern (`*`) may name unfolded fields too: its terms are searched field by field.
  const mixed = searched !== undefined && defaultFolds &&
    searched.some((f) => f.includes("*") || !namesFolded(f, targets));
  out.query = kind === "query_string"
    ? foldedQueryString(clause.query, mixed ? searched : defaultFolds, targets)
    : defaultFolds
    ? foldWords(clause.query, { escape: kind === "simple_query_string" })
    : clause.query;
  return out;
}

/**
 * A `query_string` query with the text of the terms aimed at folded fields folded (escaped, so
 * the syntax is unchanged) and exact sub-fields renamed: unprefixed terms fold when
 * `defaults` is true, and are searched field by field when it lists fields some of which fold
 * (`mixedTerms`); a `field:` prefix (on a term, a phrase or a group) decides for what it covers.
 */
function foldedQueryString(
  query: string,
  defaults: boolean | readonly string[],
  targets: FoldedTargets,
): string {
  let out = "";
  let at = 0;
  const text = (to: number, folds: boolean | readonly string[]) => {
    const part = query.slice(at, to);
    out += folds === true
      ? foldWords(part, { escape: true })
      : folds === false
      ? part
      : mixedTerms(part, folds, targets);
    at = to;
  };
  const prefix = /(^|[\s(){}[\]+\-!~^"&|])([A-Za-z_@][\w.*@-]*)(\s*:\s*)/g;
  for (let m = prefix.exec(query); m; m = prefix.exec(query)) {
    const start = m.index + m[1]!.length;
    if (start > 0 && query[start - 1] === "\\") continue;
    // A `word:` inside a quoted phrase is part of the phrase (`"Breaking: café"`).
    const phraseEnd = enclosingPhraseEnd(query, at, start);
    if (phraseEnd !== undefined) {
      prefix.lastIndex = phraseEnd;
      continue;
    }
    text(start, defaults);
    const field = m[2]!;
    out += exactName(field, targets) + m[3]!;
    at = prefix.lastIndex;
    const end = scopeEnd(query, at);
    if (field === "_exists_") {
      // `_exists_:headline.keyword` names a field.
      out += exactName(query.slice(at, end), targets);
      at = end;
    } else text(end, namesFolded(field, targets));
    prefix.lastIndex = end;
  }
  text(query.length, defaults);
  return out;
}

const OPERATORS = new Set(["AND", "OR", "NOT", "&&", "||"]);

/**
 * Unprefixed `query_string` text over `fields`, some folded and some not: each term (a word, a
 * phrase, a range, with its `+`/`-`/`!` and `~`/`^` marks) that folding changes becomes a group
 * of that term on each field, folded for the folded ones, so each field sees the words its
 * analysis indexed (Elasticsearch scores the group as a sum where it scored the best field). A
 * pattern (`*`, every field: a list's `q`) takes the term as written, and each folded field it
 * names the folded term too (a folded field holds no word the unfolded term could match).
 */
function mixedTerms(part: string, fields: readonly string[], targets: FoldedTargets): string {
  let out = "";
  let i = 0;
  while (i < part.length) {
    if (/[\s()]/.test(part[i]!)) {
      out += part[i++];
      continue;
    }
    const start = i;
    while (i < part.length && !/[\s()]/.test(part[i]!)) {
      const c = part[i]!;
      const close = c === '"' ? '"' : c === "[" ? "]" : c === "{" ? "}" : "";
      i += c === "\\" ? 2 : 1;
      if (!close) continue;
      while (i < part.length && part[i] !== close) i += part[i] === "\\" ? 2 : 1;
      i++;
    }
    i = Math.min(i, part.length);
    const unit = part.slice(start, i);
    const lead = /^[+\-!]*/.exec(unit)![0];
    const term = unit.slice(lead.length);
    const folded = foldWords(term, { escape: true });
    if (folded === term || OPERATORS.has(term)) {
      out += unit;
      continue;
    }
    const each = fields.flatMap((f) => {
      const [, name, boost = ""] = /^([^^]*)(\^.*)?$/.exec(f)!;
      const on = (field: string, text: string) => `${field}:(${text})${boost}`;
      if (!name!.includes("*")) {
        return on(exactName(name!, targets), targets.folded.has(name!) ? folded : term);
      }
      const re = patternRegExp(name!);
      return [
        on(name!.replace(/\*/g, "\\*"), term),
        ...[...targets.folded].filter((n) => re.test(n)).map((n) => on(n, folded)),
      ];
    });
    out += `${lead}(${each.join(" OR ")})`;
  }
  return out;
}

/** The end of the quoted phrase of `query` (scanned from `from`) that holds `index`, if any. */
function enclosingPhraseEnd(query: string, from: number, index: number): number | undefined {
  for (let i = from; i < index; i++) {
    if (query[i] === "\\") i++;
    else if (query[i] === '"') {
      const end = scopeEnd(query, i);
      if (end > index) return end;
      i = end - 1;
    }
  }
  return undefined;
}

/** Where what a field prefix ending at `at` covers ends: a group, a phrase or one term. */
function scopeEnd(query: string, at: number): number {
  const open = query[at];
  if (open === "(" || open === '"') {
    let depth = 0;
    for (let i = at; i < query.length; i++) {
      const c = query[i];
      if (c === "\\") i++;
      else if (open === '"' && c === '"' && i > at) return i + 1;
      else if (open === "(" && c === "(") depth++;
      else if (open === "(" && c === ")" && --depth === 0) return i + 1;
    }
    return query.length;
  }
  let i = at;
  while (i < query.length && !/[\s()]/.test(query[i]!)) i += query[i] === "\\" ? 2 : 1;
  return Math.min(i, query.length);
}
