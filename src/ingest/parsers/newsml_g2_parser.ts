/**
 * NewsML G2 (`newsMessage`, `newsItem`, `packageItem`) into Superdesk items, with Superdesk's
 * mapping (`superdesk/io/feed_parsers/newsml_2_0.py`): item class as type, itemMeta dates,
 * status, editorial note, signals and embargo; contentMeta urgency, slugline, headline, byline,
 * description, language, subjects (`subj:` codes), places (`cptType:5`), source, genres and
 * creators; rights; a package's groups and references; inline XHTML (or NITF) as `body_html`;
 * remote content as renditions. Each item of a message is parsed on its own, so one bad item is
 * reported and the others are kept. The item's `guid` is the agency guid and its version goes to
 * `version`, so a later version replaces the earlier one in ingest. Variants (STT's) read an item
 * through `newsmlItem` with their own dates, subjects and body.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  allAt,
  at,
  attr,
  childElement,
  childElements,
  descendants,
  innerHtml,
  outerHtml,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import { IngestError } from "../ingest_error.ts";
import { type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { xmlRoot } from "./xml_payload.ts";
import { optionalDate } from "./feed_dates.ts";
import { isSubjectCode, subjectName } from "./iptc_subjects.ts";
import { mapPriority } from "./priority.ts";
import { wholeNumber } from "./whole_number.ts";

const ITEM_ROOTS = new Set(["newsItem", "packageItem"]);

/** Superdesk's priority of items whose message header gives none (`parse_header`). */
const HEADER_PRIORITY = 5;

/** A parser registered as `name` that reads NewsML G2 messages and items as `variant` says. */
export function newsmlG2ParserFor(
  name: string,
  label: string,
  variant: NewsmlVariant,
): FeedParser {
  return {
    name,
    label,
    extensions: [".xml"],
    parse(payload): ParseResult {
      const root = newsmlRoot(payload);
      const given = at(root, "header/priority");
      const priority = given === undefined ? HEADER_PRIORITY : mapPriority(trimmedText(given));
      if (root.local === "newsMessage") {
        const entries = allAt(root, "itemSet").flatMap((set) => childElements(set));
        return parseEach(entries, 1005, (entry) => ({ ...newsmlItem(entry, variant), priority }));
      }
      if (ITEM_ROOTS.has(root.local)) {
        return parseEach([root], 1005, (entry) => ({ priority, ...newsmlItem(entry, variant) }));
      }
      throw new IngestError(1005, `<${root.name}> is not a NewsML G2 message or item`);
    },
  };
}

/** The `newsml2` parser. */
export const newsmlG2Parser: FeedParser = newsmlG2ParserFor("newsml2", "News ML 2.0 Parser", {});

/** The root element of a NewsML G2 payload; malformed XML is a 1005 ingest error. */
export function newsmlRoot(payload: Uint8Array): XmlElement {
  return xmlRoot(payload, 1005);
}

/**
 * Where a NewsML G2 variant reads differently (Superdesk's parser subclasses override these):
 * its dates, its subjects and its inline XHTML body.
 */
export interface NewsmlVariant {
  /** A date of the item (`datetime`); the ISO forms of `feed_dates.ts` by default. */
  date?: (text: string | undefined) => Date | undefined;
  /** The subjects of `contentMeta` (`parse_content_subject`); `subj:` IPTC codes by default. */
  subjects?: (meta: XmlElement) => Doc[];
  /** The body of an `inlineXML` that is not NITF (`parse_inline_content`), set on `item`. */
  inlineBody?: (content: XmlElement, item: Doc) => void;
  /** The last word on the item, with its tree (fields the agency adds). */
  finish?: (tree: XmlElement, item: Doc) => void;
}

