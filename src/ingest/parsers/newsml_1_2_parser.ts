/**
 * NewsML 1.2 into Superdesk text items, with Superdesk's mapping
 * (`superdesk/io/feed_parsers/newsml_1_2.py`): the envelope's transmission id as
 * `ingest_provider_sequence` and its priority; each `NewsItem`'s identifier (the agency guid,
 * with the revision in `version`), management (urgency, first and revision dates, status), news
 * lines (headline, slugline, byline, dateline text), the source party, language, keywords,
 * IPTC subjects, genres, usage terms, the word count of its characteristics and the NITF
 * `body.content` as `body_html`. Every `NewsItem` of a document is an item and one that cannot be
 * read is a 1004 problem while the others are kept; a document without one is a 1004 error, as
 * in Superdesk. Numbers (revision, urgency, words) are whole decimal numbers in the range every
 * store indexes exactly. Variants (AFP's) change which documents they take and where the body is.
 */
import type { Doc } from "../../storage/document_store.ts";
import { wordCount } from "../../text/html_text.ts";
import {
  allAt,
  at,
  attr,
  childElement,
  childElements,
  firstAt,
  innerHtml,
  trimmedText,
} from "../../xml/xml_query.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import { IngestError } from "../ingest_error.ts";
import { type FeedParser, type ParseContext, parseEach, type ParseResult } from "./feed_parser.ts";
import { xmlRoot } from "./xml_payload.ts";
import { parseFeedDate } from "./feed_dates.ts";
import { isSubjectCode, subjectName } from "./iptc_subjects.ts";
import { mapPriority } from "./priority.ts";
import { wholeNumber } from "./whole_number.ts";

/** Superdesk's code for a NewsML 1.2 document or item that cannot be read. */
const NEWSML1_ERROR = 1004;

/** Where a NewsML 1.2 variant differs (Superdesk's subclasses override these). */
export interface NewsmlOneVariant {
  name: string;
  label: string;
  /** Whether the variant reads a document with this root (`can_parse`). */
  accepts: (root: XmlElement) => boolean;
  /** The element whose content is the body of `newsItem` (`parse_content`). */
  bodyOf: (newsItem: XmlElement) => XmlElement | undefined;
  /** Changes the variant makes to the item read from `newsItem` (ANA's body, dateline...). */
  finish?: (item: Doc, newsItem: XmlElement, context: ParseContext) => void;
}

/** A parser of NewsML 1.2 documents read as `variant` says. */
export function newsmlOneParser(variant: NewsmlOneVariant): FeedParser {
  return {
    name: variant.name,
    label: variant.label,
    extensions: [".xml"],
    parse(payload, context): ParseResult {
      const root = documentRoot(payload);
      if (!variant.accepts(root)) {
        throw new IngestError(NEWSML1_ERROR, `<${root.name}> is not a ${variant.label} document`);
      }
      const newsItems = childElements(root, "NewsItem");
      if (newsItems.length === 0) {
        throw new IngestError(NEWSML1_ERROR, "the document has no NewsItem");
      }
      const envelope = envelopeFields(childElement(root, "NewsEnvelope"));
      return parseEach(newsItems, NEWSML1_ERROR, (newsItem) => {
        const item = { ...envelope, ...newsItemFields(newsItem, variant) };
        variant.finish?.(item, newsItem, context);
        return item;
      });
    },
  };
}

/** The `newsml12` parser: `<NewsML Version="1.2">` with an NITF body. */
export const newsml12Parser: FeedParser = newsmlOneParser({
  name: "newsml12",
  label: "News ML 1.2 Parser",
  accepts: isNewsml12,
  bodyOf: nitfBodyContent,
});

/** Whether `root` is a NewsML 1.2 document (`<NewsML Version="1.2">`). */
export function isNewsml12(root: XmlElement): boolean {
  return root.local === "NewsML" && attr(root, "Version") === "1.2";
}

/** The NITF `body.content` of a NewsML 1.2 item's first content item that has one. */
export function nitfBodyContent(newsItem: XmlElement): XmlElement | undefined {
  return firstAt(newsItem, "NewsComponent/ContentItem/DataContent/nitf/body/body.content");
}

function documentRoot(payload: Uint8Array): XmlElement {
  return xmlRoot(payload, NEWSML1_ERROR);
}

/** What the envelope gives every item: the transmission id and the priority. */
function envelopeFields(envelope: XmlElement | undefined): Doc {
  const fields: Doc = {};
  const sequence = trimmedText(childElement(envelope, "TransmissionId"));
  if (sequence) fields.ingest_provider_sequence = sequence;
  // NewsML 1.2 gives the priority as FormalName; some feeds write it as text.
  const priority = childElement(envelope, "Priority");
  fields.priority = mapPriority(attr(priority, "FormalName") ?? trimmedText(priority));
  return fields;
}

