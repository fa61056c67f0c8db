/**
 * Highlights in the embedded index. FTS5's `highlight()` marks the matched tokens of a field's
 * analysed text; the field's original values are analysed again with offsets, so the marks
 * land on the original text. `number_of_fragments: 0` gives each matching value whole; more
 * gives up to that many fragments of about `fragment_size` characters around matches. Only
 * text fields are highlighted, and only by the full-text clauses that are not negated and that
 * apply to the field, as Elasticsearch's `require_field_match` default does. Fragment bounds
 * are ours (Elasticsearch's highlighters choose their own), which is why the differential test
 * compares hits, not highlights.
 */
import type { DatabaseSync } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import { forEachToken } from "../analysis/standard_analyzer.ts";
import { type FtsLeaf, integerOption, isNode, only } from "./leaf_conditions.ts";
import { type IndexLayout, MAX_TEXT_FIELDS } from "./sqlite_tables.ts";
import { fieldPattern } from "./field_pattern.ts";
import { valuesAt } from "./sqlite_values.ts";

/** A parsed `highlight` option. */
export interface HighlightSpec {
  fields: Array<{ matches: (field: string) => boolean; fragments: number; fragmentSize: number }>;
  pre: string;
  post: string;
}

const OPTIONS = [
  "fields",
  "pre_tags",
  "post_tags",
  "number_of_fragments",
  "fragment_size",
  "require_field_match",
  "type",
  "highlight_query",
];

/** Parses the `highlight` option of a search body. */
export function parseHighlight(spec: unknown): HighlightSpec {
  const h = only(spec, "highlight", OPTIONS);
  if (h.require_field_match === false) {
    throw new BadRequestError("[highlight] require_field_match false is not supported");
  }
  if (h.highlight_query !== undefined) {
    throw new BadRequestError("[highlight] highlight_query is not supported by the embedded index");
  }
  const raw = Array.isArray(h.fields)
    ? h.fields.flatMap((f) => Object.entries(f as Record<string, unknown>))
    : Object.entries(isNode(h.fields) ? h.fields : {});
  const fields = raw.map(([name, options]) => {
    const o = only(options ?? {}, "highlight", OPTIONS.filter((k) => k !== "fields"));
    if (o.highlight_query !== undefined) {
      throw new BadRequestError(
        "[highlight] highlight_query is not supported by the embedded index",
      );
    }
    return {
      matches: fieldPattern(name),
      fragments: integerOption(
        o.number_of_fragments ?? h.number_of_fragments,
        "highlight.number_of_fragments",
        5,
      ),
      fragmentSize: integerOption(
        o.fragment_size ?? h.fragment_size,
        "highlight.fragment_size",
        100,
      ),
    };
  });
  const tag = (v: unknown, fallback: string) => Array.isArray(v) ? String(v[0]) : fallback;
  return { fields, pre: tag(h.pre_tags, "<em>"), post: tag(h.post_tags, "</em>") };
}

/** Field → fragments for one hit, or undefined when nothing was highlighted. */
export function highlightHit(
  db: DatabaseSync,
  layout: IndexLayout,
  positive: FtsLeaf[],
  hit: { rid: number; source: Record<string, unknown> },
  spec: HighlightSpec,
): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  layout.text.forEach((field, k) => {
    const options = spec.fields.find((f) => f.matches(field));
    if (!options) return;
    const leaves = positive.filter((leaf) => leaf.ks.includes(k));
    if (!leaves.length) return;
    // A BigInt rowid: node:sqlite binds numbers as REAL, which FTS5 ignores beside MATCH.
    const row = db.prepare(
      `SELECT highlight(${layout.fts}, 0, char(1), char(2)) AS h FROM ${layout.fts}
       WHERE ${layout.fts} MATCH ? AND rowid = ?`,
    ).get(
      leaves.map((leaf) => `(${leaf.expr})`).join(" OR "),
      BigInt(hit.rid * MAX_TEXT_FIELDS + k),
    ) as { h: string } | undefined;
    if (!row) return;
    const marked = markedTokens(row.h);
    const fragments = valuesAt(hit.source, field).map(String).flatMap((value) =>
      fragmentsOf(value, marked, spec, options)
    );
    if (fragments.length) out[field] = fragments;
  });
  return Object.keys(out).length ? out : undefined;
}

/**
 * Per value of the field, the positions of its marked tokens. Tokens are separated by spaces
 * and values by a gap token (see `fts_terms.ts`); a phrase is marked as one span.
 */
function markedTokens(highlighted: string): Array<Set<number>> {
  const perValue: Array<Set<number>> = [new Set()];
  let inside = false;
  let position = 0;
  for (const piece of highlighted.split(" ")) {
    let token = piece;
    if (token.startsWith("\u0001")) {
      inside = true;
      token = token.slice(1);
    }
    const closes = token.endsWith("\u0002");
    if (closes) token = token.slice(0, -1);
    if (token === "\ue100") {
      perValue.push(new Set());
      position = 0;
    } else {
      if (inside) perValue[perValue.length - 1]!.add(position);
      position++;
    }
    if (closes) inside = false;
  }
  return perValue;
}

/** The highlighted fragments of one value (consumes that value's marks from `marked`). */
function fragmentsOf(
  value: string,
  marked: Array<Set<number>>,
  spec: HighlightSpec,
  options: { fragments: number; fragmentSize: number },
): string[] {
  const marks = marked.shift() ?? new Set<number>();
  const spans: Array<[number, number]> = [];
  let position = 0;
  forEachToken(value, (_token, start, end) => {
    if (marks.has(position++)) spans.push([start, end]);
  });
  if (!spans.length) return [];
  const tag = (from: number, to: number) => {
    let out = "";
    let at = from;
    for (const [start, end] of spans) {
      if (end <= from || start >= to) continue;
      out += value.slice(at, start) + spec.pre + value.slice(start, end) + spec.post;
      at = end;
    }
    return out + value.slice(at, to);
  };
  if (options.fragments === 0) return [tag(0, value.length)];
  const fragments: string[] = [];
  let covered = -1;
  for (const [start] of spans) {
    if (fragments.length >= options.fragments) break;
    if (start < covered) continue;
    const from = Math.max(0, start - Math.floor(options.fragmentSize / 4));
    const to = Math.min(value.length, from + options.fragmentSize);
    fragments.push(tag(from, to));
    covered = to;
  }
  return fragments;
}
