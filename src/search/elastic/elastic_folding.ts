/**
 * ASCII folding on Elasticsearch without an `asciifolding` filter (the distribution we test on
 * has no analysis-common module; a full one gives the same answers, as this path does not ask
 * for the filter). For each top-level text field analysed with folding (`foldedFields`) the
 * index copy holds the value with its words folded (`foldWords`), which the field's standard
 * analysis then lowercases, and its exact sub-fields (`.keyword`, `.phrase`) move to
 * `_exact.<field>`, which holds the value as the store has it (HTML stripped), so sorts,
 * aggregations and exact clauses see what they saw before. Hits get the stored value back and
 * highlights of folded fields are placed on it. Queries are rewritten by
 * `elastic_folded_query.ts`.
 */
import {
  alignedSpans,
  type FoldedSpans,
  foldedSpans,
  foldWords,
} from "../analysis/folded_words.ts";
import {
  type FieldMapping,
  foldedFields,
  type IndexMapping,
  KEYWORD_SUBFIELD_LIMIT,
  textFields,
  withMetaFields,
} from "../mapping.ts";
import { withSourceField } from "../search_body.ts";
import type { SearchBody } from "../search_index.ts";

/** The object holding the exact values of folded fields in the index copy. */
export const EXACT = "_exact";

/** A resource's folded fields and the text fields a clause naming none searches. */
export interface FoldedLayout {
  folded: readonly string[];
  text: readonly string[];
}

/** The `FoldedLayout` of `mapping` (with or without its meta fields). */
export function foldedLayout(mapping: IndexMapping): FoldedLayout {
  return { folded: foldedFields(mapping), text: textFields(withMetaFields(mapping)) };
}

/** The properties Elasticsearch is given for `mapping` (exact sub-fields of folded fields moved). */
export function elasticProperties(mapping: IndexMapping): Record<string, FieldMapping> {
  const folded = foldedFields(mapping);
  if (!folded.length) return mapping.properties;
  const properties = { ...mapping.properties };
  const exact: Record<string, FieldMapping> = {};
  for (const name of folded) {
    const field = properties[name] as Extract<FieldMapping, { type: "text" }>;
    const { fields, ...text } = field;
    properties[name] = text;
    if (fields) exact[name] = { ...text, index: false, fields } as FieldMapping;
  }
  properties[EXACT] = { type: "object", properties: exact };
  return properties;
}

const isShortString = (v: unknown) => typeof v === "string" && v.length <= KEYWORD_SUBFIELD_LIMIT;

/**
 * The index copy of `doc` with `folded` fields folded. `_exact` keeps a field's value when its
 * copy differs (to give it back) or when it is short enough for the exact sub-fields to index.
 */
export function foldedDoc<T extends Record<string, unknown>>(doc: T, folded: readonly string[]): T {
  let out: Record<string, unknown> | undefined;
  let exact: Record<string, unknown> | undefined;
  for (const name of folded) {
    const value = doc[name];
    let changed = false;
    let copy: unknown = value;
    if (typeof value === "string") {
      copy = foldWords(value);
      changed = copy !== value;
    } else if (Array.isArray(value)) {
      copy = value.map((v) => typeof v === "string" ? foldWords(v) : v);
      changed = (copy as unknown[]).some((v, i) => v !== value[i]);
    } else continue;
    const short = Array.isArray(value) ? value.some(isShortString) : isShortString(value);
    if (!changed && !short) continue;
    out ??= { ...doc };
    exact ??= {};
    exact[name] = value;
    if (changed) out[name] = copy;
  }
  if (!out) {
    if (!(EXACT in doc)) return doc;
    out = { ...doc };
  }
  if (exact) out[EXACT] = exact;
  else delete out[EXACT];
  return out as T;
}

/** The tags a highlight is marked with. */
export interface HighlightTags {
  pre: string;
  post: string;
}

/** The tags of `body`'s highlight (Elasticsearch's defaults when it names none). */
export function highlightTags(body: SearchBody): HighlightTags {
  const spec = (body.highlight ?? {}) as { pre_tags?: unknown[]; post_tags?: unknown[] };
  return {
    pre: String(spec.pre_tags?.[0] ?? "<em>"),
    post: String(spec.post_tags?.[0] ?? "</em>"),
  };
}

/** `body` whose `_source` includes, if any, also take `_exact` when some field folds. */
export function withExact(body: SearchBody, folded: ReadonlySet<string>): SearchBody {
  return folded.size ? withSourceField(body, EXACT) : body;
}

/**
 * A hit's `_source` and `highlight` as the store's values give them: folded fields' values
 * put back from `_exact` (dropped), and their highlights placed on those values (a fragment is
 * found in the folded text of one of the field's values; one that is not stays as it is). Each
 * value is folded once, whatever the number of its fragments.
 */
export function unfoldedHit(
  source: Record<string, unknown>,
  highlight: Record<string, string[]> | undefined,
  tags: HighlightTags,
): void {
  const exact = source[EXACT] as Record<string, unknown> | undefined;
  if (exact === undefined) return;
  delete source[EXACT];
  for (const [name, value] of Object.entries(exact)) {
    const copy = source[name];
    if (name in source) source[name] = value;
    const fragments = highlight?.[name];
    if (!fragments) continue;
    const values = strings(value);
    // The index copy's folded values, when the hit carries them, spare analysing the values.
    const copies = strings(copy);
    const folded: Array<FoldedSpans | undefined> = [];
    const foldedValue = (i: number) =>
      folded[i] ??= (copies.length === values.length && alignedSpans(values[i]!, copies[i]!)) ||
        foldedSpans(values[i]!);
    highlight![name] = fragments.map((f) => unfoldedFragment(f, values, foldedValue, tags) ?? f);
  }
}

/** The strings of a field's value (one or a list). */
const strings = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");

/**
 * `fragment` placed on the first of `values` whose folded text holds it without its marks: each
 * mark goes before (`pre`) or after (`post`) the original characters its units come from.
 * Undefined when no value holds it.
 */
function unfoldedFragment(
  fragment: string,
  values: string[],
  foldedValue: (i: number) => FoldedSpans,
  { pre, post }: HighlightTags,
): string | undefined {
  const plain = fragment.split(pre).join("").split(post).join("");
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const folded = foldedValue(i);
    const at = folded.text.indexOf(plain);
    if (at < 0) continue;
    let out = "";
    let from = folded.start(at) ?? value.length;
    let k = at;
    // From mark to mark (an empty tag marks nothing); k counts the copy units passed.
    for (let j = 0;;) {
      const p = pre ? fragment.indexOf(pre, j) : -1;
      const q = post ? fragment.indexOf(post, j) : -1;
      if (p < 0 && q < 0) {
        k += fragment.length - j;
        break;
      }
      const isPre = p >= 0 && (q < 0 || p <= q);
      const mark = isPre ? p : q;
      k += mark - j;
      // A mark at copy unit k sits before the original character that unit comes from.
      const to = (isPre ? folded.start(k) : folded.end(k - 1)) ?? value.length;
      const tag = isPre ? pre : post;
      out += value.slice(from, to) + tag;
      from = to;
      j = mark + tag.length;
    }
    const end = k > at ? folded.end(k - 1)! : from;
    return out + value.slice(from, end);
  }
  return undefined;
}
