/**
 * Agencia EFE's NITF (`efe_nitf`, Superdesk's `EFEFeedParser`): plain NITF except that only the
 * subjects EFE marks as IPTC's (`tobject.subject.ipr="IPTC"`) are kept, named from the IPTC list;
 * the first keyword is the slugline; there is no byline; and the event location (`evloc`) is not a
 * place but the dateline, located at ingest when the `cities` hold exactly one city of that name
 * (`dateline_city.ts`, with the source's name or "EFE").
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import { allAt, attr } from "../../xml/xml_query.ts";
import { DATELINE_CITY, type DatelineCity } from "../dateline_city.ts";
import type { FeedParser } from "./feed_parser.ts";
import { isSubjectCode, subjectName } from "./iptc_subjects.ts";
import { nitfParserFor } from "./nitf_parser.ts";

/** The `efe_nitf` parser. */
export const efeNitfParser: FeedParser = nitfParserFor("efe_nitf", "EFE NITF", {
  subjects: iptcSubjects,
  slugline: (_tree, item) => (item.keywords as string[] | undefined)?.[0],
  finish: datelineFromPlace,
});

/** The IPTC subjects, each once, with the IPTC's names; codes the IPTC does not list are dropped. */
function iptcSubjects(head: XmlElement | undefined): Doc[] {
  const subjects: Doc[] = [];
  for (const element of allAt(head, "tobject/tobject.subject")) {
    if (attr(element, "tobject.subject.ipr") !== "IPTC") continue;
    const qcode = attr(element, "tobject.subject.refnum") ?? "";
    const name = isSubjectCode(qcode) ? subjectName(qcode) : undefined;
    if (name && !subjects.some((s) => s.qcode === qcode)) subjects.push({ qcode, name });
  }
  return subjects;
}

/** No byline; the one place, if any, becomes the city to date the story from. */
function datelineFromPlace(item: Doc) {
  delete item.byline;
  delete item.dateline;
  const places = item.place as Doc[] | undefined;
  delete item.place;
  const city = places?.length === 1 ? places[0]!.name : undefined;
  if (typeof city !== "string" || !city) return;
  const wanted: DatelineCity = {
    city,
    source: typeof item.original_source === "string" ? item.original_source : "EFE",
    keepUnknown: false,
  };
  item[DATELINE_CITY] = wanted;
}
