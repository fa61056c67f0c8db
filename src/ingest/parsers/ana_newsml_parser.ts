/**
 * ANA-MPE's English NewsML (`ananewsml12`, Superdesk's `ANANewsMLOneFeedParser`), a variant of the
 * NewsML 1.2 parser for a `NewsML` document of any version. Its story is the escaped HTML of the
 * nested component's `DataContent`, unescaped, `<P>` made `<p>`, without ANA's Greek copyright
 * paragraph and without active content; the word count is the `WordCount` characteristic (else counted from that body); the
 * urgency is 3 unless given; the source party's name (else "ANA") is `original_source`; there is
 * no byline (ANA's is Greek), no keywords, genres or usage terms. The `DateLine` ("4/4/2018", day
 * first, Athens time) is the dateline's date, and the `City`/`Country` properties ("Αθήνα" read as
 * Athens, "GRC" as GR) are located at ingest when exactly one city of that country has that name
 * (`dateline_city.ts`), with the provider's source in the text.
 */
import { fromWallMs } from "../../content/wall_clock.ts";
import type { Doc } from "../../storage/document_store.ts";
import { wordCount } from "../../text/html_text.ts";
import { decodeEntities } from "../../text/html_references.ts";
import { allAt, at, attr, childElements, firstAt, innerHtml, textOf } from "../../xml/xml_query.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import { DATELINE_CITY, type DatelineCity } from "../dateline_city.ts";
import { withoutActiveContent } from "./active_content.ts";
import type { FeedParser, ParseContext } from "./feed_parser.ts";
import { newsmlOneParser, propertyValues } from "./newsml_1_2_parser.ts";
import { wholeNumber } from "./whole_number.ts";

/** ANA's copyright notice, the last paragraph of every story (Superdesk drops it). */
const COPYRIGHT = "<p>© ΑΠΕ-ΜΠΕ ΑΕ. Τα πνευματικά δικαιώματα ανήκουν στο ΑΠΕ-ΜΠΕ ΑΕ και " +
  "παραχωρούνται σε συνδρομητές μόνον για συγκεκριμένη χρήση.</p>";
const ATHENS = "Europe/Athens";

/** The `ananewsml12` parser. */
export const anaNewsmlParser: FeedParser = newsmlOneParser({
  name: "ananewsml12",
  label: "ANA NewsML Parser",
  accepts: (root) => root.local === "NewsML",
  bodyOf: storyContent,
  finish: anaFields,
});

function storyContent(newsItem: XmlElement): XmlElement | undefined {
  return firstAt(newsItem, "NewsComponent/NewsComponent/ContentItem/DataContent");
}

function anaFields(item: Doc, newsItem: XmlElement, context: ParseContext) {
  for (const field of ["byline", "keywords", "genre", "usageterms", "dateline"]) delete item[field];
  item.urgency ??= 3;
  const component = at(newsItem, "NewsComponent");
  const party = at(component, "AdministrativeMetadata/Source/Party");
  if (party) item.original_source = attr(party, "FormalName") ?? "ANA";
  item.body_html = withoutActiveContent(
    decodeEntities(innerHtml(storyContent(newsItem))).replaceAll("<P>", "<p>")
      .replaceAll("</P>", "</p>").replaceAll(COPYRIGHT, "").trim(),
  );
  const characteristics = allAt(component, "NewsComponent/ContentItem/Characteristics/Property");
  const words = wholeNumber(propertyValues(characteristics, "WordCount")[0]);
  item.word_count = words !== undefined && words >= 0 ? words : wordCount(String(item.body_html));
  const date = datelineDate(textOf(at(component, "NewsLines/DateLine")));
  if (date) item.dateline = { date };
  const meta = childElements(component, "DescriptiveMetadata").flatMap((m) =>
    childElements(m, "Property")
  );
  const city = propertyValues(meta, "City")[0]?.trim();
  const country = propertyValues(meta, "Country")[0]?.trim();
  if (city) {
    const wanted: DatelineCity = {
      city: city === "Αθήνα" ? "Athens" : city,
      countryCode: country === "GRC" ? "GR" : country || undefined,
      source: context.source ?? "ANA",
      keepUnknown: false,
      date,
    };
    item[DATELINE_CITY] = wanted;
  }
}

/**
 * The first day/month/year in ANA's `DateLine` ("4/4/2018", also with "." or "-"), midnight in
 * Athens; undefined when it has none. A scanner, not an expression, for any length of input.
 */
export function datelineDate(text: string): Date | undefined {
  const numbers: number[] = [];
  let digits = "";
  for (const char of text + " ") {
    if (char >= "0" && char <= "9") {
      digits += char;
      continue;
    }
    if (digits) {
      numbers.push(digits.length <= 4 ? Number(digits) : NaN);
      digits = "";
      if (numbers.length === 3) break;
      if (!"/.-".includes(char)) numbers.length = 0;
    } else numbers.length = 0;
  }
  if (numbers.length !== 3) return undefined;
  const [day, month, year] = numbers as [number, number, number];
  const wall = Date.UTC(year, month - 1, day);
  const check = new Date(wall);
  if (
    year < 1000 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1
  ) return undefined;
  return new Date(fromWallMs(wall, ATHENS));
}
