/**
 * Scoop Media's BusinessDesk NewsML G2 (`scoop_newsml2`, Superdesk's `ScoopNewsMLTwoFeedParser`):
 * a `newsMessage` whose `newsItem`s carry an NITF story (the `packageItem` has no guid and is
 * skipped). Dates are New Zealand wall-clock times (`2016-01-12 12:35:40`), the headline is the
 * NITF title and each body element with text a paragraph; every story is business news from
 * Wellington: priority 6, urgency 3, category `f`, subject economy, business and finance, the
 * dateline located at ingest in Wellington, New Zealand (`dateline_city.ts`). A first paragraph
 * "By ..." is the byline, a "Jan. 12 (BusinessDesk) - " opening the dateline's date, and a last
 * paragraph "(BusinessDesk)" the sign-off; all three leave the body.
 */
import { fromWallMs, toWallMs } from "../../content/wall_clock.ts";
import type { Doc } from "../../storage/document_store.ts";
import { wordCount } from "../../text/html_text.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  at,
  attr,
  childElement,
  childElements,
  descendants,
  escapeText,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import { DATELINE_CITY, type DatelineCity } from "../dateline_city.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "./feed_parser.ts";
import { parseEach } from "./feed_parser.ts";
import { subjectName } from "./iptc_subjects.ts";
import { newsmlRoot } from "./newsml_g2_parser.ts";
import { wholeNumber } from "./whole_number.ts";

const NZ_TIME_ZONE = "Pacific/Auckland";
const WALL_CLOCK = /^\s*(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\s*$/;
const SOURCE_OPENING = " (BusinessDesk) - ";
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** The `scoop_newsml2` parser. */
export const scoopNewsmlParser: FeedParser = {
  name: "scoop_newsml2",
  label: "Scoop Media News ML-G2 Parser",
  extensions: [".xml"],
  parse(payload): ParseResult {
    const root = newsmlRoot(payload);
    if (root.local !== "newsMessage") {
      throw new IngestError(1005, `<${root.name}> is not a NewsML G2 message`);
    }
    const entries = childElements(childElement(root, "itemSet"))
      .filter((entry) => attr(entry, "guid") !== undefined);
    return parseEach(entries, 1005, scoopItem);
  },
};

function scoopItem(tree: XmlElement): Doc {
  const guid = attr(tree, "guid")!;
  const version = wholeNumber(attr(tree, "version") ?? "1");
  if (version === undefined || version < 0) {
    throw new Error(`item "${guid}" has a bad version "${attr(tree, "version")}"`);
  }
  const meta = childElement(tree, "itemMeta");
  const created = nzDate(trimmedText(childElement(meta, "versionCreated")), guid);
  const itemClass = attr(childElement(meta, "itemClass"), "qcode") ?? "ninat:text";
  const item: Doc = {
    guid,
    uri: guid,
    version,
    type: itemClass.split(":").pop(),
    versioncreated: created,
    firstcreated: created,
    pubstatus: (attr(childElement(meta, "pubStatus"), "qcode") ?? "stat:usable").split(":").pop()!
      .toLowerCase(),
    ednote: trimmedText(childElement(meta, "edNote")) ?? "",
    priority: 6,
    urgency: 3,
    anpa_category: [{ qcode: "f" }],
    subject: [{ qcode: "04000000", name: subjectName("04000000") }],
  };
  const nitf = childElements(childElement(tree, "contentSet"), "inlineXML")
    .filter((content) => attr(content, "contenttype") === "application/nitf+xml")
    .map((content) => descendants(content, "nitf")[0])
    .find(Boolean);
  item.headline = trimmedText(at(nitf, "head/title")) ?? "";
  const paragraphs = childElements(at(nitf, "body/body.content"))
    .map((element) => [element.local, textOf(element).trim()] as const)
    .filter(([, text]) => text);
  item.body_html = storyBody(paragraphs, item);
  item.word_count = wordCount(item.body_html);
  const wanted: DatelineCity = {
    city: "Wellington",
    countryCode: "NZ",
    source: "BusinessDesk",
    keepUnknown: false,
  };
  item[DATELINE_CITY] = wanted;
  return item;
}

/** The body without the byline, dateline date and sign-off, which go to `item`. */
function storyBody(paragraphs: (readonly [string, string])[], item: Doc): string {
  const kept = [...paragraphs];
  if (kept[0]?.[1].startsWith("By ")) item.byline = kept.shift()![1].slice(3).trim();
  if (kept.at(-1)?.[1] === "(BusinessDesk)") kept.pop();
  return kept.map(([tag, text], index) => {
    const opening = text.indexOf(SOURCE_OPENING);
    if (index === 0 && opening > 0) {
      const date = monthDay(text.slice(0, opening), item.versioncreated as Date);
      if (date) item.dateline = { date };
      text = text.slice(opening + SOURCE_OPENING.length);
    }
    return `<${tag}>${escapeText(text)}</${tag}>`;
  }).join("");
}

/** "Jan. 12" as the start of that day in New Zealand, in the year the story was created there. */
function monthDay(text: string, created: Date): Date | undefined {
  const match = /^\s*([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})\s*$/.exec(text);
  const month = match ? MONTHS.indexOf(match[1]!.toLowerCase()) : -1;
  if (!match || month < 0) return undefined;
  const year = new Date(toWallMs(created.getTime(), NZ_TIME_ZONE)).getUTCFullYear();
  return new Date(fromWallMs(Date.UTC(year, month, Number(match[2])), NZ_TIME_ZONE));
}

/** A BusinessDesk time: New Zealand wall-clock time. */
function nzDate(text: string | undefined, guid: string): Date {
  const parts = text ? WALL_CLOCK.exec(text) : null;
  if (!parts) throw new Error(`item "${guid}" has a bad versionCreated "${text ?? ""}"`);
  const [, y, mo, d, h, mi, s] = parts.map(Number);
  return new Date(fromWallMs(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!), NZ_TIME_ZONE));
}