/** One `newsItem` or `packageItem`, read as `variant` says (plain NewsML G2 by default). */
export function newsmlItem(tree: XmlElement, variant: NewsmlVariant = {}): Doc {
  if (!ITEM_ROOTS.has(tree.local)) throw new Error(`<${tree.name}> is not a NewsML G2 item`);
  const guid = attr(tree, "guid");
  if (!guid) throw new Error(`<${tree.name}> has no guid`);
  const version = wholeNumber(attr(tree, "version") ?? "1");
  if (version === undefined || version < 0) {
    throw new Error(`item "${guid}" has a bad version "${attr(tree, "version")}"`);
  }
  const item: Doc = { guid, uri: guid, version };
  const date = variant.date ?? optionalDate;
  itemMeta(childElement(tree, "itemMeta"), item, date);
  contentMeta(childElement(tree, "contentMeta"), item, { ...variant, date });
  const usage = trimmedText(at(tree, "rightsInfo/usageTerms"));
  if (usage) item.usageterms = usage;
  if (item.type === "composite") item.groups = groups(childElement(tree, "groupSet"));
  else contentSet(childElement(tree, "contentSet"), item, variant);
  variant.finish?.(tree, item);
  return item;
}

type ReadDate = (text: string | undefined) => Date | undefined;

function itemMeta(meta: XmlElement | undefined, item: Doc, date: ReadDate) {
  if (!meta) throw new Error(`item "${item.guid}" has no itemMeta`);
  const itemClass = attr(childElement(meta, "itemClass"), "qcode");
  if (!itemClass) throw new Error(`item "${item.guid}" has no itemClass`);
  const type = (itemClass.includes(":") ? itemClass.split(":")[1]! : itemClass).toLowerCase();
  item.type = type === "package" ? "composite" : type;
  item.versioncreated = date(trimmedText(childElement(meta, "versionCreated")));
  item.firstcreated = date(trimmedText(childElement(meta, "firstCreated")));
  const status = attr(childElement(meta, "pubStatus"), "qcode");
  item.pubstatus = status ? status.split(":").pop()!.toLowerCase() : "usable";
  item.ednote = trimmedText(childElement(meta, "edNote")) ?? "";
  const embargoed = trimmedText(childElement(meta, "embargoed"));
  if (embargoed) item.embargoed = date(embargoed);
  const signals = childElements(meta, "signal").filter((signal) => attr(signal, "qcode"));
  if (signals.length) {
    item.signal = signals.map((signal) => ({
      name: trimmedText(signal) ?? attr(signal, "literal") ?? attr(signal, "qcode"),
      qcode: attr(signal, "qcode"),
    }));
  }
  for (const key of ["versioncreated", "firstcreated"]) if (!item[key]) delete item[key];
}

function contentMeta(
  meta: XmlElement | undefined,
  item: Doc,
  variant: NewsmlVariant & { date: ReadDate },
) {
  if (!meta) throw new Error(`item "${item.guid}" has no contentMeta`);
  const urgency = trimmedText(childElement(meta, "urgency"));
  if (urgency !== undefined) {
    item.urgency = wholeNumber(urgency);
    if (item.urgency === undefined) {
      throw new Error(`item "${item.guid}" urgency "${urgency}"`);
    }
  }
  item.slugline = trimmedText(childElement(meta, "slugline")) ?? "";
  item.headline = trimmedText(childElement(meta, "headline")) ?? "";
  const byline = trimmedText(childElement(meta, "by"));
  if (byline) item.byline = byline;
  const description = trimmedText(childElement(meta, "description"));
  if (description && item.type !== "text" && item.type !== "composite") {
    item.description_text = description;
  }
  const language = attr(childElement(meta, "language"), "tag");
  if (language) item.language = language;
  item.subject = (variant.subjects ?? subjects)(meta);
  const places = childElements(meta, "subject").filter((s) => attr(s, "type") === "cptType:5");
  for (const place of places) {
    const broader = childElement(place, "broader");
    item.place = [{ name: nameOf(place) }, ...(broader ? [{ name: nameOf(broader) }] : [])];
  }
  const source = childElements(meta, "infoSource").find((s) => attr(s, "role") === "cRole:source");
  if (source) item.original_source = attr(source, "literal");
  item.genre = childElements(meta, "genre").flatMap((genre) =>
    childElements(genre, "name")
      .filter((name) => (attr(name, "lang") ?? "en").startsWith("en"))
      .map((name) => ({ name: textOf(name).trim(), qcode: attr(genre, "qcode") ?? null }))
  );
  item.authors = childElements(meta, "creator")
    .filter((creator) => childElement(creator, "name"))
    .map((creator) => ({
      uri: attr(creator, "uri") ?? null,
      name: textOf(childElement(creator, "name")).trim(),
    }));
  item.firstcreated ??= variant.date(trimmedText(childElement(meta, "contentCreated")));
  item.versioncreated ??= variant.date(trimmedText(childElement(meta, "contentModified")));
  for (const key of ["versioncreated", "firstcreated"]) if (!item[key]) delete item[key];
}

