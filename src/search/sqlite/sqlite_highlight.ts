/**
 * Highlights in the embedded index with FTS5's `highlight()` (whole field, for
 * `number_of_fragments: 0`) or `snippet()` (one fragment of about `fragment_size` characters).
 * Only text fields are highlighted, and only by the full-text clauses that are not negated and
 * that apply to the field, as Elasticsearch's `require_field_match` default does.
 */
import type { DatabaseSync } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import { type FtsLeaf, integerOption, isNode, only } from "./leaf_conditions.ts";
import { type IndexLayout, MAX_TEXT_FIELDS } from "./sqlite_tables.ts";
import { fieldPattern } from "./field_pattern.ts";

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
];

/** Parses the `highlight` option of a search body. */
export function parseHighlight(spec: unknown): HighlightSpec {
  const h = only(spec, "highlight", OPTIONS);
  if (h.require_field_match === false) {
    throw new BadRequestError("[highlight] require_field_match false is not supported");
  }
  const raw = Array.isArray(h.fields)
    ? h.fields.flatMap((f) => Object.entries(f as Record<string, unknown>))
    : Object.entries(isNode(h.fields) ? h.fields : {});
  const fields = raw.map(([name, options]) => {
    const o = only(options ?? {}, "highlight", OPTIONS.filter((k) => k !== "fields"));
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
  rid: number,
  spec: HighlightSpec,
): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  layout.text.forEach((field, k) => {
    const options = spec.fields.find((f) => f.matches(field));
    if (!options) return;
    const leaves = positive.filter((leaf) => leaf.ks.includes(k));
    if (!leaves.length) return;
    const expr = leaves.map((leaf) => `(${leaf.expr})`).join(" OR ");
    const fn = options.fragments === 0
      ? `highlight(${layout.fts}, 0, ?, ?)`
      : `snippet(${layout.fts}, 0, ?, ?, '...', ${
        Math.max(1, Math.min(64, Math.round(options.fragmentSize / 6)))
      })`;
    // A BigInt rowid: node:sqlite binds numbers as REAL, which FTS5 ignores beside MATCH.
    const row = db.prepare(
      `SELECT ${fn} AS h FROM ${layout.fts} WHERE ${layout.fts} MATCH ? AND rowid = ?`,
    ).get(spec.pre, spec.post, expr, BigInt(rid * MAX_TEXT_FIELDS + k)) as
      | { h: string }
      | undefined;
    if (row?.h.includes(spec.pre)) out[field] = [row.h];
  });
  return Object.keys(out).length ? out : undefined;
}
