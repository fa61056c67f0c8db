/**
 * STT's NewsML G2 (Superdesk's `sttnewsml`, `superdesk/io/feed_parsers/stt_newsml.py`): one
 * `newsItem` read as NewsML G2 (`newsml_g2_parser.ts`) with STT's differences. Dates without a
 * `+` offset are Helsinki wall-clock time; `versioncreated` is `contentModified`, else the
 * itemMeta's `versionCreated`, else `contentCreated` (one of them is required), and
 * `firstpublished` the same. Subjects are STT's
 * schemes (`sttdepartment`, `sttsubj`, `sttdone1` with the feed's name; `stt-subj` as IPTC codes
 * with the IPTC name); `sttgenre:` genres are the genres and `sttversion:` genres a subject of
 * scheme `sttversion`; `sttlocmeta` asserts are places (`stt_places.ts`); the public editorial
 * note (`sttnote:public`) is `ednote` and the private one `extra.sttnote_private`; the
 * `drol:summary` description is the abstract; the credit line is the source; the body is cleaned
 * (`stt_body.ts`); an item without a headline takes the first 100 characters of its body's text.
 *
 * Superdesk also checks each coded value against a local vocabulary of the scheme's name
 * (`QCODE_MISSING_VOC`); we keep the feed's names as its default (`continue`) does when the
 * vocabulary is missing (README, Ingest).
 */
import type { Doc } from "../../storage/document_store.ts";
import type { XmlElement } from "../../xml/xml_reader.ts";
import {
  attr,
  childElement,
  childElements,
  descendants,
  textOf,
  trimmedText,
} from "../../xml/xml_query.ts";
import { fromWallMs } from "../../content/wall_clock.ts";
import { markupText } from "../../content/html_text.ts";
import { IngestError } from "../ingest_error.ts";
import { type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { optionalDate } from "./feed_dates.ts";
import { subjectName } from "./iptc_subjects.ts";
import { newsmlItem, newsmlRoot } from "./newsml_g2_parser.ts";
import { setSttBody } from "./stt_body.ts";
import { sttPlaces } from "./stt_places.ts";

/** STT's local time zone, for dates written without an offset. */
const STT_TIME_ZONE = "Europe/Helsinki";

/** Subject qcode prefixes and their schemes; null: an IPTC code, named by the IPTC. */
const SUBJECT_SCHEMES: Readonly<Record<string, string | null>> = {
  "stt-subj": null,
  sttdepartment: "sttdepartment",
  sttsubj: "sttsubj",
  sttdone1: "sttdone1",
};

/** The `sttnewsml` parser. */
export const sttNewsmlParser: FeedParser = {
  name: "sttnewsml",
  label: "STT NewsML",
  extensions: [".xml"],
  parse(payload): ParseResult {
    const root = newsmlRoot(payload);
    if (root.local !== "newsItem") {
      throw new IngestError(1005, `<${root.name}> is not an STT NewsML newsItem`);
    }
    return parseEach([root], 1005, sttItem);
  },
};

/**
 * Superdesk's STT `datetime`: a date with no `+` in it is read as Helsinki wall-clock time
 * (whatever other zone it names), any other as NewsML G2 reads it.
 */
export function sttDate(text: string | undefined): Date | undefined {
  if (text === undefined || text.includes("+")) return optionalDate(text);
  const wall = optionalDate(text.trim().replace(/(Z|-\d{2}:?\d{2})$/i, ""));
  return wall && new Date(fromWallMs(wall.getTime(), STT_TIME_ZONE));
}

function sttItem(root: XmlElement): Doc {
  const item = newsmlItem(root, { date: sttDate, subjects: sttSubjects, inlineBody: setSttBody });
  if (!item.headline && typeof item.body_html === "string") {
    item.headline = markupText(item.body_html).slice(0, 100);
  }
  const meta = childElement(root, "contentMeta")!;
  versionDates(meta, item);
  const abstract = firstText(root, "description", "drol:summary");
  if (abstract) item.abstract = abstract;
  const genres: Doc[] = [];
  const subjects = item.subject as Doc[];
  for (const genre of descendants(root, "genre")) {
    const [scheme, ...rest] = (attr(genre, "qcode") ?? "").split(":");
    const coded = { qcode: rest.join(":"), name: textOf(childElement(genre, "name")) };
    if (scheme === "sttgenre") genres.push(coded);
    else if (scheme === "sttversion") subjects.push({ ...coded, scheme: "sttversion" });
  }
  item.genre = genres;
  const places = sttPlaces(root);
  if (places.length) item.place = [...(item.place as Doc[] | undefined ?? []), ...places];
  delete item.ednote;
  const ednote = firstText(root, "edNote", "sttnote:public");
  if (ednote) item.ednote = ednote;
  const privateNote = firstText(root, "edNote", "sttnote:private");
  if (privateNote) item.extra = { ...item.extra as Doc | undefined, sttnote_private: privateNote };
  const credit = textOf(childElement(meta, "creditline"));
  if (credit) item.source = credit.replaceAll("\u2013", "-").replace(/-+$/, "");
  return item;
}

/**
 * `versioncreated` (and `firstpublished`): `contentModified`, else the itemMeta's
 * `versionCreated` the item already has, else `contentCreated`; an item with none is refused.
 */
function versionDates(meta: XmlElement, item: Doc) {
  const modified = sttDate(trimmedText(childElement(meta, "contentModified")));
  const created = sttDate(trimmedText(childElement(meta, "contentCreated")));
  const version = modified ?? item.versioncreated as Date | undefined ?? created;
  if (!version) {
    throw new Error(
      `item "${item.guid}" has neither contentModified, versionCreated nor contentCreated`,
    );
  }
  item.versioncreated = version;
  item.firstpublished ??= version;
}

/** STT's coded subjects, in feed order (repeats kept, as Superdesk keeps them). */
function sttSubjects(meta: XmlElement): Doc[] {
  const found: Doc[] = [];
  for (const subject of childElements(meta, "subject")) {
    const parts = (attr(subject, "qcode") ?? "").split(":");
    if (parts.length !== 2 || !Object.hasOwn(SUBJECT_SCHEMES, parts[0]!)) continue;
    const [prefix, qcode] = parts as [string, string];
    const scheme = SUBJECT_SCHEMES[prefix];
    if (scheme) {
      found.push({ qcode, name: textOf(childElement(subject, "name")), scheme });
      continue;
    }
    const name = subjectName(qcode);
    if (name) found.push({ qcode, name });
  }
  return found;
}

/** The text of the first `local` element under `root` with role `role`, when not empty. */
function firstText(root: XmlElement, local: string, role: string): string | undefined {
  const element = descendants(root, local).find((found) => attr(found, "role") === role);
  return textOf(element) || undefined;
}
