/**
 * Photo metadata as an XMP packet (what pyexiv2 writes for Superdesk's `write_metadata`): one
 * `rdf:Description` with the properties of `photo_metadata.ts`.
 */
import { escapeAttribute, escapeText } from "../publish/formatters/xml_writer.ts";
import { PHOTO_PROPERTIES, type PhotoMetadata, XMP_NAMESPACES } from "./photo_metadata.ts";

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/** `metadata` as an XMP packet (UTF-8 text, read-only `end="r"` not claimed: writable). */
export function xmpPacket(metadata: PhotoMetadata): string {
  const properties = Object.entries(metadata).flatMap(([key, value]) => {
    const property = PHOTO_PROPERTIES[key];
    if (!property) return [];
    const tag = `${property.prefix}:${property.name}`;
    const texts = Array.isArray(value) ? value : [value];
    const item = (text: string, lang?: string) =>
      `<rdf:li${lang ? ` xml:lang="${escapeAttribute(lang)}"` : ""}>${escapeText(text)}</rdf:li>`;
    if (property.kind === "alt") {
      return [`<${tag}><rdf:Alt>${item(texts.join(", "), "x-default")}</rdf:Alt></${tag}>`];
    }
    if (property.kind === "seq") {
      return [`<${tag}><rdf:Seq>${texts.map((t) => item(t)).join("")}</rdf:Seq></${tag}>`];
    }
    return [`<${tag}>${escapeText(texts.join(", "))}</${tag}>`];
  });
  const namespaces = Object.entries(XMP_NAMESPACES)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`).join("");
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="${RDF}">` +
    `<rdf:Description rdf:about=""${namespaces}>${properties.join("")}</rdf:Description>` +
    `</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}
