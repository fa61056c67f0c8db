/**
 * Ritzau's XML (`ritzau`, Superdesk's `RitzauFeedParser`): one `RBNews` story. `NewsID` is the
 * guid, `content` (escaped HTML) the body without active content, `PublishDate` (Copenhagen time
 * unless it names a zone) the creation time, `headline` the headline (else the body's first 100
 * characters), `Priority` both priority and urgency, the `strapline` split on "/" the keywords,
 * `subtitle` the abstract, `origin` the byline, `version` the version, `TilRedaktionen` (HTML) the
 * editor's note as text with a line per block, and the `IPTCList` codes subjects of the newsroom's
 * `subject_custom` vocabulary (`custom_subjects.ts`).
 */
import { fromWallMs } from "../../content/wall_clock.ts";
import type { Doc } from "../../storage/document_store.ts";
import { htmlToText } from "../../content/html_text.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import { childElement, childElements, textOf, trimmedText } from "../../xml/xml_query.ts";
import { CUSTOM_SUBJECT_CODES } from "../custom_subjects.ts";
import { IngestError } from "../ingest_error.ts";
import { withoutActiveContent } from "./active_content.ts";
import { type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { xmlRoot } from "./xml_payload.ts";
import { parseFeedDate } from "./feed_dates.ts";
import { wholeNumber } from "./whole_number.ts";

const COPENHAGEN = "Europe/Copenhagen";
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** The `ritzau` parser. */
export const ritzauParser: FeedParser = {
  name: "ritzau",
  label: "Ritzau feed",
  extensions: [".xml"],
  parse(payload): ParseResult {
    const root = xmlRoot(payload, 1001);
    if (root.local !== "RBNews") {
      throw new IngestError(1001, `<${root.name}> is not Ritzau's RBNews`);
    }
    return ritzauStory(root);
  },
};

/** One `RBNews` element read (the `ritzau` feeding service hands them over from its queue). */
export function ritzauStory(story: XmlElement): ParseResult {
  return parseEach([story], 1001, ritzauItem);
}

function ritzauItem(root: XmlElement): Doc {
  const field = (name: string) => trimmedText(childElement(root, name));
  const guid = field("NewsID");
  if (!guid) throw new Error("the Ritzau story has no NewsID");
  const item: Doc = { type: "text", guid };
  const body = withoutActiveContent(textOf(childElement(root, "content")));
  item.body_html = body;
  const published = field("PublishDate");
  if (published) item.firstcreated = item.versioncreated = copenhagenDate(published);
  item.headline = field("headline") ??
    htmlToText(body).replace(/\s+/g, " ").trim().slice(0, 100);
  const priority = field("Priority");
  if (priority !== undefined) {
    item.priority = item.urgency = wholeNumber(priority);
    if (item.priority === undefined) throw new Error(`"${guid}" has Priority "${priority}"`);
  }
  const strapline = field("strapline");
  if (strapline) item.keywords = strapline.split("/").filter(Boolean);
  const abstract = field("subtitle");
  if (abstract) item.abstract = abstract;
  const byline = field("origin");
  if (byline) item.byline = byline;
  const version = field("version");
  if (version !== undefined) {
    item.version = wholeNumber(version);
    if (item.version === undefined) throw new Error(`"${guid}" has version "${version}"`);
  }
  const ednote = blockText(field("TilRedaktionen") ?? "");
  if (ednote) item.ednote = ednote;
  const codes = childElements(childElement(root, "IPTCList"), "int")
    .map((code) => textOf(code).trim()).filter(Boolean);
  if (codes.length) item[CUSTOM_SUBJECT_CODES] = codes;
  return item;
}

/** A Ritzau time: Copenhagen wall-clock time unless it names its zone. */
function copenhagenDate(text: string): Date {
  const parts = WALL_CLOCK.exec(text);
  if (!parts) return parseFeedDate(text);
  const [y, mo, d, h, mi, s] = parts.slice(1, 7).map(Number);
  const ms = Math.round(Number(parts[7] ?? 0) * 1000);
  return new Date(fromWallMs(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms), COPENHAGEN));
}

/** The text of an HTML fragment, a line per block or line break, without blank lines. */
function blockText(html: string): string {
  return htmlToText(html).split("\n").map((line) => line.trim()).filter(Boolean).join("\n");
}
