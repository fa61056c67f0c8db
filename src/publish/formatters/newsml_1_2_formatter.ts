/**
 * NewsML 1.2 (Superdesk's `NewsML12Formatter`): a `NewsML` document with the IPTC master catalog,
 * a `NewsEnvelope` (the subscriber's sequence number, the send time, the priority) and one
 * `NewsItem`: its identification (provider, date, guid, revision, public identifier),
 * management (type, dates, status or embargo, urgency, instruction) and a main `NewsComponent`
 * with the news lines, rights and descriptive metadata, then the content: the abstract and the
 * body as NITF for text, one component per rendition for media, and `NewsItemRef`s per group for
 * a package. The DOCTYPE names the DTD as Superdesk's does.
 */
import type { Doc } from "../../storage/document_store.ts";
import type { FormatContext, Formatted, Formatter } from "./formatter.ts";
import { newsml12Content, publicIdentifier } from "./newsml_1_2_content.ts";
import { rightsFor } from "./rights_info.ts";
import { compactDate } from "./superdesk_date.ts";
import { el, filledText, serialize, type XmlElement, type XmlNode } from "./xml_writer.ts";

const PROLOG = '<?xml version="1.0"?>' +
  '<!DOCTYPE NewsML SYSTEM "http://www.provider.com/dtd/NewsML_1.2.dtd">';
const CATALOG = "http://www.iptc.org/std/catalog/catalog.IptcMasterCatalog.xml";
/** Superdesk's default `NEWSML_PROVIDER_ID` (not configurable here: README). */
const PROVIDER_ID = "sourcefabric.org";
const REVISED = new Set(["corrected", "killed", "recalled"]);
const TYPES = new Set(["text", "preformatted", "composite", "picture", "video", "audio"]);

/** Builds the NewsML 1.2 document. */
export function toNewsml12(item: Doc, context: FormatContext, now = new Date()): string {
  const envelope = el(
    "NewsEnvelope",
    {},
    el("TransmissionId", {}, String(context.sequence)),
    el("DateAndTime", {}, compactDate(now)!),
    el("Priority", { FormalName: String(item.priority ?? 5) }),
  );
  const newsItem = el(
    "NewsItem",
    {},
    identification(item, now),
    management(item),
    el(
      "NewsComponent",
      {},
      el(
        "NewsComponent",
        {},
        el("Role", { FormalName: "Main" }),
        newsLines(item),
        rightsMetadata(item, context, now),
        descriptiveMetadata(item),
        ...companies(item),
        ...newsml12Content(item),
      ),
    ),
  );
  return PROLOG + serialize(el("NewsML", {}, el("Catalog", { Href: CATALOG }), envelope, newsItem));
}

function identification(item: Doc, now: Date): XmlElement {
  const version = item._current_version ?? item.version ?? "";
  const previous = REVISED.has(String(item.state)) ? String(Number(version) - 1) : "0";
  return el(
    "Identification",
    {},
    el(
      "NewsIdentifier",
      {},
      el("ProviderId", {}, PROVIDER_ID),
      el("DateId", {}, (compactDate(item.firstcreated) ?? compactDate(now)!).slice(0, 8)),
      el("NewsItemId", {}, String(item.guid ?? item._id)),
      el("RevisionId", { PreviousRevision: previous, Update: "N" }, String(version)),
      el("PublicIdentifier", {}, publicIdentifier(item.item_id ?? item._id, version)),
    ),
    el("DateLabel", {}, dateLabel(now)),
  );
}

/** The parts of a `DateLabel`, in English, UTC. */
const DATE_LABEL_PARTS = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "2-digit",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** `Monday 07 December 2026`, Python's `%A %d %B %Y` in English, UTC. */
function dateLabel(now: Date): string {
  const parts = new Map(DATE_LABEL_PARTS.formatToParts(now).map((part) => [part.type, part.value]));
  const order: Intl.DateTimeFormatPartTypes[] = ["weekday", "day", "month", "year"];
  return order.map((type) => parts.get(type)).join(" ");
}

