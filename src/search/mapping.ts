/**
 * Search mappings derived from a resource's JSON Schema (TypeBox schemas are JSON Schema), in
 * Elasticsearch's own mapping syntax so the Elasticsearch index sends them as they are and the
 * SQLite index interprets the same object. Only core analysis is used (the standard tokenizer
 * and the lowercase filter), because the Elasticsearch distribution we test on has no
 * analysis-common module: `html_field_analyzer` (Superdesk's name) is the standard analyzer,
 * the HTML of its fields is stripped on our side before indexing (`htmlFields`), and its
 * accents are folded on our side (a leaf's `fold`; `../analysis/ascii_folding.ts`, and
 * `elastic/elastic_folding.ts` for Elasticsearch).
 *
 * No value can make a document unindexable: every keyword keeps at most `KEYWORD_LIMIT`
 * characters (longer values stay in `_source` but are not indexed as terms, where
 * Elasticsearch would refuse a term over 32 KB), and the analyzer cuts words at 255.
 */

/** How a field is searched, given per dotted path in a resource definition. */
export type SearchFieldHint =
  /** Exact value: term, terms, sort, aggregations (the default for strings). */
  | "keyword"
  /** Full text with the standard analyzer, plus an exact `.keyword` sub-field (≤ 256 chars). */
  | "text"
  /** As `text`, HTML stripped first and accents folded after lowercasing (Superdesk's
   * `html_field_analyzer` fields: `html_strip`, standard tokenizer, `lowercase`, `asciifolding`). */
  | "html"
  /** As `html`, accents kept (the content API's `html_field_analyzer`, without `asciifolding`). */
  | "html_unfolded"
  /** As `html`, plus `.phrase`, the whole value lowercased, for sorting (Superdesk's slugline). */
  | "phrase"
  /** An array of objects indexed as Elasticsearch `nested` documents, also flattened into the
   * parent (`include_in_parent`), so plain queries see it as an object array. */
  | "nested"
  /** Not searchable; kept in `_source` only (large blobs, free-form metadata). */
  | "none";

/** Dotted path → hint, e.g. `{ headline: "text", body_html: "text", "extra": "none" }`. */
export type SearchFields = Readonly<Record<string, SearchFieldHint>>;

/**
 * The analyzers of text fields: the standard analyzer, Superdesk's `html_field_analyzer` (the
 * standard analyzer, then ASCII folding) and the content API's (the standard analyzer), HTML
 * being stripped on our side for the last two (see the module doc).
 */
export type TextAnalyzer = "standard" | "html_field_analyzer" | "contentapi_html_field_analyzer";

/** Whether text analysed by `analyzer` has its accents folded (Lucene's ASCIIFoldingFilter). */
function foldsAccents(analyzer: TextAnalyzer): boolean {
  return analyzer === "html_field_analyzer";
}

/** The normalizer of `.phrase` sub-fields: the whole value, lowercased. */
export const LOWERCASE_NORMALIZER = "lowercase_normalizer";

/** An exact-value field. */
export interface KeywordMapping {
  type: "keyword";
  ignore_above?: number;
  normalizer?: typeof LOWERCASE_NORMALIZER;
}

/** One field of a mapping (the subset of Elasticsearch's mapping types we generate). */
export type FieldMapping =
  | { type: "text"; analyzer: TextAnalyzer; fields?: Record<string, KeywordMapping> }
  | KeywordMapping
  | { type: "date" }
  | { type: "long" }
  | { type: "double" }
  | { type: "boolean" }
  | { type: "object"; properties: Record<string, FieldMapping> }
  | { type: "nested"; include_in_parent: true; properties: Record<string, FieldMapping> };

/** An index mapping: unmapped fields stay in `_source` but are not searchable (`dynamic: false`). */
export interface IndexMapping {
  /** The version of how engines index text (`INDEX_FORMAT`), set by `withMetaFields`. */
  format?: number;
  properties: Record<string, FieldMapping>;
}

/**
 * The version of how documents are analysed and laid out in the engines; an index recorded
 * with another one must be rebuilt. 2: the standard analyzer reproduced in the embedded index,
 * HTML stripped on our side, keyword limits. 3: accents of `html_field_analyzer` fields folded.
 */
export const INDEX_FORMAT = 3;

/** What each index format changed, for the message asking for a rebuild. */
const FORMAT_CHANGES: Record<number, string> = {
  2: "text analysed as Elasticsearch's standard analyzer, HTML stripped, keyword limits",
  3: "accents of html_field_analyzer fields folded, as Superdesk's asciifolding",
};