/** `subj:` subjects; the name from the feed, else the IPTC name, else skipped. */
function subjects(meta: XmlElement): Doc[] {
  const found: Doc[] = [];
  for (const subject of childElements(meta, "subject")) {
    const [prefix, code] = (attr(subject, "qcode") ?? "").split(":");
    if (prefix !== "subj" || !code || !isSubjectCode(code)) continue;
    const name = trimmedText(childElement(subject, "name")) ?? subjectName(code);
    if (name && !found.some((s) => s.qcode === code)) found.push({ qcode: code, name });
  }
  return found;
}

function groups(groupSet: XmlElement | undefined): Doc[] {
  return childElements(groupSet, "group").map((group) => ({
    id: attr(group, "id") ?? "",
    role: attr(group, "role") ?? "",
    refs: childElements(group).flatMap((ref): Doc[] => {
      if (ref.local === "groupRef") return [{ idRef: attr(ref, "idref") ?? "" }];
      if (ref.local !== "itemRef") return [];
      const out: Doc = { residRef: attr(ref, "residref") ?? "" };
      const version = attr(ref, "version");
      if (version) out.version = version;
      const contentType = attr(ref, "contenttype");
      if (contentType) out.contentType = contentType;
      const itemClass = attr(childElement(ref, "itemClass"), "qcode");
      if (itemClass) out.itemClass = itemClass;
      const headline = trimmedText(childElement(ref, "headline"));
      if (headline) out.headline = headline;
      return [out];
    }),
  }));
}

function contentSet(set: XmlElement | undefined, item: Doc, variant: NewsmlVariant) {
  const renditions: Doc = {};
  for (const content of childElements(set)) {
    if (content.local === "inlineXML") {
      const count = wholeNumber(attr(content, "wordcount"));
      if (count !== undefined && count >= 0) item.word_count = count;
      if (variant.inlineBody && !descendants(content, "body.content")[0]) {
        variant.inlineBody(content, item);
      } else item.body_html = inlineXml(content);
    } else if (content.local === "inlineData") {
      item.body_html = textOf(content);
      const count = wholeNumber(attr(content, "wordcount"));
      if (count !== undefined && count >= 0) item.word_count = count;
    } else if (content.local === "remoteContent") {
      const name = (attr(content, "rendition") ?? "original").split(":").pop()!;
      const rendition: Doc = {
        residRef: attr(content, "residref") ?? null,
        sizeinbytes: Number(attr(content, "size") ?? 0) || 0,
        mimetype: attr(content, "contenttype") ?? null,
        href: attr(content, "href") ?? null,
      };
      const width = Number(attr(content, "width"));
      const height = Number(attr(content, "height"));
      if (Number.isInteger(width) && Number.isInteger(height)) {
        Object.assign(rendition, { width, height });
      }
      renditions[name] = rendition;
    }
  }
  if (Object.keys(renditions).length) item.renditions = renditions;
}

/** The HTML of an inline XHTML body, or of an embedded NITF body's blocks. */
export function inlineXml(content: XmlElement): string {
  const nitf = descendants(content, "body.content")[0];
  if (nitf) {
    const blocks = childElements(nitf, "block");
    return (blocks.length ? blocks.flatMap((block) => childElements(block)) : childElements(nitf))
      .map(outerHtml).join("\n");
  }
  const body = descendants(content, "body")[0];
  return body ? innerHtml(body).trim() : innerHtml(content).trim();
}

function nameOf(element: XmlElement): string {
  return trimmedText(childElement(element, "name")) ?? attr(element, "literal") ?? "";
}
