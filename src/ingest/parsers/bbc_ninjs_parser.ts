/**
 * The BBC's NINJS variant (`bbc_ninjs`, Superdesk's `BBCNINJSFeedParser`, the Local Democracy
 * Reporting Service: https://docs.ldrs.org.uk/): a page `{total, item: [...]}` of stories. Each
 * story keeps the fields it shares with Superdesk's NINJS, its dates and embargo
 * (`YYYY-MM-DDTHH:MM:SS`, UTC, never the server's zone); `story` and `advisory` are text, `image` a picture; its English `category:`
 * subjects are mapped to their nearest IPTC codes; each association becomes an association of the
 * story (a `feature...` one its `featuremedia`) and a picture item, and a story with pictures comes
 * with a package of them. The BBC gives no guid: it is derived from the story's `uri` (a
 * picture's from its URL), so a story sent again is the same item.
 */
import { createHash } from "node:crypto";
import type { Doc } from "../../storage/document_store.ts";
import { IngestError } from "../ingest_error.ts";
import { decodeText, type FeedParser, parseEach, type ParseResult } from "./feed_parser.ts";
import { subjectName } from "./iptc_subjects.ts";
import { storyPackage } from "./story_package.ts";

const COPIED = [
  "uri",
  "language",
  "headline",
  "urgency",
  "pubstatus",
  "mimetype",
  "body_text",
  "body_html",
  "byline",
  "description_text",
] as const;

/** The BBC's categories and their nearest IPTC subject codes (Superdesk's `subject_trans`). */
const CATEGORY_SUBJECTS: Readonly<Record<string, string>> = {
  "policing": "02003000",
  "fire-and-rescue-services": "11006001",
  "crime": "02001000",
  "transport": "04015000",
  "education": "05000000",
  "planning-permission": "11016007",
  "highways": "04015003",
  "waste-management": "04005007",
  "public-safety": "11006002",
  "social-care": "07011000",
  "trading-standards": "04008015",
  "libraries": "01009000",
  "rubbish-collection": "04005007",
  "recycling": "06009000",
  "council-tax": "11013000",
  "environmental-health": "06005000",
  "leisure": "10010000",
  "litter": "06005000",
  "revenue-collection": "04008019",
  "health": "07000000",
  "dog-fouling": "06000000",
  "housing": "11016002",
  "graffiti": "06000000",
  "fly-posting": "06000000",
  "social-services": "14025004",
};

const BBC_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** The `bbc_ninjs` parser. */
export const bbcNinjsParser: FeedParser = {
  name: "bbc_ninjs",
  label: "BBC NINJS Variant Parser",
  extensions: [".json"],
  parse(payload): ParseResult {
    let page: unknown;
    try {
      page = JSON.parse(decodeText(payload));
    } catch (error) {
      throw new IngestError(1001, `not JSON: ${(error as Error).message}`, { cause: error });
    }
    const stories = isObject(page) ? page.item : undefined;
    if (!Array.isArray(stories)) throw new IngestError(1001, "not a BBC NINJS page (no item list)");
    return parseEach(stories, 1001, bbcStory);
  },
};

/** One story: the text, then its pictures and their package when it has any. */
function bbcStory(story: unknown): Doc[] {
  if (!isObject(story) || typeof story.uri !== "string" || !story.uri) {
    throw new Error("a BBC NINJS story has no uri");
  }
  const main: Doc = { guid: `urn:bbc:ninjs:${sha1(story.uri)}` };
  for (const key of COPIED) {
    if (story[key] !== undefined && story[key] !== null) main[key] = story[key];
  }
  main.versioncreated = bbcDate(story.versioncreated, "versioncreated");
  main.firstcreated = bbcDate(story.firstcreated, "firstcreated");
  if (story.embargotime) main.embargo = bbcDate(story.embargotime, "embargotime");
  main.type = story.type === "image" ? "picture" : "text";
  main.subject = (Array.isArray(story.subject) ? story.subject : []).flatMap(subject);
  main.associations = {};
  const pictures: Doc[] = [];
  for (const association of Array.isArray(story.associations) ? story.associations : []) {
    const href = path(association, "renditions", "original", "href");
    if (!isObject(association) || typeof href !== "string" || !href) continue;
    const { id, ...fields } = association;
    const key = /^feature/.test(String(id)) ? "featuremedia" : String(id);
    (main.associations as Doc)[key] = {
      ...fields,
      type: "picture",
      guid: `urn:bbc:ninjs:${sha1(href)}`,
    };
    pictures.push({
      guid: `urn:bbc:ninjs:${sha1(href)}-image`,
      type: "picture",
      versioncreated: main.versioncreated,
      firstcreated: main.firstcreated,
      headline: association.headline ?? "",
      description_text: association.description_text ?? "",
      renditions: { baseImage: { href } },
    });
  }
  if (pictures.length === 0) return [main];
  const guids = [main.guid as string, ...pictures.map((p) => p.guid as string)];
  return [main, ...pictures, storyPackage(`${main.guid}-package`, main, guids)];
}

/** An English `category:` subject as its IPTC subject; nothing for any other. */
function subject(entry: unknown): Doc[] {
  if (!isObject(entry) || entry.lang !== "en" || entry.rel !== "category") return [];
  const qcode = CATEGORY_SUBJECTS[String(entry.code ?? "").replace(/^category:/, "")];
  const name = qcode && subjectName(qcode);
  return qcode && name ? [{ qcode, name }] : [];
}

function bbcDate(value: unknown, field: string): Date {
  const parts = typeof value === "string" ? BBC_DATE.exec(value) : null;
  const date = parts ? new Date(`${value}Z`) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new Error(`a BBC NINJS story has a bad ${field} ${JSON.stringify(value)}`);
  }
  return date;
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The value at `keys` inside nested objects, or undefined. */
function path(value: unknown, ...keys: string[]): unknown {
  return keys.reduce((at: unknown, key) => isObject(at) ? at[key] : undefined, value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
