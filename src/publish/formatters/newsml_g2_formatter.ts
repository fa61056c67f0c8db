/**
 * NewsML-G2 (Superdesk's `NewsMLG2Formatter`): a `newsMessage` whose header carries the send
 * time, the sender and the subscriber's sequence number, and whose `itemSet` holds one
 * `newsItem` (power conformance, NewsML-G2 2.35) with rights, item and content metadata in the
 * order the XML Schema requires, and the body as XHTML in `inlineXML`. Text that is not
 * well-formed in the item is cleaned into the XHTML subset (`html_fragment.ts`).
 */
import type { Doc } from "../../storage/document_store.ts";
import type { FormatContext, Formatted, Formatter } from "./formatter.ts";
import { htmlToXml } from "./html_fragment.ts";
import { isoSeconds } from "./superdesk_date.ts";
import { el, filledText, raw, xmlDocument, type XmlElement, type XmlNode } from "./xml_writer.ts";

const NAR = "http://iptc.org/std/nar/2006-10-01/";
const XHTML = "http://www.w3.org/1999/xhtml";
const STANDARD_VERSION = "2.35";
/** The IPTC catalog that defines the scheme aliases used below (ninat, stat, subj, ...). */
const CATALOG = "http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_41.xml";

const ITEM_CLASSES: Record<string, string> = {
  text: "ninat:text",
  preformatted: "ninat:text",
  picture: "ninat:picture",
  graphic: "ninat:graphic",
  audio: "ninat:audio",
  video: "ninat:video",
  composite: "ninat:composite",
};

/** Builds the `newsMessage` document. */
export function toNewsmlG2(item: Doc, context: FormatContext, now = new Date()): string {
  const guid = String(item.guid ?? item._id);
  const version = String(item._current_version ?? item.version ?? 1);
  const language = typeof item.language === "string" && item.language ? item.language : "en";
  const newsItem = el(
    "newsItem",
    {
      guid,
      version,
      standard: "NewsML-G2",
      standardversion: STANDARD_VERSION,
      conformance: "power",
      "xml:lang": language,
    },
    el("catalogRef", { href: CATALOG }),
    rightsInfo(item),
    itemMeta(item, context),
    contentMeta(item, language),
    contentSet(item),
  );
  const header = el(
    "header",
    {},
    el("sent", {}, isoSeconds(now)!),
    el("sender", {}, String(context.subscriber.sender ?? "Superdesk")),
    el("transmitId", {}, `${guid}:${version}:${context.sequence}`),
    el("priority", {}, String(priorityOf(item))),
  );
  return xmlDocument(el("newsMessage", { xmlns: NAR }, header, el("itemSet", {}, newsItem)));
}

function rightsInfo(item: Doc): XmlNode {
  const holder = filledText(item.copyrightholder);
  const notice = filledText(item.copyrightnotice);
  const terms = filledText(item.usageterms);
  if (!holder && !notice && !terms) return undefined;
  return el(
    "rightsInfo",
    {},
    holder && el("copyrightHolder", { literal: undefined }, el("name", {}, holder)),
    notice && el("copyrightNotice", {}, notice),
    terms && el("usageTerms", {}, terms),
  );
}

function itemMeta(item: Doc, context: FormatContext): XmlElement {
  const versionCreated = isoSeconds(item.versioncreated) ?? isoSeconds(new Date())!;
  const firstCreated = isoSeconds(item.firstcreated);
  const embargo = isoSeconds(item.embargo);
  const pubStatus = item.pubstatus === "canceled"
    ? "stat:canceled"
    : item.pubstatus === "withheld"
    ? "stat:withheld"
    : "stat:usable";
  return el(
    "itemMeta",
    {},
    el("itemClass", { qcode: ITEM_CLASSES[String(item.type)] ?? "ninat:text" }),
    el("provider", { literal: String(item.source ?? context.subscriber.provider ?? "Superdesk") }),
    el("versionCreated", {}, versionCreated),
    firstCreated && el("firstCreated", {}, firstCreated),
    embargo && el("embargoed", {}, embargo),
    el("pubStatus", { qcode: pubStatus }),
    ...context.codes.map((code) => el("service", { qcode: `svc:${qcodeSafe(code)}` })),
    filledText(item.ednote) && el("edNote", {}, filledText(item.ednote)!),
    item.state === "corrected" && el("signal", { qcode: "sig:correction" }),
    item.pubstatus === "canceled" && el("signal", { qcode: "sig:kill" }),
  );
}

