/**
 * dpa's NewsML G2 (`dpanewsml`, Superdesk's `DPAFeedParser`): plain NewsML G2 plus the
 * `contentMeta` keywords, and the story body taken from the XHTML body's `section` (dpa's
 * `dpatextgenre` section), leaving out the body's `header` (slugline list, date and headline
 * again).
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  childElement,
  childElements,
  descendants,
  innerHtml,
  textOf,
} from "../../xml/xml_query.ts";
import type { FeedParser } from "./feed_parser.ts";
import { inlineXml, newsmlG2ParserFor } from "./newsml_g2_parser.ts";

/** The `dpanewsml` parser. */
export const dpaNewsmlParser: FeedParser = newsmlG2ParserFor("dpanewsml", "DPA News ML Parser", {
  inlineBody: sectionBody,
  finish: keywords,
});

/** The inner HTML of the body's first `section`, else the whole body as NewsML G2 reads it. */
function sectionBody(content: XmlElement, item: Doc) {
  const section = childElement(descendants(content, "body")[0], "section");
  item.body_html = section ? innerHtml(section) : inlineXml(content);
}

/** The `contentMeta` keywords. */
function keywords(tree: XmlElement, item: Doc) {
  item.keywords = childElements(childElement(tree, "contentMeta"), "keyword")
    .map((keyword) => textOf(keyword).trim())
    .filter(Boolean);
}