/** A searchable leaf of a mapping, by dotted path (`subject.qcode`, `headline.keyword`). */
export interface LeafField {
  type: "text" | "keyword" | "date" | "long" | "double" | "boolean";
  /** Values longer than this are not indexed (Elasticsearch `ignore_above`). */
  ignoreAbove?: number;
  /** Keyword values (stored and queried) are lowercased. */
  lowercase?: boolean;
  /** A text field's analyzer. */
  analyzer?: TextAnalyzer;
  /** A text field whose words are ASCII-folded after lowercasing (`foldedFields`). */
  fold?: boolean;
  /** For a `.keyword` sub-field: the path of the document value it indexes. */
  source: string;
}

/** Characters of a text field's value its `.keyword` sub-field keeps (Elasticsearch's default). */
export const KEYWORD_SUBFIELD_LIMIT = 256;

/**
 * Characters a keyword field indexes: Lucene refuses terms over 32,766 bytes, and 8,191
 * characters of up to 4 UTF-8 bytes each stay under that.
 */
export const KEYWORD_LIMIT = 8191;

/** Fields every indexed document carries, whatever its schema. */
const META_FIELDS: Record<string, FieldMapping> = {
  _resource: { type: "keyword" },
  _etag: { type: "keyword" },
  _created: { type: "date" },
  _updated: { type: "date" },
};

type Schema = Record<string, unknown>;

/**
 * Derives a mapping from a JSON Schema object: strings → keyword (or text per `searchFields`),
 * `format: date-time`/`date` → date, integer → long, number → double, boolean, objects →
 * object (arrays of objects are flattened, not nested), arrays → their items. Fields whose
 * type cannot be decided (any, records, mixed unions) are left unmapped.
 */
export function mappingFromSchema(
  schema: Schema,
  { searchFields = {} }: { searchFields?: SearchFields } = {},
): IndexMapping {
  const properties = objectProperties(schema, "", searchFields);
  return { properties: properties ?? {} };
}

/** The mapping plus the meta fields (`_resource`, `_etag`, `_created`, `_updated`) and format. */
export function withMetaFields(mapping: IndexMapping): IndexMapping {
  return { format: INDEX_FORMAT, properties: { ...META_FIELDS, ...mapping.properties } };
}

/**
 * Why an index recorded with `live` cannot serve `expected` (both with meta fields), or
 * undefined when they are the same: the fields added, removed or changed, or another format.
 */
export function mappingDifference(
  live: IndexMapping | null,
  expected: IndexMapping,
): string | undefined {
  if (live === null) return "it records no mapping (made by an older version)";
  if (live.format !== expected.format) {
    const change = FORMAT_CHANGES[expected.format ?? INDEX_FORMAT];
    return `it was made with index format ${
      live.format ?? 1
    }, this version uses ${expected.format}${change ? ` (${change})` : ""}`;
  }
  const describe = (m: IndexMapping) => {
    const out = new Map<string, string>();
    const walk = (props: Record<string, FieldMapping>, prefix: string) => {
      for (const [name, field] of Object.entries(props)) {
        const { properties, ...rest } = field as FieldMapping & { properties?: never };
        out.set(prefix + name, JSON.stringify(rest, Object.keys(rest).sort()));
        if (properties) walk(properties, `${prefix}${name}.`);
      }
    };
    walk(m.properties, "");
    return out;
  };
  const [a, b] = [describe(live), describe(expected)];
  const changes = [
    ...[...b.keys()].filter((k) => !a.has(k)).map((k) => `${k} added`),
    ...[...a.keys()].filter((k) => !b.has(k)).map((k) => `${k} removed`),
    ...[...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).map((k) => `${k} changed`),
  ];
  if (!changes.length) return undefined;
  return `fields ${changes.slice(0, 5).join(", ")}${
    changes.length > 5 ? ` and ${changes.length - 5} more` : ""
  }`;
}

/** Every searchable leaf by dotted path, `.keyword` sub-fields included. */
export function leafFields(mapping: IndexMapping): Map<string, LeafField> {
  const leaves = new Map<string, LeafField>();
  const folded = foldedFields(mapping);
  const walk = (properties: Record<string, FieldMapping>, prefix: string) => {
    for (const [name, field] of Object.entries(properties)) {
      const path = prefix + name;
      if (field.type === "object" || field.type === "nested") {
        walk(field.properties, path + ".");
      } else if (field.type === "text") {
        leaves.set(path, {
          type: "text",
          source: path,
          analyzer: field.analyzer,
          ...(prefix === "" && folded.includes(name) ? { fold: true } : {}),
        });
        for (const [name, sub] of Object.entries(field.fields ?? {})) {
          leaves.set(`${path}.${name}`, keywordLeaf(sub, path));
        }
      } else if (field.type === "keyword") {
        leaves.set(path, keywordLeaf(field, path));
      } else {
        leaves.set(path, { type: field.type, source: path });
      }
    }
  };
  walk(mapping.properties, "");
  return leaves;
}

function keywordLeaf(field: KeywordMapping, source: string): LeafField {
  return {
    type: "keyword",
    source,
    ...(field.ignore_above !== undefined ? { ignoreAbove: field.ignore_above } : {}),
    ...(field.normalizer ? { lowercase: true } : {}),
  };
}

