/**
 * NINJS (Superdesk's `NINJSFormatter`): Superdesk's extension of IPTC ninjs 1.x — `guid` and
 * `version`, the text and metadata fields copied as they are, `subject`/`genre`/`place`/`service`
 * as `{code, name}` lists, `located` from the dateline, word and character counts, `priority`
 * (5 when unset), `embargoed`, `evolvedfrom`; a package's items as `associations` named after
 * their groups (`main`, or `main-0`, `main-1` ... for a group of several), each the item's full
 * ninjs where the package embeds it (a `packaged` destination's, `packaged_destination.ts`). `uri` (the guid) is added so the document is also
 * valid against IPTC's own ninjs 1.3 schema, which requires it.
 *
 * `renditions` keep Superdesk's fields (`href`, `width`, `height`, `mimetype`, `poi`, `media`,
 * whose media id the HTTP push and FTP transmitters send the binaries by); a picture's include
 * the `thumbnail`, `viewImage` and `baseImage` previews, as Superdesk's `NINJS_COMMON_RENDITIONS`
 * does by default. An item's embedded items (pictures, media
 * fields) are formatted into `associations` by their keys, in their `order`, without their own
 * associations, and with a point of interest on their original rendition only. An item with no
 * copyright of its own gets the `rightsinfo` vocabulary's (`rights_info.ts`).
 */
import type { Doc } from "../../storage/document_store.ts";
import type { FormatContext, Formatted, Formatter } from "./formatter.ts";
import { bodyWithFooter } from "./body_footer.ts";
import { htmlToText } from "./html_fragment.ts";
import { rightsFor } from "./rights_info.ts";
import { superdeskDate } from "./superdesk_date.ts";
import { wordCount } from "../../text/html_text.ts";

/** Fields copied unchanged when present (strings and numbers). */
const COPIED = [
  "usageterms",
  "language",
  "headline",
  "copyrightnotice",
  "urgency",
  "pubstatus",
  "mimetype",
  "copyrightholder",
  "ednote",
  "body_text",
  "body_html",
  "slugline",
  "byline",
  "source",
  "profile",
] as const;

const DATES = ["versioncreated", "firstcreated", "firstpublished"] as const;

/** Item types ninjs knows; anything else is sent as `text`. */
const TYPES = new Set(["text", "audio", "video", "picture", "graphic", "composite"]);

/** Superdesk's NINJS output as a plain object (also used by the NITF and email formatters). */
export function toNinjs(
  item: Doc,
  { recursive = true, rights = [] }: { recursive?: boolean; rights?: readonly Doc[] } = {},
): Doc {
  const guid = String(item.guid ?? item._id);
  const ninjs: Doc = {
    guid,
    uri: guid,
    version: String(item._current_version ?? item.version ?? 1),
    type: TYPES.has(String(item.type)) ? item.type : "text",
  };
  for (const field of COPIED) {
    const value = item[field];
    if (value !== undefined && value !== null && value !== "") ninjs[field] = value;
  }
  for (const field of DATES) {
    const value = superdeskDate(item[field]);
    if (value) ninjs[field] = value;
  }
  const located = (item.dateline as Doc | undefined)?.located as Doc | undefined;
  if (located?.city) ninjs.located = String(located.city);
  if (Array.isArray(item.keywords) && item.keywords.length > 0) ninjs.keywords = item.keywords;
  ninjs.priority = typeof item.priority === "number" ? item.priority : 5;
  const subject = codes(item.subject, { scheme: true });
  if (subject.length > 0) ninjs.subject = subject;
  const service = codes(item.anpa_category);
  if (service.length > 0) ninjs.service = service;
  const genre = codes(item.genre);
  if (genre.length > 0) ninjs.genre = genre;
  const place = codes(item.place);
  if (place.length > 0) ninjs.place = place;
  const embargo = superdeskDate(item.embargo);
  if (embargo) ninjs.embargoed = embargo;
  if (typeof item.abstract === "string" && item.abstract !== "") {
    ninjs.description_html = item.abstract;
    ninjs.description_text = htmlToText(item.abstract);
  } else if (typeof item.description_text === "string" && item.description_text !== "") {
    ninjs.description_text = item.description_text;
    ninjs.description_html = `<p>${item.description_text}</p>`;
  }
  if (typeof item.rewrite_of === "string" && item.rewrite_of) ninjs.evolvedfrom = item.rewrite_of;
  if (!ninjs.copyrightholder && !ninjs.copyrightnotice && !ninjs.usageterms) {
    Object.assign(ninjs, rightsFor(item, rights));
  }
  if (typeof item.body_html === "string" && item.body_html !== "") {
    ninjs.body_html = bodyWithFooter(item);
  }
  if (ninjs.type === "text" && typeof ninjs.body_html === "string") {
    const text = htmlToText(ninjs.body_html);
    ninjs.charcount = text.length;
    const words = wordCount(ninjs.body_html);
    ninjs.wordcount = words;
    ninjs.readtime = Math.round(words / 250);
  }
  if (item.extra && typeof item.extra === "object" && Object.keys(item.extra).length > 0) {
    ninjs.extra = item.extra;
  }
  if (isFilled(item.renditions)) {
    ninjs.renditions = renditions(item.renditions);
  }
  if (recursive) {
    const related = relatedAssociations(item, rights);
    if (item.type === "composite" || related) {
      ninjs.associations = {
        ...(item.type === "composite" ? packageAssociations(item, rights) : {}),
        ...related,
      };
    }
  }
  return ninjs;
}

