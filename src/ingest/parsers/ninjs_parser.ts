/**
 * NINJS (IPTC's JSON news format) into Superdesk items, with Superdesk's mapping
 * (`superdesk/io/feed_parsers/ninjs.py`): direct copies of the text fields, `source` as
 * `original_source`, `service` as `anpa_category`, `{code, name}` lists as `{qcode, name}`,
 * renditions kept as references, `located` as the dateline, embedded associations ingested as
 * items of their own. A payload may hold one item, an array, or an API page (`_items`/`items`).
 */
import type { Doc } from "../../storage/document_store.ts";
import { IngestError } from "../ingest_error.ts";
import { decodeText, type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { parseFeedDate } from "./feed_dates.ts";

const COPIED = [
  "usageterms",
  "language",
  "headline",
  "copyrightnotice",
  "urgency",
  "pubstatus",
  "mimetype",
  "copyrightholder",
  "ednote",
  "body_text",
  "body_html",
  "slugline",
  "keywords",
  "extra",
  "byline",
  "description_text",
  "profile",
] as const;

const TYPES = new Set([
  "text",
  "preformatted",
  "audio",
  "video",
  "picture",
  "graphic",
  "composite",
]);

/** The `ninjs` parser. */
export const ninjsParser: FeedParser = {
  name: "ninjs",
  label: "NINJS Feed Parser",
  extensions: [".json"],
  parse(payload): ParseResult {
    let data: unknown;
    try {
      data = JSON.parse(decodeText(payload));
    } catch (error) {
      throw new IngestError(1001, `not JSON: ${(error as Error).message}`, { cause: error });
    }
    return parseEach(ninjsEntries(data), 1001, (entry) => fromNinjs(entry));
  },
};

/** The NINJS objects of a payload. */
function ninjsEntries(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isObject(data)) {
    for (const key of ["_items", "items", "data"]) {
      if (Array.isArray(data[key])) return data[key] as unknown[];
    }
    return [data];
  }
  throw new IngestError(1001, "a NINJS payload is an object or an array of objects");
}

/** One NINJS object into its item, preceded by the items of its associations. */
export function fromNinjs(entry: unknown): Doc[] {
  if (!isObject(entry)) throw new IngestError(1001, "a NINJS item must be an object");
  const guid = stringOr(entry.guid) ?? stringOr(entry.uri);
  if (!guid) throw new IngestError(1001, "a NINJS item has neither guid nor uri");
  const type = stringOr(entry.type) ?? "text";
  if (!TYPES.has(type)) throw new IngestError(1001, `item "${guid}" has unknown type "${type}"`);
  const item: Doc = { guid, type };
  if (entry.uri) item.uri = String(entry.uri);
  for (const field of COPIED) {
    if (entry[field] !== undefined && entry[field] !== null) item[field] = entry[field];
  }
  if (item.urgency !== undefined) item.urgency = integer(item.urgency, "urgency", guid);
  if (entry.version !== undefined) item.version = integer(entry.version, "version", guid);
  if (entry.source) item.original_source = String(entry.source);
  if (entry.priority !== undefined && entry.priority !== null) {
    item.priority = integer(entry.priority, "priority", guid);
  }
  if (entry.genre) item.genre = qcodes(entry.genre);
  if (entry.service) item.anpa_category = qcodes(entry.service);
  if (entry.subject) item.subject = qcodes(entry.subject);
  if (entry.place) item.place = qcodes(entry.place);
  for (const field of ["versioncreated", "firstcreated", "embargoed"] as const) {
    if (typeof entry[field] === "string") item[field] = parseFeedDate(entry[field] as string);
  }
  if (entry.renditions && isObject(entry.renditions)) {
    item.renditions = renditions(entry.renditions);
  }
  if (typeof entry.located === "string") item.dateline = { located: { city: entry.located } };
  if (type === "picture" && entry.body_text) item.alt_text = entry.body_text;
  if (type === "text" && entry.description_text) item.abstract = entry.description_text;
  if (!item.body_html && typeof entry.body_xhtml === "string") item.body_html = entry.body_xhtml;
  if (Array.isArray(entry.authors)) {
    item.authors = entry.authors.filter(isObject).map((author) => ({
      name: String(author.name ?? ""),
      role: String(author.role ?? ""),
    }));
  }
  const embedded: Doc[] = [];
  if (isObject(entry.associations)) {
    item.associations = {};
    for (const [key, associated] of Object.entries(entry.associations)) {
      if (!associated) continue;
      const parsed = fromNinjs(associated);
      embedded.push(...parsed);
      (item.associations as Doc)[key] = { ...parsed[parsed.length - 1] };
    }
  }
  return [...embedded, item];
}

/** NINJS `{code, name}` lists as Superdesk's `{qcode, name}`. */
function qcodes(list: unknown): Doc[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((entry) => {
    const out: Doc = { qcode: String(entry.code ?? entry.qcode ?? ""), name: entry.name ?? null };
    if (entry.scheme) out.scheme = entry.scheme;
    return out;
  });
}

/** Rendition references: href, size, mimetype, point of interest, media id. */
function renditions(input: Record<string, unknown>): Doc {
  const out: Doc = {};
  for (const [name, value] of Object.entries(input)) {
    if (!isObject(value)) continue;
    const rendition: Doc = {};
    if (typeof value.href === "string" && value.href) rendition.href = value.href;
    if (Number.isInteger(value.width) && Number.isInteger(value.height)) {
      rendition.width = value.width;
      rendition.height = value.height;
    }
    if (typeof value.mimetype === "string" && value.mimetype) rendition.mimetype = value.mimetype;
    if (isObject(value.poi) && "x" in value.poi && "y" in value.poi) {
      rendition.poi = { x: value.poi.x, y: value.poi.y };
    }
    if (typeof value.media === "string" && value.media) rendition.media = value.media;
    if (Object.keys(rendition).length) out[name] = rendition;
  }
  return out;
}

function integer(value: unknown, field: string, guid: string): number {
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) {
    throw new IngestError(
      1001,
      `item "${guid}" has a non-integer ${field}: ${JSON.stringify(value)}`,
    );
  }
  return number;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
