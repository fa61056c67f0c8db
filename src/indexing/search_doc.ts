/**
 * Conversions between stored documents and their search-index copies: what is indexed (the
 * stored document minus hidden fields, `_etag` included) and how a hit becomes a document again
 * (ISO date strings revived to `Date` at the schema's date paths, so the wire shows RFC 1123).
 */
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { coerceDates, documentValidator } from "../resources/schema/validate_document.ts";
import type { SearchDoc } from "../search/search_index.ts";
import type { Doc } from "../storage/document_store.ts";

/** Meta dates every document carries besides the schema's own. */
const META_DATES = ["_created", "_updated"];

/** The copy of `doc` that goes into the index. */
export function toSearchDoc(definition: ResourceDefinition, doc: Doc): SearchDoc {
  const copy: Doc = { ...doc };
  for (const field of definition.hiddenFields) delete copy[field];
  return { ...copy, _id: String(doc._id) } as SearchDoc;
}

/** A hit's `_source` as a document, dates revived (mutates and returns `source`). */
export function fromSearchSource(definition: ResourceDefinition, source: Doc): Doc {
  coerceDates(source, [...META_DATES, ...documentValidator(definition.schema).datePaths]);
  return source;
}
