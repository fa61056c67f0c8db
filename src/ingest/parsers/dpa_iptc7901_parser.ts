/**
 * dpa's IPTC 7901 (`dpa_iptc7901`, Superdesk's `DPAIPTC7901FeedParser`): plain IPTC 7901, then
 * dpa's story header and dateline. The header is the STX line and the lines after it up to the one
 * that ends with " =" before a blank line: a last line "By ..." is the byline, the line before it
 * the headline, and the lines before that (the STX line first: "REFILE", "1ST LEAD", "EXTRA") the
 * take key. A "City (dpa) - " opening in the first five body lines is the dateline city, located
 * at ingest (`dateline_city.ts`) and cut from the text. The body's paragraphs are its runs of
 * lines between blank lines.
 */
import type { Doc } from "../../storage/document_store.ts";
import { escapeText } from "../../xml/xml_query.ts";
import { DATELINE_CITY, type DatelineCity } from "../dateline_city.ts";
import type { FeedParser } from "./feed_parser.ts";
import { iptc7901ParserFor } from "./iptc7901_parser.ts";

const HEADER_END = / =$/;
const DATELINE_SOURCE = " (dpa) - ";

/** The `dpa_iptc7901` parser. */
export const dpaIptc7901Parser: FeedParser = iptc7901ParserFor(
  "dpa_iptc7901",
  "DPA IPTC 7901 Parser",
  { body: dpaBody },
);

function dpaBody(lines: string[], item: Doc): string {
  const text = [...lines.slice(readHeader(lines, item))];
  for (const [index, line] of text.slice(0, 5).entries()) {
    const opening = datelineOpening(line);
    if (!opening) continue;
    const wanted: DatelineCity = { city: opening.city, source: "dpa", keepUnknown: true };
    item[DATELINE_CITY] = wanted;
    text[index] = opening.rest;
    break;
  }
  return paragraphs(text).map((p) => `<p>${escapeText(p)}</p>`).join("");
}

/**
 * A line opening "City (dpa) - " (Superdesk's `partition`, at its first " (dpa) - "): the city,
 * under 20 characters, and the rest of the line; undefined otherwise. Found with `indexOf`: a
 * regular expression with a run of white space before the city backtracks in cubic time.
 */
export function datelineOpening(line: string): { city: string; rest: string } | undefined {
  const at = line.indexOf(DATELINE_SOURCE);
  const city = at < 0 ? "" : line.slice(0, at).trim();
  if (!city || city.length >= 20) return undefined;
  return { city, rest: line.slice(at + DATELINE_SOURCE.length) };
}

/** Headline, byline and take key from the header; the index of the first line after it. */
function readHeader(lines: string[], item: Doc): number {
  const headline = String(item.headline ?? "");
  const end = HEADER_END.test(headline)
    ? -1
    : lines.findIndex((line, i) => HEADER_END.test(line) && !lines[i + 1]?.trim());
  const header = [headline, ...lines.slice(0, end + 1)];
  header[header.length - 1] = header.at(-1)!.replace(HEADER_END, "");
  if (header.length > 1 && header.at(-1)!.startsWith("By ")) {
    item.byline = header.pop()!.slice(3);
  }
  item.headline = header.pop();
  if (header.length > 0) item.anpa_take_key = header.join(" ");
  return end + 1;
}

/** The runs of non-blank lines, each joined with spaces. */
function paragraphs(lines: string[]): string[] {
  const found: string[] = [];
  let current: string[] = [];
  for (const line of [...lines, ""]) {
    if (line.trim()) current.push(line.trim());
    else if (current.length > 0) {
      found.push(current.join(" "));
      current = [];
    }
  }
  return found;
}
