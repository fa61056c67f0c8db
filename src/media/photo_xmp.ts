/**
 * Photo metadata as an XMP packet (what pyexiv2 writes for Superdesk's `write_metadata`): one
 * `rdf:Description` with the properties of `photo_metadata.ts`, and the reader of such packets
 * (Superdesk's `read_metadata`, through our safe XML reader).
 */
import { escapeAttribute, escapeText } from "../publish/formatters/xml_writer.ts";
import { childElements, descendants, textOf } from "../xml/xml_query.ts";
import { parseXml, type XmlElement } from "../xml/xml_reader.ts";
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

/**
 * The photo metadata of an XMP packet (`read_metadata`): each known property, from elements or
 * attributes of any `rdf:Description`; a language alternative's x-default (else first) text.
 */
export function readXmp(packet: string): PhotoMetadata {
  const root = parseXml(packet.replace(/^\uFEFF/, ""));
  const metadata: PhotoMetadata = {};
  for (const description of descendants(root, "Description")) {
    if (description.ns !== RDF) continue;
    for (const [key, property] of Object.entries(PHOTO_PROPERTIES)) {
      const ns = XMP_NAMESPACES[property.prefix];
      const attribute = Object.entries(description.attrs).find(([name]) =>
        name.endsWith(`:${property.name}`) &&
        description.attrs[`xmlns:${name.split(":")[0]}`] === ns
      );
      if (attribute) metadata[key] = attribute[1];
      const element = childElements(description).find((e) =>
        e.ns === ns && e.local === property.name
      );
      if (element) metadata[key] = valueOf(element, property.kind);
    }
  }
  return metadata;
}

function valueOf(element: XmlElement, kind: "alt" | "seq" | undefined): string | string[] {
  const items = descendants(element, "li").filter((li) => li.ns === RDF);
  if (kind === "seq") return items.map(textOf);
  if (kind === "alt" && items.length > 0) {
    return textOf(items.find((li) => li.attrs["xml:lang"] === "x-default") ?? items[0]);
  }
  return textOf(element);
}
