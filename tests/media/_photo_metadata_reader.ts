/**
 * Reads back what `jpeg_photo_metadata.ts` writes, for tests: the photo metadata of a JPEG's XMP
 * packet (Superdesk's `read_metadata`), through our safe XML reader.
 */
import {
  PHOTO_PROPERTIES,
  type PhotoMetadata,
  XMP_NAMESPACES,
} from "../../src/media/photo_metadata.ts";
import { childElements, descendants, textOf } from "../../src/xml/xml_query.ts";
import { parseXml, type XmlElement } from "../../src/xml/xml_reader.ts";

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const XMP_ID = "http://ns.adobe.com/xap/1.0/\0";

/** The photo metadata of `jpeg`'s XMP packet (empty when it has none). */
export function readPhotoMetadata(jpeg: Uint8Array): PhotoMetadata {
  let at = 2;
  while (at + 4 <= jpeg.byteLength && jpeg[at] === 0xff && jpeg[at + 1] !== 0xda) {
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    const content = jpeg.subarray(at + 4, at + 2 + length);
    const head = new TextDecoder("latin1").decode(content.subarray(0, XMP_ID.length));
    if (jpeg[at + 1] === 0xe1 && head === XMP_ID) {
      return readXmp(new TextDecoder().decode(content.subarray(XMP_ID.length)));
    }
    at += 2 + length;
  }
  return {};
}

/**
 * The photo metadata of an XMP packet (`read_metadata`): each known property, from elements or
 * attributes of any `rdf:Description`; a language alternative's x-default (else first) text.
 */
function readXmp(packet: string): PhotoMetadata {
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
