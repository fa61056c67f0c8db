/**
 * AP's ANPA 1312 (`ap_anpa1312`, Superdesk's `AP_ANPAFeedParser`): the ANPA mapping, then AP's
 * own rules. The dateline is the city before the first " (AP) _ " of a paragraph (up to a comma;
 * none when it holds a digit), located at ingest (`dateline_city.ts`, AP's way); the category
 * letters go through the newsroom's `ap_category_map` vocabulary at ingest
 * (`ap_category_map.ts`); a slugline opening with one of AP's sports prefixes ("BKN-") gives its
 * IPTC subject; an "Eds:" header line is the editor's note when no "EDITOR'S NOTE _" line is;
 * and an alert, which has no headline line, takes its first paragraph (after the dateline) as
 * the headline.
 */
import { AP_CATEGORY_MAP } from "../ap_category_map.ts";
import { DATELINE_CITY, type DatelineCity } from "../dateline_city.ts";
import { readAnpa } from "./anpa_parser.ts";
import type { FeedParser, ParseResult } from "./feed_parser.ts";
import { subjectName } from "./iptc_subjects.ts";

/** What separates AP's dateline from the story. */
const AP_MARK = " (AP) _ ";

/** AP's sports slugline prefixes and their IPTC subjects (`slug_code_map`). */
const SLUG_SUBJECTS: Readonly<Record<string, string>> = {
  ...sport("15008000", "BKC", "BKL", "BKN", "BKW", "BKO"), // basketball
  ...sport("15007000", "BBA", "BBC", "BBM", "BBN", "BBO", "BBY"), // baseball
  ...sport("15014000", "BOX"),
  ...sport("15039000", "CAR"), // motor racing
  ...sport("15019000", "CYC"),
  ...sport("15003000", "FBL", "FBN", "FBO"), // American football
  ...sport("15025000", "FIG"), // figure skating
  ...sport("15027000", "GLF"),
  ...sport("15031000", "HKN", "HKO"), // ice hockey
  ...sport("15030000", "RAC"), // horse racing
  ...sport("15054000", "SOC"),
  ...sport("15065000", "TEN"),
  ...sport("15017000", "CRI"),
  ...sport("15048000", "RGL"), // rugby league
};

/** The `ap_anpa1312` parser. */
export const apAnpaParser: FeedParser = {
  name: "ap_anpa1312",
  label: "AP ANPA Parser",
  extensions: [".tst", ".txt", ".anpa"],
  parse(payload): ParseResult {
    const { item, headers, paragraphs } = readAnpa(payload);
    const city = apDatelineCity(paragraphs);
    if (city !== undefined) {
      const wanted: DatelineCity = { city, source: "AP", keepUnknown: true, formatted: true };
      item[DATELINE_CITY] = wanted;
    }
    if (item.anpa_category) item[AP_CATEGORY_MAP] = true;
    const slugline = typeof item.slugline === "string" ? item.slugline : "";
    const qcode = slugline.length > 4 ? SLUG_SUBJECTS[slugline.slice(0, 4)] : undefined;
    const name = qcode && subjectName(qcode);
    if (qcode && name) item.subject = [{ qcode, name }];
    if (!item.ednote) {
      const note = headers.map(edsNote).find((found) => found !== undefined);
      if (note !== undefined) item.ednote = note;
    }
    if (item.headline === undefined && paragraphs.length > 0) {
      item.headline = alertHeadline(paragraphs[0]!);
    }
    return { items: [item], problems: [] };
  },
};

/**
 * The city before " (AP) _ " in the first paragraph that has it, up to a comma (a state or a date
 * may follow); undefined when no paragraph has it or the city holds a digit.
 */
export function apDatelineCity(paragraphs: readonly string[]): string | undefined {
  for (const paragraph of paragraphs) {
    const at = paragraph.indexOf(AP_MARK);
    if (at < 0) continue;
    const city = paragraph.slice(0, at).split(",")[0]!.trim();
    return /\d/.test(city) ? undefined : city;
  }
  return undefined;
}

/** The note of an "Eds: …" (or "(Eds: …)") header line, without the "Eds: ". */
export function edsNote(header: string): string | undefined {
  const at = header.indexOf("Eds: ");
  if (at < 0) return undefined;
  const start = at > 0 && header[at - 1] === "(" ? at - 1 : at;
  return header.slice(start).trim().replaceAll("Eds: ", "");
}

/** An alert's headline: its first paragraph after the dateline, or the whole paragraph. */
function alertHeadline(paragraph: string): string {
  const at = paragraph.indexOf(AP_MARK);
  const rest = at < 0 ? "" : paragraph.slice(at + AP_MARK.length);
  return rest || paragraph;
}

function sport(qcode: string, ...prefixes: string[]): Record<string, string> {
  return Object.fromEntries(prefixes.map((prefix) => [`${prefix}-`, qcode]));
}
