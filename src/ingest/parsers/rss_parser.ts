/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds into Superdesk items, with the mapping of
 * Superdesk's RSS feeding service (`superdesk/io/feeding_services/rss.py`): guid, link as `uri`,
 * published/updated dates, title as headline, summary as abstract, the full content
 * (`content:encoded`, Atom `content`) as `body_html` preceded by a link to the original, author
 * as byline, a dateline with the provider's source. An entry that references images becomes
 * picture items plus a package grouping them with the text. `config.field_aliases`
 * (`[{"summary": "teaser"}]`) reads a field from another element. Each entry is parsed on its
 * own: a bad one is reported and the others are kept.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  attr,
  childElement,
  childElements,
  innerHtml,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import { IngestError } from "../ingest_error.ts";
import { type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { xmlRoot } from "./xml_payload.ts";
import { parseFeedDate } from "./feed_dates.ts";
import { storyPackage } from "./story_package.ts";

const IMAGE_TYPES = new Set(["image/gif", "image/jpeg", "image/png", "image/tiff"]);
const IMAGE_SUFFIX = /\.(gif|jpe?g|png|tiff?)(\?.*)?$/i;

/** Where each logical field is read from, RSS first then Atom. */
const DEFAULT_ELEMENTS: Record<string, string[]> = {
  guid: ["guid", "id"],
  title: ["title"],
  summary: ["description", "summary"],
  body_text: ["encoded", "content"],
  published_parsed: ["pubDate", "published", "issued", "date"],
  updated_parsed: ["updated", "modified"],
};

/** The `rss` parser (RSS and Atom). */
export const rssParser: FeedParser = {
  name: "rss",
  label: "RSS/Atom",
  extensions: [".xml", ".rss", ".atom"],
  parse(payload, context): ParseResult {
    const root = xmlRoot(payload, 1001);
    const entries = feedEntries(root);
    const aliases = fieldAliases(context.config?.field_aliases);
    const now = context.now ?? new Date();
    return parseEach(
      entries,
      1001,
      (entry) => rssItems(entry, { aliases, source: context.source, now }),
    );
  },
};

/** The entries of an RSS 2.0, RSS 1.0 or Atom document. */
function feedEntries(root: XmlElement): XmlElement[] {
  if (root.local === "rss") return childElements(childElement(root, "channel"), "item");
  if (root.local === "RDF") return childElements(root, "item");
  if (root.local === "feed") return childElements(root, "entry");
  throw new IngestError(1001, `<${root.name}> is not an RSS or Atom feed`);
}

/** `[{summary: "teaser"}, ...]` merged into one map. */
function fieldAliases(value: unknown): Record<string, string> {
  const aliases: Record<string, string> = {};
  if (!Array.isArray(value)) return aliases;
  for (const entry of value) {
    if (entry && typeof entry === "object") Object.assign(aliases, entry);
  }
  return aliases;
}

interface EntryOptions {
  aliases: Record<string, string>;
  source?: string;
  now: Date;
}

/** One entry: its text item, plus picture items and a package when it references images. */
function rssItems(entry: XmlElement, { aliases, source, now }: EntryOptions): Doc[] {
  const read = (field: string) => {
    const names = aliases[field] ? [aliases[field]!] : DEFAULT_ELEMENTS[field]!;
    for (const name of names) {
      const element = childElement(entry, name);
      if (element) return element;
    }
    return undefined;
  };
  const link = entryLink(entry);
  const guid = trimmedText(read("guid")) ?? link;
  if (!guid) throw new Error("an entry has neither guid nor link");
  const item: Doc = { type: "text", guid, uri: guid };
  const headline = trimmedText(read("title"));
  if (headline) item.headline = headline;
  const summary = read("summary");
  if (summary) item.abstract = markup(summary);
  const published = trimmedText(read("published_parsed"));
  const updated = trimmedText(read("updated_parsed"));
  if (published) item.firstcreated = notAfter(parseFeedDate(published), now);
  if (updated) item.versioncreated = notAfter(parseFeedDate(updated), now);
  item.versioncreated ??= item.firstcreated;
  const content = read("body_text");
  let body = content ? markup(content) : "";
  const author = childElement(entry, "author") ?? childElement(entry, "creator");
  if (author) item.byline = trimmedText(childElement(author, "name")) ?? trimmedText(author);
  const permalink = attr(childElement(entry, "guid"), "isPermaLink");
  if (link && permalink !== "true") item.uri = link;
  if (item.uri !== guid || link) {
    body = `<p><a href="${escapeAttr(String(item.uri))}" target="_blank">${
      source ?? ""
    }</a></p>${body}`;
  }
  item.body_html = body;
  item.dateline = {
    source: source ?? null,
    date: item.firstcreated ?? item.versioncreated ?? null,
  };
  const images = imageLinks(entry);
  if (images.length === 0) return [item];
  const pictures = images.map((href): Doc => ({
    guid: href,
    type: "picture",
    firstcreated: item.firstcreated,
    versioncreated: item.versioncreated,
    renditions: { baseImage: { href } },
  }));
  return [...pictures, item, storyPackage(`${guid}:pkg`, item, [guid, ...images])];
}

/** The entry's link: RSS `<link>text</link>` or Atom `<link rel="alternate" href>`. */
function entryLink(entry: XmlElement): string | undefined {
  for (const link of childElements(entry, "link")) {
    const href = attr(link, "href");
    if (href && (attr(link, "rel") ?? "alternate") === "alternate") return href;
    const text = trimmedText(link);
    if (text && !href) return text;
  }
  return undefined;
}

/** Image URLs from enclosures, `media:thumbnail` and `media:content`, without duplicates. */
function imageLinks(entry: XmlElement): string[] {
  const found = new Set<string>();
  for (const element of childElements(entry)) {
    const type = attr(element, "type");
    const url = attr(element, "url") ??
      (element.local === "link" ? attr(element, "href") : undefined);
    if (!url) continue;
    if (
      (element.local === "enclosure" || element.local === "link") && type && IMAGE_TYPES.has(type)
    ) {
      found.add(url);
    } else if (element.local === "thumbnail" && IMAGE_SUFFIX.test(url)) found.add(url);
    else if (element.local === "content" && type && IMAGE_TYPES.has(type)) found.add(url);
  }
  return [...found];
}

/** An element's content as HTML: escaped HTML text (RSS) or inline XHTML (Atom). */
function markup(element: XmlElement): string {
  if (attr(element, "type") === "xhtml") {
    const div = childElement(element, "div");
    return (div ? innerHtml(div) : innerHtml(element)).trim();
  }
  return textOf(element).trim();
}

function notAfter(date: Date, now: Date): Date {
  return date > now ? now : date;
}

function escapeAttr(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}
