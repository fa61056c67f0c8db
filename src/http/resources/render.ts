/**
 * Eve's response bodies: the collection envelope (`_items`, `_links`, `_meta`) with its
 * pagination links, item links, and the write answers (whole documents, as Superdesk sends).
 * Every function takes the public document (hidden fields already removed); the `*Json` ones
 * render documents the store gave as JSON text without decoding them.
 */
import { itemTitle, type ResourceDefinition } from "../../resources/resource_definition.ts";
import type { Doc, JsonDoc } from "../../storage/document_store.ts";
import { flatText } from "../../text/flat_text.ts";
import { toWireJson } from "../wire_json.ts";

interface Link {
  title: string;
  href: string;
}

/** `itemTitle` per definition (every rendered item needs it). */
const titles = new WeakMap<ResourceDefinition, string>();

/** Item `_links.self`: Eve's `<url>/<id>`, or the resource's `itemHref` (Superdesk's form). */
export function selfLink(definition: ResourceDefinition, id: unknown): Link {
  const href = definition.itemHref
    ? definition.itemHref.replace("{_id}", String(id))
    : flatText(definition.url, "/", String(id));
  let title = titles.get(definition);
  if (title === undefined) titles.set(definition, title = itemTitle(definition));
  return { title, href };
}

/**
 * A public document as returned in lists: its fields, `_latest_version` on versioned resources
 * (as Eve adds it), and `_links.self` (none for a document without an `_id` field: an answer
 * computed from a request, e.g. a template applied to an item never stored; an `_id` of null,
 * which Superdesk answers for an item it could not act on, keeps its link as Eve renders it).
 */
export function listItem(definition: ResourceDefinition, doc: Doc): Doc {
  const body: Doc = { ...doc };
  if (definition.versioning) body._latest_version ??= doc._current_version;
  body._links = doc._id === undefined ? {} : { self: selfLink(definition, doc._id) };
  return body;
}

/**
 * `listItem` for a document the store gave as wire JSON text (`Collection.findJson`), as JSON
 * text: the text with `_links` appended (a document that stores `_links` itself goes through
 * `listItem`, which replaces it in place). For resources without versioning.
 */
export function listItemJson(definition: ResourceDefinition, doc: JsonDoc): string {
  if (storesLinks(doc)) {
    return JSON.stringify(listItem(definition, JSON.parse(doc.json)));
  }
  const links = `"_links":{"self":${selfLinkJson(definition, doc.id)}}}`;
  return doc.json === "{}" ? `{${links}` : `${doc.json.slice(0, -1)},${links}`;
}

/**
 * Whether a stored document may hold `_links` itself (then rendered through the object path).
 * Searched without the opening quote: a pattern that opens with `"`, JSON's commonest
 * character, takes several times longer to find (~0.5 µs more for a bench item).
 */
function storesLinks(doc: JsonDoc): boolean {
  return doc.json.includes('_links"');
}

/** The text of `selfLink(definition, id)` before the id's characters, per definition. */
const selfLinkHeads = new WeakMap<ResourceDefinition, string>();

/** `JSON.stringify(selfLink(definition, id))`, its constant part serialised once. */
function selfLinkJson(definition: ResourceDefinition, id: string): string {
  if (definition.itemHref) return JSON.stringify(selfLink(definition, id));
  let head = selfLinkHeads.get(definition);
  if (head === undefined) {
    const link = JSON.stringify(selfLink(definition, ""));
    selfLinkHeads.set(definition, head = link.slice(0, -2));
  }
  return `${head}${JSON.stringify(id).slice(1)}}`;
}

/** A public document as returned by item GET. */
export function itemBody(definition: ResourceDefinition, doc: Doc): Doc {
  const body: Doc = { ...doc };
  if (definition.versioning) body._latest_version ??= doc._current_version;
  body._links = {
    self: selfLink(definition, doc._id),
    ...itemLinks(definition),
  };
  return body;
}

/**
 * A public document as item GET returns it: `itemBody` with `_type`, the collection it was read
 * from, unless the document has one (Superdesk's data layer sets it on every `find_one`; the
 * client tells an archived item from an editable one by it).
 */
export function foundItemBody(definition: ResourceDefinition, doc: Doc): Doc {
  const body = itemBody(definition, doc);
  body._type ??= definition.datasource.source;
  return body;
}

/** `foundItemBody` for a document the store gave as wire JSON text, as `listItemJson` does. */
export function foundItemBodyJson(definition: ResourceDefinition, doc: JsonDoc): string {
  // A `_type` anywhere in the text (nested ones too) takes the object path, which looks only at
  // the top level.
  if (storesLinks(doc) || doc.json.includes('"_type"')) {
    return JSON.stringify(foundItemBody(definition, JSON.parse(doc.json)));
  }
  let tail = foundItemTailJson.get(definition);
  if (tail === undefined) {
    const type = JSON.stringify(definition.datasource.source);
    tail = [`"_type":${type},"_links":{"self":`, JSON.stringify(itemLinks(definition)).slice(1)];
    foundItemTailJson.set(definition, tail);
  }
  const rest = `${tail[0]}${selfLinkJson(definition, doc.id)},${tail[1]}}`;
  return doc.json === "{}" ? `{${rest}` : `${doc.json.slice(0, -1)},${rest}`;
}

