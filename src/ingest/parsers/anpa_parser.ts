/**
 * ANPA 1312 (the wire format of AP-style teletype services) into a Superdesk text item, with
 * Superdesk's mapping (`superdesk/io/feed_parsers/anpa.py`): the first header line's sequence,
 * the second's priority letter, category, format (tabular → preserved), slugline, take key and
 * word count; header lines (`^`) for headline, byline and editor's note; indented lines (tab) as
 * paragraphs; the trailer's date. The text is Latin-1. The guid is derived from the selector,
 * the sequence and a hash of the bytes, so a re-delivered file is the same item.
 */
import type { Doc } from "../../storage/document_store.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "./feed_parser.ts";
import { anpaDate } from "./feed_dates.ts";
import { fnv1a } from "./payload_hash.ts";
import { ORDINARY_PRIORITY } from "./priority.ts";

// ANPA frames its text with control characters (SYN, SOH, STX, ETX, DC1-DC4).
// deno-lint-ignore no-control-regex
const FIRST_LINE = /^\x16\x16\x01([a-z])(\d{4})\x1f([a-z0-9-]+)/i;
/**
 * The slugline is taken whole (`(?=(…+))\6`, the longest run, as the rest starts with a space):
 * giving it back a character at a time for `(.*)` to try again was quadratic on a long line.
 */
export const SECOND_LINE =
  // deno-lint-ignore no-control-regex
  /^([a-z]) ([a-z])(\x13|\x14)(\x11|\x12) (am-|pm-|bc-|ap-)(?=([a-z0-9.-]+))\6(.*) (\d{1,2})-(\d{1,2}) (\d{0,4})/i;
// deno-lint-ignore no-control-regex
const TRAILER = /\x03\s*([a-z]+)-([a-z]+)-(\d+-\d+-\d+ \d{4})GMT/i;
const PRIORITIES: Record<string, number> = { f: 1, u: 2, b: 3, z: ORDINARY_PRIORITY };
const LATIN1 = new TextDecoder("latin1");

/** An ANPA story read: the item, and the text it was made from for variants to read further. */
export interface AnpaStory {
  item: Doc;
  /** The header lines (`^`), cleaned of their markers. */
  headers: string[];
  /** The body's paragraphs as text (one, the whole table, for a preserved story). */
  paragraphs: string[];
}

/** The `anpa1312` parser. */
export const anpaParser: FeedParser = {
  name: "anpa1312",
  label: "ANPA 1312 Parser",
  extensions: [".tst", ".txt", ".anpa"],
  parse(payload): ParseResult {
    return { items: [readAnpa(payload).item], problems: [] };
  },
};

/** Reads an ANPA 1312 file with Superdesk's `ANPAFeedParser` mapping (1003 when it is none). */
export function readAnpa(payload: Uint8Array): AnpaStory {
  const text = LATIN1.decode(payload);
  const lines = text.split("\n");
  const first = FIRST_LINE.exec(lines[0] ?? "");
  if (!first) throw new IngestError(1003, "no ANPA header (SYN SYN SOH, sequence, selector)");
  const start = text.indexOf("\x02");
  const end = text.indexOf("\x03", start + 1);
  if (start < 0 || end < 0) throw new IngestError(1003, "no body between STX and ETX");
  const [, , sequence, selector] = first;
  const item: Doc = {
    type: "text",
    guid: `urn:anpa:${selector!.toLowerCase()}:${sequence}:${fnv1a(payload)}`,
    format: "HTML",
    ingest_provider_sequence: sequence,
    priority: ORDINARY_PRIORITY,
  };
  const second = SECOND_LINE.exec(lines[1] ?? "");
  if (second) {
    const [, priority, category, , format, , slugline, takeKey, , , words] = second;
    item.priority = PRIORITIES[priority!.toLowerCase()] ?? ORDINARY_PRIORITY;
    item.anpa_category = [{ qcode: category!.toLowerCase() }];
    item.slugline = slugline;
    const take = takeKey!.trim();
    if (take) item.anpa_take_key = take;
    if (words) item.word_count = Number(words);
    if (format === "\x12") item.format = "preserved";
  }
  const trailer = TRAILER.exec(text.slice(end));
  const created = trailer ? anpaDate(trailer[3]!) : undefined;
  if (created) item.firstcreated = item.versioncreated = created;
  const story = text.slice(start + 1, end).split("\n").map((line) => line.replace(/\r$/, ""));
  return { item, ...body(story, item) };
}

/** Header lines (`^`) and body lines (tab-indented) into the item; answers both as text. */
function body(lines: string[], item: Doc): Omit<AnpaStory, "item"> {
  const headers = lines.filter((line) => line.startsWith("^")).map(cleanHeader);
  let paragraphs: string[];
  if (item.format === "preserved") {
    paragraphs = lines.filter((line) => /^[\t^\b]/.test(line))
      .map((line) => line.replace(/^\^+/, "").replaceAll("\b", "%08").replaceAll("\x10", "%10"));
    item.body_html = `<pre>${paragraphs.map(escapeHtml).join("\n")}</pre>`;
  } else {
    paragraphs = lines.filter((line) => line.startsWith("\t")).map((line) => line.trim());
    item.body_html = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("");
  }
  if (headers.length > 1) item.headline = headers[1];
  if (headers.length > 3) {
    item.byline = headers[headers.length - 2];
    if (paragraphs.every((p) => p === "")) {
      item.body_html = headers.slice(2).map((p) => `<p>${escapeHtml(p)}</p>`).join("");
    }
  }
  const slug = /^[A-Z]{2}-[A-Z]{2}--([a-z0-9.-]+)/i.exec(headers[0] ?? "");
  if (headers.length > 1 && slug) item.slugline = slug[1];
  for (const header of headers) {
    const note = /EDITOR'S NOTE _(.*)/.exec(header);
    if (note) item.ednote = note[1]!.trim();
  }
  const preserved = paragraphs.join("\n");
  return { headers, paragraphs: item.format === "preserved" ? [preserved] : paragraphs };
}

/**
 * `line.replace(/^[\^<= ]+|[\^<= \r]+$/g, "")`, without the expression's rescan to the end of
 * the line from every character of a run of those that does not end it (quadratic).
 */
export function cleanHeader(line: string): string {
  let start = 0;
  while (start < line.length && "^<= ".includes(line[start]!)) start++;
  let end = line.length;
  while (end > start && "^<= \r".includes(line[end - 1]!)) end--;
  return line.slice(start, end);
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