function newsItemFields(newsItem: XmlElement, variant: NewsmlOneVariant): Doc {
  const item: Doc = { type: "text", ...identifiers(newsItem), ...management(newsItem) };
  const component = childElement(newsItem, "NewsComponent");
  const lines = childElement(component, "NewsLines");
  item.headline = trimmedText(childElement(lines, "HeadLine")) ?? "";
  item.slugline = trimmedText(childElement(lines, "SlugLine")) ?? "";
  item.byline = trimmedText(childElement(lines, "ByLine")) ?? "";
  const dateline = trimmedText(childElement(lines, "DateLine"));
  if (dateline) item.dateline = { text: dateline };
  const source = attr(at(component, "AdministrativeMetadata/Source/Party"), "FormalName");
  if (source) item.original_source = source;
  const usage = trimmedText(at(component, "RightsMetadata/UsageRights/UsageType"));
  if (usage) item.usageterms = usage;
  Object.assign(item, descriptive(childElement(component, "DescriptiveMetadata")));
  const body = variant.bodyOf(newsItem);
  if (!body) throw new Error(`item "${item.guid}" has no body content`);
  item.body_html = innerHtml(body).trim();
  item.format = "HTML";
  const characteristics = childElements(component, "ContentItem")
    .flatMap((content) => allAt(content, "Characteristics/Property"));
  const words = wholeNumber(propertyValues(characteristics, "Words")[0]);
  item.word_count = words !== undefined && words >= 0 ? words : wordCount(item.body_html);
  return item;
}

/**
 * The agency guid (`urn:newsml:` provider, date and item id, the public identifier without its
 * revision) and the revision as `version`, so a later revision replaces the earlier one.
 */
function identifiers(newsItem: XmlElement): Doc {
  const identifier = at(newsItem, "Identification/NewsIdentifier");
  const part = (name: string) => trimmedText(childElement(identifier, name));
  const publicId = part("PublicIdentifier");
  if (!publicId) throw new Error("the NewsItem has no PublicIdentifier");
  const revision = part("RevisionId");
  const version = wholeNumber(revision);
  if (version === undefined || version < 0) {
    throw new Error(`"${publicId}" has a bad RevisionId "${revision ?? ""}"`);
  }
  const [provider, date, id] = [part("ProviderId"), part("DateId"), part("NewsItemId")];
  const guid = provider && date && id ? `urn:newsml:${provider}:${date}:${id}` : publicId;
  return { guid, uri: publicId, version };
}

/** Urgency, the first and this revision's dates, and the status. */
function management(newsItem: XmlElement): Doc {
  const meta = childElement(newsItem, "NewsManagement");
  const fields: Doc = {};
  const urgency = attr(childElement(meta, "Urgency"), "FormalName");
  if (urgency !== undefined) {
    fields.urgency = wholeNumber(urgency);
    if (fields.urgency === undefined) throw new Error(`bad Urgency "${urgency}"`);
  }
  fields.firstcreated = requiredDate(meta, "FirstCreated");
  fields.versioncreated = requiredDate(meta, "ThisRevisionCreated");
  const status = attr(childElement(meta, "Status"), "FormalName");
  if (!status) throw new Error("the NewsItem has no Status");
  fields.pubstatus = status.toLowerCase();
  return fields;
}

function requiredDate(meta: XmlElement | undefined, name: string): Date {
  const text = trimmedText(childElement(meta, name));
  if (!text) throw new Error(`the NewsItem has no ${name}`);
  return parseFeedDate(text);
}

/** Language, keywords, subjects and genres. */
function descriptive(meta: XmlElement | undefined): Doc {
  const fields: Doc = {};
  const language = attr(childElement(meta, "Language"), "FormalName");
  if (language) fields.language = language;
  const keywords = propertyValues(childElements(meta, "Property"), "Keyword");
  if (keywords.length) fields.keywords = keywords;
  fields.subject = subjects(childElements(meta, "SubjectCode"));
  const genres = childElements(meta, "Genre").map((g) => attr(g, "FormalName")).filter(Boolean);
  if (genres.length) fields.genre = genres.map((name) => ({ qcode: name, name }));
  return fields;
}

/**
 * IPTC subjects named from the IPTC list, details first, then matters, then subjects, as
 * Superdesk orders them; each code once, and a code the IPTC does not list is dropped.
 */
function subjects(codes: XmlElement[]): Doc[] {
  const found = new Map<string, string>();
  for (const level of ["SubjectDetail", "SubjectMatter", "Subject"]) {
    for (const element of codes.flatMap((code) => childElements(code, level))) {
      const qcode = attr(element, "FormalName") ?? "";
      const name = isSubjectCode(qcode) ? subjectName(qcode) : undefined;
      if (name && !found.has(qcode)) found.set(qcode, name);
    }
  }
  return [...found].map(([qcode, name]) => ({ qcode, name }));
}

/** The `Value`s of the `Property` elements whose `FormalName` is `name`. */
export function propertyValues(properties: XmlElement[], name: string): string[] {
  return properties
    .filter((p) => attr(p, "FormalName") === name)
    .map((p) => attr(p, "Value"))
    .filter((value): value is string => value !== undefined);
}
