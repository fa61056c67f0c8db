/**
 * NITF 3.x into a Superdesk text item, with Superdesk's mapping
 * (`superdesk/io/feed_parsers/nitf.py`): doc-id as guid, urgency, management status, issue date,
 * subjects (`tobject.subject` with their type/matter/detail names), keywords, genre, editorial
 * note, headline, abstract, byline, dateline city, ANPA metadata in `<meta>` (slugline, sequence,
 * category, word count, priority, source, the desk and stage named by `aap-desk`/`aap-stage` as
 * `task_names`) and the body content as `body_html` (a single `<pre>` or ANPA format "t" is
 * preserved text).
 */
import type { Doc } from "../../storage/document_store.ts";
import { wordCount } from "../../text/html_text.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  allAt,
  at,
  attr,
  childElement,
  childElements,
  outerHtml,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import { IngestError } from "../ingest_error.ts";
import { TASK_NAMES } from "../task_names.ts";
import { type FeedParser, type ParseContext, parseEach, type ParseResult } from "./feed_parser.ts";
import { xmlRoot } from "./xml_payload.ts";
import { parseFeedDate } from "./feed_dates.ts";
import { isSubjectCode, subjectName } from "./iptc_subjects.ts";
import { mapPriority } from "./priority.ts";
import { wholeNumber } from "./whole_number.ts";

/**
 * Where an agency's NITF reads differently (Superdesk's `NITFFeedParser` subclasses override
 * these); each hook gets the document and the item mapped so far, and by default the field is read
 * as plain NITF.
 */
export interface NitfVariant {
  /** `anpa_category` (Superdesk's `anpa-category` meta by default). */
  category?: (tree: XmlElement) => Doc[] | undefined;
  /** `slugline` (the `anpa-keyword` meta by default). */
  slugline?: (tree: XmlElement, item: Doc) => string | undefined;
  /** `headline` (`hl1`, else the `title`, by default). */
  headline?: (tree: XmlElement) => string | undefined;
  /** `pubstatus` from the `management-status` (as given by default). */
  pubstatus?: (status: string) => string;
  /** `subject` (IPTC codes with the feed's names per level by default). */
  subjects?: (head: XmlElement | undefined) => Doc[];
  /** `body_html` from `body.content`'s children when the story is not preserved text. */
  content?: (elements: XmlElement[]) => string;
  /** The last word on the item (fields the agency drops or derives). */
  finish?: (item: Doc) => void;
}

/** A parser registered as `name` that reads NITF as `variant` says. */
export function nitfParserFor(name: string, label: string, variant: NitfVariant): FeedParser {
  return {
    name,
    label,
    extensions: [".xml", ".nitf"],
    parse(payload, context): ParseResult {
      const root = xmlRoot(payload, 1006);
      if (root.local !== "nitf") {
        throw new IngestError(1006, `<${root.name}> is not an NITF document`);
      }
      return parseEach([root], 1006, (tree) => nitfItem(tree, context, variant));
    },
  };
}

/** The `nitf` parser. */
export const nitfParser: FeedParser = nitfParserFor("nitf", "NITF Parser", {});