/** The rendition fields Superdesk publishes. */
const RENDITION_FIELDS = ["href", "width", "height", "mimetype", "poi", "media"] as const;

/** Whether `value` is an object with at least one key (Python's truthy dict). */
function isFilled(value: unknown): value is Doc {
  return Boolean(value) && typeof value === "object" && Object.keys(value as Doc).length > 0;
}

/** Superdesk's `_get_renditions`: each rendition's published fields. */
function renditions(given: Doc): Doc {
  const out: Doc = {};
  for (const [name, rendition] of Object.entries(given)) {
    if (!rendition || typeof rendition !== "object") continue;
    const formatted: Doc = {};
    for (const field of RENDITION_FIELDS) {
      if (!(field in rendition)) continue;
      const value = (rendition as Doc)[field];
      if (field === "width" || field === "height") {
        if (value) formatted[field] = Math.trunc(Number(value));
      } else formatted[field] = value;
    }
    out[name] = formatted;
  }
  return out;
}

/** Superdesk's `_format_related`: the embedded items, by key, in their `order` (1 when unset). */
function relatedAssociations(item: Doc, rights: readonly Doc[]): Doc | undefined {
  const associations = item.associations;
  if (!associations || typeof associations !== "object") return undefined;
  const entries = Object.entries(associations as Doc)
    .filter((entry): entry is [string, Doc] => Boolean(entry[1]) && typeof entry[1] === "object")
    .sort(([, a], [, b]) => Number(a.order ?? 1) - Number(b.order ?? 1));
  if (entries.length === 0) return undefined;
  const out: Doc = {};
  for (const [key, related] of entries) {
    const formatted = toNinjs(related, { recursive: false, rights });
    for (const [name, rendition] of Object.entries((formatted.renditions ?? {}) as Doc)) {
      if (name !== "original") delete (rendition as Doc).poi;
    }
    out[key] = formatted;
  }
  return out;
}

/**
 * Superdesk's `_get_groups`: the package's item refs by group, as `{guid, type, label?}`, with
 * the item's own ninjs over it where the ref embeds it (`package_item`, packaged destinations).
 */
function packageAssociations(item: Doc, rights: readonly Doc[]): Doc {
  const associations: Doc = {};
  const groups = Array.isArray(item.groups) ? item.groups as Doc[] : [];
  for (const group of groups) {
    if (!group || group.id === "root" || !Array.isArray(group.refs)) continue;
    const members = (group.refs as Doc[]).filter((ref) => ref && "residRef" in ref)
      .map((ref) => {
        const member: Doc = { guid: ref.residRef, type: ref.type ?? "text" };
        if ("label" in ref) member.label = ref.label;
        if (isFilled(ref.package_item)) {
          Object.assign(member, toNinjs(ref.package_item, { recursive: false, rights }));
        }
        return member;
      });
    if (members.length === 1) associations[String(group.id)] = members[0];
    else members.forEach((member, i) => associations[`${group.id}-${i}`] = member);
  }
  return associations;
}

/** `[{qcode, name, scheme}]` as ninjs `[{code, name, scheme?}]`. */
function codes(list: unknown, { scheme = false } = {}): Doc[] {
  if (!Array.isArray(list)) return [];
  return list.filter((entry) => entry && typeof entry === "object" && entry.qcode !== undefined)
    .map((entry: Doc) => {
      const out: Doc = { code: String(entry.qcode), name: String(entry.name ?? entry.qcode) };
      if (scheme && typeof entry.scheme === "string" && entry.scheme) out.scheme = entry.scheme;
      return out;
    });
}

/** The `ninjs` formatter. */
export const ninjsFormatter: Formatter = {
  type: "ninjs",
  name: "NINJSFormatter",
  canPreview: true,
  canExport: true,
  label: "NINJS",
  itemOnly: true,
  canFormat: () => true,
  format(item: Doc, { rights }: FormatContext): Formatted {
    return {
      text: JSON.stringify(toNinjs(item, { rights })),
      mimeType: "application/json",
      extension: "json",
    };
  },
};
