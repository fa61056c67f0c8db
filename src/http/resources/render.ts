/**
 * Eve's response bodies: the collection envelope (`_items`, `_links`, `_meta`) with its
 * pagination links, item links, and the bandwidth-saving write responses.
 */
import { itemTitle, type ResourceDefinition } from "../../resources/resource_definition.ts";
import type { Doc } from "../../storage/document_store.ts";

interface Link {
  title: string;
  href: string;
}

/** Item `_links.self`. */
export function selfLink(definition: ResourceDefinition, id: unknown): Link {
  return { title: itemTitle(definition), href: `${definition.url}/${id}` };
}

/** A document as returned in lists: its fields plus `_links.self`. */
export function listItem(definition: ResourceDefinition, doc: Doc): Doc {
  return { ...doc, _links: { self: selfLink(definition, doc._id) } };
}

/** A document as returned by item GET. */
export function itemBody(definition: ResourceDefinition, doc: Doc): Doc {
  return {
    ...doc,
    _links: {
      self: selfLink(definition, doc._id),
      parent: { title: "home", href: "/" },
      collection: { title: definition.title, href: definition.url },
    },
  };
}

/** The write response under Eve's bandwidth saver: meta fields, self link, `_status: OK`. */
export function writeBody(definition: ResourceDefinition, doc: Doc): Doc {
  const body: Doc = {
    _id: doc._id,
    _updated: doc._updated,
    _created: doc._created,
    _etag: doc._etag,
  };
  if (definition.versioning) {
    body._current_version = doc._current_version;
    body._latest_version = doc._current_version;
  }
  if (definition.softDelete) body._deleted = doc._deleted;
  body._links = { self: selfLink(definition, doc._id) };
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
  const link = (targetPage: number) => ({ href: href + queryString(options, targetPage) });
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

/** Eve's link query order: max_results (if not default), where, sort, version, page, others. */
function queryString(options: EnvelopeOptions, page: number): string {
  const out = new URLSearchParams();
  if (options.maxResults !== options.defaultMaxResults) {
    out.set("max_results", String(options.maxResults));
  }
  for (const name of ["where", "sort", "version"]) {
    const value = options.params.get(name);
    if (value !== null) out.set(name, value);
  }
  if (page > 1) out.set("page", String(page));
  for (const [name, value] of options.params) {
    if (!["max_results", "where", "sort", "version", "page"].includes(name)) {
      out.append(name, value);
    }
  }
  const text = out.toString();
  return text ? `?${text}` : "";
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
