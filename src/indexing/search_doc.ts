/**
 * Conversions between stored documents and their search-index copies: what is indexed (the
 * stored document minus hidden fields, `_etag` included) and how a hit becomes a document again
 * (its ISO date strings revived to `Date` for the service layer, or written straight in RFC 1123
 * when the hit goes to the wire as is).
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import {
  coerceDates,
  documentValidator,
  mapDatePaths,
} from "../resources/schema/validate_document.ts";
import type { SearchDoc } from "../search/search_index.ts";
import type { Doc } from "../storage/document_store.ts";
import { isoToWire } from "../wire_date.ts";

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
  return { ...copy, _id: String(doc._id) } as SearchDoc;
}

/** A hit's `_source` as a document, dates revived (mutates and returns `source`). */
export function fromSearchSource(definition: ResourceDefinition, source: Doc): Doc {
  coerceDates(source, searchDatePaths(definition));
  return source;
}

/** A hit's `_source` ready for the wire, dates in RFC 1123 (mutates and returns `source`). */
export function wireDocFromSearchSource(definition: ResourceDefinition, source: Doc): Doc {
  mapDatePaths(source, searchDatePaths(definition), isoAtPathToWire);
  return source;
}

function isoAtPathToWire(value: unknown): unknown {
  return typeof value === "string" ? isoToWire(value) : value;
}
