/**
 * IPTC 7901 (the IPTC's teletype wire format, e.g. dpa's) into a Superdesk text item, with
 * Superdesk's mapping (`superdesk/io/feed_parsers/iptc7901.py`): the first line (after SOH) gives
 * the source, sequence number, priority, category (`u` and `x` mean international, `i`) and word
 * count; the lines before STX are the slugline; the rest of the STX line is the headline; then
 * the body up to ETX, where a line saying the rest is "not for publication" starts the editor's
 * note. The text is Latin-1. Each body line becomes a paragraph (Superdesk keeps the raw lines in
 * `body_html`); an ETX inside a line also ends the story, and other control characters (teletype
 * framing such as SYN or EOT) are dropped from the text. The guid is derived from the source, the sequence and a hash of the bytes, so a
 * re-delivered file is the same item.
 */
import type { Doc } from "../../storage/document_store.ts";
import { escapeText } from "../../xml/xml_query.ts";
import { IngestError } from "../ingest_error.ts";
import type { FeedParser, ParseResult } from "./feed_parser.ts";
import { fnv1a } from "./payload_hash.ts";
import { mapPriority } from "./priority.ts";

// deno-lint-ignore no-control-regex
const FIRST_LINE = /^\x01([a-z]*)(\d*) (.) ([a-z]{1,3}) (\d*) ([a-z0-9 ]*)/i;
const NOT_FOR_PUBLICATION = [
  "The following information is not for publication",
  "The following information is not intended for publication",
];
const LATIN1 = new TextDecoder("latin1");
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * How an agency's IPTC 7901 reads its story lines (Superdesk's `IPTC7901FeedParser` subclasses):
 * `body` gets the lines between the headline and the end (or the editor's note), without their
 * control characters, and the item read so far; it returns `body_html` and may set other fields.
 */
export interface Iptc7901Variant {
  body?: (lines: string[], item: Doc) => string;
}

/** A parser registered as `name` that reads IPTC 7901 as `variant` says. */
export function iptc7901ParserFor(
  name: string,
  label: string,
  variant: Iptc7901Variant,
): FeedParser {
  return {
    name,
    label,
    extensions: [".txt"],
    parse(payload, context): ParseResult {
      const lines = LATIN1.decode(payload).split("\n").map((line) => line.replace(/\r$/, ""));
      const first = FIRST_LINE.exec(lines[0] ?? "");
      if (!first) {
        throw new IngestError(1008, "no IPTC 7901 header (SOH, source, priority, category)");
      }
      const [, source, sequence, priority, category, words] = first;
      const item: Doc = {
        type: "text",
        guid: `urn:iptc7901:${source!.toLowerCase()}:${sequence}:${fnv1a(payload)}`,
        versioncreated: (context.now ?? new Date()).toISOString(),
        original_source: source,
        ingest_provider_sequence: sequence,
        priority: mapPriority(priority),
        anpa_category: [{ qcode: /^[ux]$/i.test(category!) ? "i" : category }],
      };
      if (words) item.word_count = Number(words);
      const body = readLines(lines.slice(1), item);
      if (body) item.body_html = (variant.body ?? linesAsParagraphs)(body, item);
      return { items: [item], problems: [] };
    },
  };
}

/** The `iptc7901` parser. */
export const iptc7901Parser: FeedParser = iptc7901ParserFor("iptc7901", "IPTC 7901 Parser", {});

/** Each non-blank line a paragraph. */
function linesAsParagraphs(lines: string[]): string {
  return lines.map((line) => line.trim()).filter(Boolean)
    .map((line) => `<p>${escapeText(line)}</p>`).join("");
}

/**
 * Slugline (header lines), headline (STX line) and editor's note into `item`; the body's lines, or
 * undefined when there is no STX line.
 */
function readLines(lines: string[], item: Doc): string[] | undefined {
  const slugline: string[] = [];
  const body: string[] = [];
  const note: string[] = [];
  let part: "header" | "text" | "note" = "header";
  for (const raw of lines) {
    const end = raw.indexOf("\x03");
    const stx = raw.startsWith("\x02");
    const line = (end >= 0 ? raw.slice(stx ? 1 : 0, end) : raw.slice(stx ? 1 : 0))
      .replace(CONTROL, "");
    if (end === 0) break;
    if (stx) {
      item.headline = line;
      part = "text";
    } else if (part === "header") slugline.push(line.replace(/\/+$/, ""));
    else if (part === "text" && NOT_FOR_PUBLICATION.some((marker) => line.includes(marker))) {
      part = "note";
    } else (part === "text" ? body : note).push(line);
    if (end >= 0) break;
  }
  if (slugline.length > 0) item.slugline = slugline.join("");
  if (part === "header") return undefined;
  if (part === "note") item.ednote = note.join("\n").trim();
  return body;
}
