/**
 * Conversions between stored documents and their search-index copies: what is indexed (the
 * stored document minus hidden fields, `_etag` included, with the HTML of `html_field_analyzer`
 * fields stripped to text and the originals kept aside under `_html`, unindexed) and how a hit
 * becomes a document again (originals put back, ISO date strings revived to `Date` for the
 * service layer, or written straight in RFC 1123 when the hit goes to the wire as is).
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import {
  coerceDates,
  documentValidator,
  mapDatePaths,
} from "../resources/schema/validate_document.ts";
import { htmlToText, mayBeHtml } from "../search/analysis/html_text.ts";
import { htmlFields } from "../search/mapping.ts";
import { withSourceField } from "../search/search_body.ts";
import type { SearchBody, SearchDoc } from "../search/search_index.ts";
import type { Doc } from "../storage/document_store.ts";
import { isoToWire } from "../wire_date.ts";
import { resourceMapping } from "./resource_mapping.ts";

/** Where an index copy keeps the original values of fields it indexes as stripped text. */
export const HTML_ORIGINALS = "_html";

/** Meta dates every document carries besides the schema's own. */
const META_DATES = ["_created", "_updated"];

const datePathsOf = new WeakMap<ResourceDefinition, string[]>();

/** The meta and schema date paths of `definition`'s documents. */
function searchDatePaths(definition: ResourceDefinition): string[] {
  let paths = datePathsOf.get(definition);
  if (!paths) {
    paths = [...META_DATES, ...documentValidator(definition.schema).datePaths];
    datePathsOf.set(definition, paths);
  }
  return paths;
}

/** The copy of `doc` that goes into the index. */
export function toSearchDoc(definition: ResourceDefinition, doc: Doc): SearchDoc {
  const copy: Doc = { ...doc };
  for (const field of definition.hiddenFields) delete copy[field];
  const originals: Doc = {};
  for (const field of htmlFields(resourceMapping(definition))) {
    const value = copy[field];
    const stripped = Array.isArray(value)
      ? value.map((v) => typeof v === "string" ? htmlToText(v) : v)
      : typeof value === "string"
      ? htmlToText(value)
      : value;
    if (stripped !== value && hasMarkup(value)) {
      originals[field] = value;
      copy[field] = stripped;
    }
  }
  delete copy[HTML_ORIGINALS];
  if (Object.keys(originals).length) copy[HTML_ORIGINALS] = originals;
  return { ...copy, _id: String(doc._id) } as SearchDoc;
}

function hasMarkup(value: unknown): boolean {
  if (typeof value === "string") return mayBeHtml(value);
  return Array.isArray(value) && value.some((v) => typeof v === "string" && mayBeHtml(v));
}

/**
 * `source` with the original values its index copy kept aside put back: `source` itself when
 * there are none, else a copy without `_html` (a copy rather than `delete`, which would make
 * the object a slow dictionary for the rendering and JSON encoding that follow).
 */
function restoreOriginals(source: Doc): Doc {
  if (source[HTML_ORIGINALS] === undefined) return source;
  const { [HTML_ORIGINALS]: originals, ...doc } = source;
  for (const [field, value] of Object.entries(originals as Doc)) {
    if (field in doc) doc[field] = value;
  }
  return doc;
}

/**
 * `body` whose `_source` filter, if it has includes, also returns the kept-aside originals, so
 * a projected field comes back as stored (not as its indexed text).
 */
export function withOriginals(body: SearchBody): SearchBody {
  return withSourceField(body, HTML_ORIGINALS);
}

/** A hit's `_source` as a document, dates revived (may reuse and change `source`). */
export function fromSearchSource(definition: ResourceDefinition, source: Doc): Doc {
  const doc = restoreOriginals(source);
  coerceDates(doc, searchDatePaths(definition));
  return doc;
}

/** A hit's `_source` ready for the wire, dates in RFC 1123 (may reuse and change `source`). */
export function wireDocFromSearchSource(definition: ResourceDefinition, source: Doc): Doc {
  const doc = restoreOriginals(source);
  const { fields, nested } = splitDatePaths(definition);
  // A top-level date is read and written in place, without the path walk (every hit has
  // `_created` and `_updated`: three or more per hit, on every search answer).
  for (const field of fields) {
    const value = doc[field];
    if (typeof value === "string") doc[field] = isoToWire(value);
  }
  if (nested.length) mapDatePaths(doc, nested, isoAtPathToWire);
  return doc;
}

/** A resource's search date paths: top-level fields, and the paths below them. */
interface SplitDatePaths {
  fields: readonly string[];
  nested: readonly string[];
}

const splitDatePathsOf = new WeakMap<ResourceDefinition, SplitDatePaths>();

function splitDatePaths(definition: ResourceDefinition): SplitDatePaths {
  let split = splitDatePathsOf.get(definition);
  if (!split) {
    const paths = searchDatePaths(definition);
    const isField = (path: string) => !path.includes(".") && !path.endsWith("[]");
    split = { fields: paths.filter(isField), nested: paths.filter((path) => !isField(path)) };
    splitDatePathsOf.set(definition, split);
  }
  return split;
}

function isoAtPathToWire(value: unknown): unknown {
  return typeof value === "string" ? isoToWire(value) : value;
}