/** The top-level text fields of `mapping` whose analyzer passes `test`. */
function topLevelText(mapping: IndexMapping, test: (analyzer: TextAnalyzer) => boolean): string[] {
  return Object.entries(mapping.properties)
    .filter(([, field]) => field.type === "text" && test(field.analyzer))
    .map(([name]) => name);
}

const htmlFieldsOf = new WeakMap<IndexMapping, readonly string[]>();

/**
 * Top-level fields whose HTML is stripped before indexing (`html_field_analyzer` and the content
 * API's); computed once per mapping, as every indexed document asks.
 */
export function htmlFields(mapping: IndexMapping): readonly string[] {
  let fields = htmlFieldsOf.get(mapping);
  if (!fields) {
    fields = Object.freeze(topLevelText(mapping, (analyzer) => analyzer !== "standard"));
    htmlFieldsOf.set(mapping, fields);
  }
  return fields;
}

/**
 * Top-level fields whose words are ASCII-folded (`html_field_analyzer`; top-level only, as HTML
 * stripping): the one rule both engines follow (the embedded index's `LeafField.fold`,
 * Elasticsearch's folded index copy and `_exact` fields).
 */
export function foldedFields(mapping: IndexMapping): string[] {
  return topLevelText(mapping, foldsAccents);
}

/** The dotted paths of the full-text fields, in a stable order. */
export function textFields(mapping: IndexMapping): string[] {
  return [...leafFields(mapping)].filter(([, leaf]) => leaf.type === "text").map(([p]) => p);
}

function objectProperties(
  schema: Schema,
  prefix: string,
  hints: SearchFields,
): Record<string, FieldMapping> | undefined {
  const props = schema.properties;
  if (!props || typeof props !== "object") return undefined;
  const out: Record<string, FieldMapping> = {};
  for (const [name, child] of Object.entries(props as Record<string, Schema>)) {
    const field = fieldMapping(child, prefix + name, hints);
    if (field) out[name] = field;
  }
  return out;
}

function fieldMapping(schema: Schema, path: string, hints: SearchFields): FieldMapping | undefined {
  const hint = hints[path];
  if (hint === "none") return undefined;
  const resolved = resolve(schema);
  if (!resolved) return undefined;
  switch (resolved.type) {
    case "object": {
      const properties = objectProperties(resolved, path + ".", hints);
      if (!properties) return undefined;
      return hint === "nested"
        ? { type: "nested", include_in_parent: true, properties }
        : { type: "object", properties };
    }
    case "array":
      return resolved.items && typeof resolved.items === "object"
        ? fieldMapping(resolved.items as Schema, path, hints)
        : undefined;
    case "string":
      if (resolved.format === "date-time" || resolved.format === "date") return { type: "date" };
      return hint === "text" || hint === "html" || hint === "html_unfolded" || hint === "phrase"
        ? textMapping(hint)
        : { type: "keyword", ignore_above: KEYWORD_LIMIT };
    case "integer":
      return { type: "long" };
    case "number":
      return { type: "double" };
    case "boolean":
      return { type: "boolean" };
    default:
      return undefined;
  }
}

const ANALYZERS = {
  text: "standard",
  html: "html_field_analyzer",
  html_unfolded: "contentapi_html_field_analyzer",
  phrase: "html_field_analyzer",
} as const;

function textMapping(hint: keyof typeof ANALYZERS): FieldMapping {
  const fields: Record<string, KeywordMapping> = {
    keyword: { type: "keyword", ignore_above: KEYWORD_SUBFIELD_LIMIT },
  };
  if (hint === "phrase") {
    fields.phrase = {
      type: "keyword",
      ignore_above: KEYWORD_SUBFIELD_LIMIT,
      normalizer: LOWERCASE_NORMALIZER,
    };
  }
  return { type: "text", analyzer: ANALYZERS[hint], fields };
}

/** Reduces unions with null, `type` arrays, `const` and `enum` to one schema with one `type`. */
function resolve(schema: Schema): Schema | undefined {
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (Array.isArray(union)) {
    // A `Date` member (TypeBox's, a stored date beside its wire form) adds no type of its own.
    const members = union.map(resolve).filter((s): s is Schema =>
      !!s && s.type !== "null" && s.type !== "Date"
    );
    const types = new Set(members.map((s) => s.type));
    return types.size === 1 ? members[0] : undefined;
  }
  if (Array.isArray(schema.type)) {
    const types = (schema.type as string[]).filter((t) => t !== "null");
    return types.length === 1 ? { ...schema, type: types[0] } : undefined;
  }
  if (schema.type) return schema;
  if (typeof schema.const === "string") return { type: "string" };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) {
    return { type: "string" };
  }
  return undefined;
}