function management(item: Doc): XmlElement {
  const status = String(item.pubstatus ?? "usable");
  const embargo = compactDate(item.embargo);
  return el(
    "NewsManagement",
    {},
    el("NewsItemType", { FormalName: "News" }),
    el("FirstCreated", {}, compactDate(item.firstcreated) ?? ""),
    el("ThisRevisionCreated", {}, compactDate(item.versioncreated) ?? ""),
    embargo ? el("Status", { FormalName: "Embargoed" }) : el("Status", { FormalName: status }),
    embargo && el(
      "StatusWillChange",
      {},
      el("FutureStatus", { FormalName: status }),
      el("DateAndTime", {}, embargo),
    ),
    Boolean(item.urgency) && el("Urgency", { FormalName: String(item.urgency) }),
    el("Instruction", { FormalName: item.state === "corrected" ? "Correction" : "Update" }),
  );
}

function newsLines(item: Doc): XmlElement {
  const dateline = filledText((item.dateline as Doc | undefined)?.text);
  return el(
    "NewsLines",
    {},
    filledText(item.headline) && el("HeadLine", {}, filledText(item.headline)!),
    filledText(item.byline) && el("ByLine", {}, filledText(item.byline)!),
    dateline && el("DateLine", {}, dateline),
    el("CreditLine", {}, creditOf(item)),
    filledText(item.slugline) && el("KeywordLine", {}, filledText(item.slugline)!),
    filledText(item.ednote) && el(
      "NewsLine",
      {},
      el("NewsLineType", { FormalName: "EditorialNote" }),
      el("NewsLineText", {}, filledText(item.ednote)!),
    ),
  );
}

function rightsMetadata(item: Doc, context: FormatContext, now: Date): XmlElement {
  const rights = rightsFor(item, context.rights ?? []);
  const stamp = compactDate(now)!;
  return el(
    "RightsMetadata",
    {},
    el(
      "Copyright",
      {},
      el("CopyrightHolder", {}, String(rights.copyrightholder ?? "")),
      el("CopyrightDate", {}, String(now.getUTCFullYear())),
    ),
    el(
      "UsageRights",
      {},
      el("UsageType", {}, String(rights.copyrightnotice ?? "")),
      el("RightsHolder", {}, creditOf(item)),
      el("Limitations", {}, String(rights.usageterms ?? "")),
      el("StartDate", {}, stamp),
      el("EndDate", {}, stamp),
    ),
  );
}

function descriptiveMetadata(item: Doc): XmlElement {
  const located = (item.dateline as Doc | undefined)?.located as Doc | undefined;
  return el(
    "DescriptiveMetadata",
    {},
    el(
      "SubjectCode",
      {},
      ...docs(item.subject).map((subject) =>
        el("Subject", { FormalName: String(subject.qcode ?? "") })
      ),
    ),
    located && location("Origin", [
      ["City", located.city],
      ["CountryArea", located.state],
      ["Country", located.country],
    ]),
    ...docs(item.place).map((place) =>
      location("RelatesTo", [
        ["CountryArea", place.state],
        ["Country", place.country],
        ["WorldRegion", place.world_region],
      ])
    ),
    ...docs(item.anpa_category).map((category) =>
      el("Property", { FormalName: "Category", Value: String(category.qcode ?? "") })
    ),
  );
}

/** A `Location` with the properties that have a value; none when no property has one. */
function location(howPresent: string, properties: Array<[string, unknown]>): XmlNode {
  const present = properties.filter(([, value]) => filledText(value));
  if (present.length === 0) return undefined;
  return el(
    "Location",
    { HowPresent: howPresent },
    ...present.map(([name, value]) => el("Property", { FormalName: name, Value: String(value) })),
  );
}

function companies(item: Doc): XmlElement[] {
  return docs(item.company_codes).map((company) =>
    el(
      "Metadata",
      {},
      el("MetadataType", { FormalName: "Securities Identifier" }),
      el("Property", { FormalName: "Name", Value: String(company.name ?? "") }),
      el("Property", { FormalName: "Ticker Symbol", Value: String(company.qcode ?? "") }),
      el("Property", { FormalName: "Exchange", Value: String(company.security_exchange ?? "") }),
    )
  );
}

function creditOf(item: Doc): string {
  return String(item.original_source ?? item.source ?? "");
}

function docs(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter((entry) => entry && typeof entry === "object") : [];
}

/** The `newsml12` formatter. */
export const newsml12Formatter: Formatter = {
  type: "newsml12",
  name: "NewsML12Formatter",
  label: "NewsML 1.2",
  canFormat: (item) => TYPES.has(String(item.type ?? "text")),
  format(item: Doc, context: FormatContext): Formatted {
    return { text: toNewsml12(item, context), mimeType: "application/xml", extension: "xml" };
  },
};
