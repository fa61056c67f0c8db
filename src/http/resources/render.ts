/**
 * Eve's response bodies: the collection envelope (`_items`, `_links`, `_meta`) with its
 * pagination links, item links, and the write answers (whole documents, as Superdesk sends).
 * Every function takes the public document (hidden fields already removed).
 */
import { itemTitle, type ResourceDefinition } from "../../resources/resource_definition.ts";
import type { Doc } from "../../storage/document_store.ts";

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
    : `${definition.url}/${id}`;
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

/** A public document as returned by item GET. */
export function itemBody(definition: ResourceDefinition, doc: Doc): Doc {
  const body: Doc = { ...doc };
  if (definition.versioning) body._latest_version ??= doc._current_version;
  body._links = {
    self: selfLink(definition, doc._id),
    parent: { title: "home", href: "/" },
    collection: { title: definition.title, href: definition.url },
  };
  return body;
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
  const { href, title, page, maxResults, total } = options;
  const query = pageQuery(options);
  const link = (targetPage: number) => ({ href: href + query(targetPage) });
  const links: Record<string, Link> = {
    parent: { title: "home", href: "/" },
    self: { title, href: items.length > 0 ? link(page).href : href },
  };
  const hasNext = total === undefined ? items.length === maxResults : page * maxResults < total;
  if (hasNext) links.next = { title: "next page", ...link(page + 1) };
  if (hasNext && total !== undefined) {
    links.last = { title: "last page", ...link(Math.ceil(total / maxResults)) };
  }
  if (page > 1) links.prev = { title: "previous page", ...link(page - 1) };
  const meta: Record<string, number> = { page, max_results: maxResults };
  if (total !== undefined) meta.total = total;
  return { _items: items, _links: links, _meta: meta };
}

/**
 * The query string of each page's link, in Eve's order: max_results (if not default), where,
 * sort, version, page, others. The parts around `page` are serialised once per envelope.
 */
function pageQuery(options: EnvelopeOptions): (page: number) => string {
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