function nitfItem(tree: XmlElement, context: ParseContext, variant: NitfVariant): Doc {
  const head = childElement(tree, "head");
  const docdata = childElement(head, "docdata");
  const guid = attr(childElement(docdata, "doc-id"), "id-string") ??
    (context.name ? `urn:file:${context.name}` : undefined);
  if (!guid) throw new Error("the NITF document has no doc-id");
  const meta = (name: string) =>
    attr(childElements(head, "meta").find((m) => attr(m, "name") === name), "content");
  const item: Doc = { type: "text", guid, uri: guid };
  const urgency = attr(childElement(docdata, "urgency"), "ed-urg");
  item.urgency = urgency === undefined ? 5 : Number(urgency);
  if (!Number.isInteger(item.urgency)) throw new Error(`"${guid}" has urgency "${urgency}"`);
  const status = attr(docdata, "management-status") ?? "usable";
  item.pubstatus = variant.pubstatus ? variant.pubstatus(status) : status;
  const issued = attr(childElement(docdata, "date.issue"), "norm");
  if (issued) item.firstcreated = item.versioncreated = parseFeedDate(issued);
  const expires = attr(childElement(docdata, "date.expire"), "norm");
  if (expires) item.expiry = parseFeedDate(expires);
  item.subject = (variant.subjects ?? subjects)(head);
  const keywords = allAt(docdata, "key-list/keyword").map((k) => attr(k, "key")).filter(Boolean);
  if (keywords.length) item.keywords = keywords;
  const genre = attr(at(head, "tobject/tobject.property"), "tobject.property.type");
  if (genre) item.genre = [{ qcode: genre, name: genre }];
  const ednote = attr(childElement(docdata, "ed-msg"), "info");
  if (ednote) item.ednote = ednote;
  const evloc = childElement(docdata, "evloc");
  if (attr(evloc, "city") && attr(evloc, "iso-cc")) {
    item.place = [{
      name: attr(evloc, "city"),
      code: attr(evloc, "iso-cc"),
      qcode: attr(evloc, "city"),
    }];
  }
  const bodyHead = at(tree, "body/body.head");
  const headline = variant.headline
    ? variant.headline(tree)
    : trimmedText(at(bodyHead, "hedline/hl1")) ?? trimmedText(childElement(head, "title"));
  if (headline) item.headline = headline;
  const abstract = at(bodyHead, "abstract");
  item.abstract = (trimmedText(childElement(abstract, "p")) ?? trimmedText(abstract)) ?? "";
  const byline = childElement(bodyHead, "byline");
  if (byline) item.byline = textOf(byline).replace(/\s+/g, " ").trim();
  const city = trimmedText(at(bodyHead, "dateline/location/city"));
  if (city) {
    item.dateline = { located: { city }, text: trimmedText(childElement(bodyHead, "dateline")) };
  }
  const slugline = variant.slugline ? variant.slugline(tree, item) : meta("anpa-keyword");
  if (slugline) item.slugline = slugline;
  const sequence = meta("anpa-sequence");
  if (sequence) item.ingest_provider_sequence = sequence;
  const category = meta("anpa-category");
  const categories = variant.category
    ? variant.category(tree)
    : category
    ? [{ qcode: category }]
    : undefined;
  if (categories) item.anpa_category = categories;
  const priority = meta("aap-priority");
  if (priority) item.priority = mapPriority(priority);
  const source = meta("aap-source");
  if (source) item.original_source = item.source = source;
  const desk = meta("aap-desk");
  if (desk) item[TASK_NAMES] = { desk, stage: meta("aap-stage") };
  const content = at(tree, "body/body.content");
  const elements = childElements(content);
  const preserved = meta("anpa-format")?.toLowerCase() === "t" ||
    (elements.length === 1 && elements[0]!.local === "pre");
  item.body_html = preserved
    ? preservedText(elements)
    : (variant.content ?? ((all) => all.map(outerHtml).join("")))(elements);
  item.format = preserved ? "preserved" : "HTML";
  const count = wholeNumber(meta("anpa-wordcount"));
  item.word_count = count !== undefined && count >= 0 ? count : wordCount(item.body_html);
  variant.finish?.(item);
  return item;
}

/** A preserved story: its single `<pre>` as given, else its elements' text in one `<pre>`. */
function preservedText(elements: XmlElement[]): string {
  return elements[0]?.local === "pre"
    ? elements.map(outerHtml).join("")
    : `<pre>${elements.map((e) => textOf(e)).join("\n")}</pre>`;
}

/** Subjects with the names the feed gives per level (type, matter, detail). */
function subjects(head: XmlElement | undefined): Doc[] {
  const found: Doc[] = [];
  const add = (qcode: string, name: string | undefined) => {
    if (name && isSubjectCode(qcode) && !found.some((s) => s.qcode === qcode)) {
      found.push({ qcode, name });
    }
  };
  for (const element of allAt(head, "tobject/tobject.subject")) {
    const refnum = attr(element, "tobject.subject.refnum") ?? "";
    if (!isSubjectCode(refnum)) continue;
    const type = attr(element, "tobject.subject.type");
    const matter = attr(element, "tobject.subject.matter");
    const detail = attr(element, "tobject.subject.detail");
    if (type) add(`${refnum.slice(0, 2)}000000`, type);
    if (matter) add(`${refnum.slice(0, 5)}000`, matter);
    if (detail) add(refnum, detail);
    if (!type && !matter && !detail) add(refnum, subjectName(refnum));
  }
  return found;
}