/** What `foundItemBodyJson` appends around the self link, serialised once per definition. */
const foundItemTailJson = new WeakMap<ResourceDefinition, [string, string]>();

/** An item's `_links` besides `self`. */
function itemLinks(definition: ResourceDefinition) {
  return {
    parent: { title: "home", href: "/" },
    collection: { title: definition.title, href: definition.url },
  };
}

/**
 * A write answer (Superdesk's `BANDWIDTH_SAVER = False`): the whole public document as a list
 * renders it, with `_status: "OK"`.
 */
export function writeBody(definition: ResourceDefinition, doc: Doc): Doc {
  const body = listItem(definition, doc);
  body._status = "OK";
  return body;
}

/** `writeBody` for a document the store gave as wire JSON text, as `listItemJson` does. */
export function writeBodyJson(definition: ResourceDefinition, doc: JsonDoc): string {
  return `${listItemJson(definition, doc).slice(0, -1)},"_status":"OK"}`;
}

export interface EnvelopeOptions {
  /** The base href (the resource URL, or `url/<id>` for versions). */
  href: string;
  title: string;
  page: number;
  maxResults: number;
  /** Undefined when the count was skipped. */
  total?: number;
  /** The request's query parameters, kept in the links. */
  params: URLSearchParams;
  defaultMaxResults: number;
}

/** `{_items, _links, _meta}` with Eve's link rules (next/last when more, prev when page > 1). */
export function envelope(items: Doc[], options: EnvelopeOptions) {
  return { _items: items, ...pageParts(items.length, options) };
}

/**
 * What `{...envelope(items, options), ...extras}` serialises to, for items already JSON text
 * (`listItemJson`).
 */
export function envelopeJson(items: readonly string[], options: EnvelopeOptions, extras: Doc) {
  const rest = { ...pageParts(items.length, options), ...extras };
  // Extras that replace the items are answered as the object envelope answers them.
  if ("_items" in extras) return toWireJson({ _items: null, ...rest });
  return `{"_items":[${items.join(",")}],${toWireJson(rest).slice(1)}`;
}

/** The envelope's `_links` and `_meta` for a page of `count` items. */
function pageParts(count: number, options: EnvelopeOptions) {
  const { href, title, page, maxResults, total } = options;
  const query = pageQuery(options);
  const link = (targetPage: number) => ({ href: href + query(targetPage) });
  const links: Record<string, Link> = {
    parent: { title: "home", href: "/" },
    self: { title, href: count > 0 ? link(page).href : href },
  };
  const hasNext = total === undefined ? count === maxResults : page * maxResults < total;
  if (hasNext) links.next = { title: "next page", ...link(page + 1) };
  if (hasNext && total !== undefined) {
    links.last = { title: "last page", ...link(Math.ceil(total / maxResults)) };
  }
  if (page > 1) links.prev = { title: "previous page", ...link(page - 1) };
  const meta: Record<string, number> = { page, max_results: maxResults };
  if (total !== undefined) meta.total = total;
  return { _links: links, _meta: meta };
}

/**
 * The query string of each page's link, in Eve's order: max_results (if not default), where,
 * sort, version, page, others. The parts around `page` are serialised once per envelope.
 */
function pageQuery(options: EnvelopeOptions): (page: number) => string {
  if (onlyPaging(options.params)) {
    // The usual list request: no parameter to carry over but the page size.
    const head = options.maxResults !== options.defaultMaxResults
      ? `max_results=${options.maxResults}`
      : "";
    return (page) => {
      if (page > 1) return head === "" ? `?page=${page}` : `?${head}&page=${page}`;
      return head === "" ? "" : `?${head}`;
    };
  }
  const before = new URLSearchParams();
  if (options.maxResults !== options.defaultMaxResults) {
    before.set("max_results", String(options.maxResults));
  }
  for (const name of ["where", "sort", "version"]) {
    const value = options.params.get(name);
    if (value !== null) before.set(name, value);
  }
  const after = new URLSearchParams();
  for (const [name, value] of options.params) {
    if (!["max_results", "where", "sort", "version", "page"].includes(name)) {
      after.append(name, value);
    }
  }
  const head = before.toString();
  const tail = after.toString();
  return (page) => {
    const parts = [head, page > 1 ? `page=${page}` : "", tail].filter((part) => part !== "");
    return parts.length > 0 ? `?${parts.join("&")}` : "";
  };
}

/** Whether `params` has no parameter but `max_results` and `page`. */
function onlyPaging(params: URLSearchParams): boolean {
  for (const name of params.keys()) if (name !== "max_results" && name !== "page") return false;
  return true;
}

/** The cursor-mode envelope: no total (nothing is counted), `next_cursor` while more follow. */
export function cursorEnvelope(
  items: Doc[],
  { href, title, maxResults, nextCursor, params }: {
    href: string;
    title: string;
    maxResults: number;
    nextCursor?: string;
    params: URLSearchParams;
  },
) {
  const links: Record<string, Link> = {
    parent: { title: "home", href: "/" },
    self: { title, href: `${href}?${params}` },
  };
  const meta: Record<string, unknown> = { max_results: maxResults };
  if (nextCursor) {
    const next = new URLSearchParams(params);
    next.set("cursor", nextCursor);
    links.next = { title: "next page", href: `${href}?${next}` };
    meta.next_cursor = nextCursor;
  }
  return { _items: items, _links: links, _meta: meta };
}