function contentMeta(item: Doc, language: string): XmlElement {
  const dateline = item.dateline as Doc | undefined;
  const located = (dateline?.located as Doc | undefined)?.city;
  const created = isoSeconds(item.firstcreated);
  const modified = isoSeconds(item.versioncreated);
  return el(
    "contentMeta",
    {},
    typeof item.urgency === "number" && el("urgency", {}, String(item.urgency)),
    created && el("contentCreated", {}, created),
    modified && el("contentModified", {}, modified),
    typeof located === "string" && located &&
      el("located", { type: "cptype:city" }, el("name", {}, located)),
    filledText(item.source) &&
      el("infoSource", { role: "infosrc:source", literal: filledText(item.source) }),
    el("language", { tag: language }),
    ...concepts(item.genre, "genre"),
    ...(Array.isArray(item.keywords) ? item.keywords : []).map((keyword) =>
      el("keyword", {}, String(keyword))
    ),
    ...concepts(item.subject, "subject", "subj"),
    ...concepts(item.anpa_category, "subject", "cat"),
    filledText(item.slugline) && el("slugline", {}, filledText(item.slugline)!),
    filledText(item.headline) && el("headline", {}, filledText(item.headline)!),
    filledText(dateline?.text) && el("dateline", {}, filledText(dateline?.text)!),
    filledText(item.byline) && el("by", {}, filledText(item.byline)!),
    filledText(item.abstract) &&
      el(
        "description",
        { role: "drol:summary" },
        raw(htmlToXml(String(item.abstract), {
          allowed: {},
        })),
      ),
  );
}

/** `[{qcode, name, scheme}]` as `<name qcode="scheme:code"><name>..</name></name>` elements. */
function concepts(list: unknown, element: string, defaultScheme = element): XmlElement[] {
  if (!Array.isArray(list)) return [];
  return list.filter((entry) => entry && typeof entry === "object" && entry.qcode !== undefined)
    .map((entry: Doc) => {
      const scheme = typeof entry.scheme === "string" && entry.scheme
        ? entry.scheme
        : defaultScheme;
      return el(
        element,
        { qcode: `${qcodeSafe(scheme)}:${qcodeSafe(String(entry.qcode))}` },
        filledText(entry.name) && el("name", {}, filledText(entry.name)!),
      );
    });
}

function contentSet(item: Doc): XmlNode {
  const body = filledText(item.body_html);
  if (!body && item.type !== "text") return undefined;
  const xhtml = el(
    "html",
    { xmlns: XHTML },
    el("head", {}, el("title", {}, filledText(item.headline) ?? "")),
    el("body", {}, raw(htmlToXml(body ?? ""))),
  );
  return el(
    "contentSet",
    {},
    el("inlineXML", { contenttype: "application/xhtml+xml" }, xhtml),
  );
}

/** A code without white space (QCodes cannot contain any). */
function qcodeSafe(code: string): string {
  return code.replace(/\s+/g, "_").replace(/^:+/, "") || "_";
}

function priorityOf(item: Doc): number {
  const priority = Number(item.priority);
  return Number.isInteger(priority) && priority >= 1 && priority <= 9 ? priority : 5;
}

/** The `newsmlg2` formatter. */
export const newsmlG2Formatter: Formatter = {
  type: "newsmlg2",
  name: "NewsMLG2Formatter",
  label: "NewsML G2",
  canFormat: () => true,
  format(item: Doc, context: FormatContext): Formatted {
    return { text: toNewsmlG2(item, context), mimeType: "application/xml", extension: "xml" };
  },
};
