/**
 * The content components of a NewsML 1.2 item (Superdesk's `NewsML12Formatter`): for text, an
 * `Abstract` component (plain text) and a `BodyText` one (the body and its footer,
 * `body_footer.ts`, as NITF's `body.content`); for pictures, video and audio, one component per
 * rendition with its link, format and characteristics (size of the original, dimensions, duration); for a package, a
 * `root` component with one component per group listing its items as `NewsItemRef`s.
 */
import type { Doc } from "../../storage/document_store.ts";
import { bodyWithFooter } from "./body_footer.ts";
import { htmlToText, htmlToXml } from "./html_fragment.ts";
import { el, raw, type XmlElement } from "./xml_writer.ts";

/** `<id>:<version><update>`, how a NewsML 1.2 item is named (`Update` is always `N`). */
export function publicIdentifier(id: unknown, version: unknown): string {
  return `${String(id)}:${String(version ?? "")}N`;
}

const MEDIA_TYPES: Record<string, string> = { picture: "Photo", video: "Video", audio: "Audio" };

/** The components after the main component's metadata. */
export function newsml12Content(item: Doc): XmlElement[] {
  const type = String(item.type ?? "text");
  if (type === "composite") return [packageComponent(item)];
  if (type === "text" || type === "preformatted") return [abstract(item), body(item)];
  const media = MEDIA_TYPES[type];
  return media ? [mediaComponent(item, media)] : [];
}

function abstract(item: Doc): XmlElement {
  return el(
    "NewsComponent",
    {},
    el("Role", { FormalName: "Abstract" }),
    el(
      "ContentItem",
      {},
      el("MediaType", { FormalName: "Text" }),
      el("Format", { FormalName: "Text" }),
      el("DataContent", {}, htmlToText(String(item.abstract ?? ""))),
    ),
  );
}

function body(item: Doc): XmlElement {
  const html = bodyWithFooter(item);
  return el(
    "NewsComponent",
    {},
    el("Role", { FormalName: "BodyText" }),
    el(
      "ContentItem",
      {},
      el("MediaType", { FormalName: "Text" }),
      el("Format", { FormalName: "NITF" }),
      el(
        "DataContent",
        {},
        el("nitf", {}, el("body", {}, el("body.content", {}, raw(htmlToXml(html))))),
      ),
    ),
  );
}

function mediaComponent(item: Doc, mediaType: string): XmlElement {
  const renditions = (item.renditions && typeof item.renditions === "object")
    ? Object.entries(item.renditions as Record<string, Doc | null>)
    : [];
  const meta = fileMetaOf(item);
  return el(
    "NewsComponent",
    {},
    el("Role", { FormalName: mediaType }),
    ...renditions.map(([name, rendition]) =>
      el(
        "NewsComponent",
        {},
        el("Role", { FormalName: name }),
        el(
          "ContentItem",
          { Href: String(rendition?.href ?? "") },
          el("MediaType", { FormalName: mediaType }),
          el("Format", { FormalName: String(rendition?.mimetype ?? "") }),
          el("Characteristics", {}, ...characteristics(item, meta, [name, rendition ?? {}])),
        ),
      )
    ),
  );
}

/** A rendition's characteristics: `meta` is the item's file metadata (`fileMetaOf`). */
function characteristics(
  item: Doc,
  meta: Doc,
  [name, rendition]: [string, Doc],
): XmlElement[] {
  const out: XmlElement[] = [];
  const property = (formalName: string, value: unknown) => {
    if (value) out.push(el("Property", { FormalName: formalName, Value: String(value) }));
  };
  const length = meta.length;
  if (name === "original" && length) out.push(el("SizeInBytes", {}, String(length)));
  if (item.type === "picture") {
    property("Width", rendition.width);
    property("Height", rendition.height);
  } else {
    property("Width", meta.width);
    property("Height", meta.height);
    property("TotalDuration", seconds(meta.duration));
  }
  return out;
}

/** `H:MM:SS.ffff` as whole seconds; 0 for anything else (Superdesk's `_get_total_duration`). */
function seconds(duration: unknown): number {
  const match = /^(\d+):(\d{1,2}):(\d{1,2})\.\d+$/.exec(String(duration ?? ""));
  if (!match) return 0;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** The item's file metadata (`filemeta_json`, else `filemeta`), read once; empty without. */
function fileMetaOf(item: Doc): Doc {
  let meta: unknown = item.filemeta;
  if (typeof item.filemeta_json === "string") {
    try {
      meta = JSON.parse(item.filemeta_json);
    } catch {
      meta = undefined;
    }
  }
  return meta && typeof meta === "object" ? meta as Doc : {};
}

function packageComponent(item: Doc): XmlElement {
  const groups = Array.isArray(item.groups) ? item.groups as Doc[] : [];
  return el(
    "NewsComponent",
    {},
    el("Role", { FormalName: "root" }),
    ...groups.filter((group) => group && group.id !== "root").map((group) =>
      el(
        "NewsComponent",
        {},
        el("Role", { FormalName: String(group.role ?? "") }),
        ...(Array.isArray(group.refs) ? group.refs as Doc[] : [])
          .filter((ref) => ref && "residRef" in ref)
          .map((ref) =>
            el("NewsItemRef", { NewsItem: publicIdentifier(ref.residRef, ref._current_version) })
          ),
      )
    ),
  );
}
