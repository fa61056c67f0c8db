/**
 * WENN's entertainment news (`wenn`, Superdesk's `WENNFeedParser`): an Atom feed with WENN's
 * `NewsManagement` metadata. Each entry is a usable text item of urgency 5, category `e` and subject
 * arts, culture and entertainment; its `ContentMetadata` gives the headline and the first line as
 * abstract, its `NewsManagement` the original article id as guid and the published and updated
 * times; its text content is the body, a blank line (with WENN's indent) between paragraphs and a
 * line break within one. Errors are Superdesk's 1007.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  childElement,
  childElements,
  escapeText,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import { IngestError } from "../ingest_error.ts";
import { type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { xmlRoot } from "./xml_payload.ts";
import { parseFeedDate } from "./feed_dates.ts";
import { subjectName } from "./iptc_subjects.ts";

/** The `wenn` parser. */
export const wennParser: FeedParser = {
  name: "wenn",
  label: "WENN Parser",
  extensions: [".xml"],
  parse(payload): ParseResult {
    const root = xmlRoot(payload, 1007);
    if (root.local !== "feed" || !childElement(root, "NewsManagement")) {
      throw new IngestError(1007, `<${root.name}> is not a WENN Atom feed`);
    }
    return parseEach(childElements(root, "entry"), 1007, wennItem);
  },
};

function wennItem(entry: XmlElement): Doc {
  const management = childElement(entry, "NewsManagement");
  const guid = trimmedText(childElement(management, "original_article_id"));
  if (!guid) throw new Error("a WENN entry has no original_article_id");
  const content = childElement(entry, "ContentMetadata");
  const time = (name: string) => {
    const text = trimmedText(childElement(management, name));
    if (!text) throw new Error(`WENN article "${guid}" has no ${name} time`);
    return parseFeedDate(text);
  };
  const body = escapeText(textOf(childElement(entry, "content")))
    .replaceAll("\n\n  ", "</p><p>").replaceAll("\n", "<br>");
  return {
    type: "text",
    guid,
    urgency: 5,
    pubstatus: "usable",
    anpa_category: [{ qcode: "e" }],
    subject: [{ qcode: "01000000", name: subjectName("01000000") }],
    headline: textOf(childElement(content, "title")),
    abstract: textOf(childElement(content, "first_line")),
    firstcreated: time("published"),
    versioncreated: time("updated"),
    body_html: `<p>${body}</p>`,
  };
}
