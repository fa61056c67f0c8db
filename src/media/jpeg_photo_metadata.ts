/**
 * Writes photo metadata into a JPEG file as Superdesk's `write_metadata` does with exiv2: an XMP
 * packet (APP1 `http://ns.adobe.com/xap/1.0/`) and the same values as IPTC-IIM datasets of
 * record 2 (APP13 `Photoshop 3.0`, image resource 0x0404, declared UTF-8). The file's other
 * segments and other Photoshop resources are kept byte for byte; its IIM datasets the metadata
 * sets are replaced, the others kept; its XMP packet is replaced. Reads such metadata back too.
 */
import { ascii, concatBytes as concat } from "../bytes.ts";
import { PHOTO_PROPERTIES, type PhotoMetadata } from "./photo_metadata.ts";
import { xmpPacket } from "./photo_xmp.ts";

const XMP_ID = "http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_ID = "Photoshop 3.0\0";
/** The IPTC-IIM image resource. */
const IPTC_RESOURCE = 0x0404;
/** A segment's content is at most 65533 bytes (its length field counts itself). */
const MAX_SEGMENT = 65_533;
/** An IIM dataset of standard length is at most 32767 bytes. */
const MAX_DATASET = 32_767;

/** A segment of a JPEG file's header: its marker and content. */
interface Segment {
  marker: number;
  content: Uint8Array;
}

/** A JPEG file cannot take the metadata (not a JPEG, broken, or the metadata too long). */
export class JpegMetadataError extends Error {}

/**
 * `jpeg` with `metadata` written in (`jpeg` itself when it holds it already: only the segments
 * before the image data are compared); a `JpegMetadataError` when it cannot be.
 */
export function writePhotoMetadata(jpeg: Uint8Array, metadata: PhotoMetadata): Uint8Array {
  const { segments, rest } = splitJpeg(jpeg);
  const xmp = new TextEncoder().encode(XMP_ID + xmpPacket(metadata));
  if (xmp.byteLength > MAX_SEGMENT) throw new JpegMetadataError("The XMP packet is too long");
  const oldApp13 = segments.find((s) => s.marker === 0xed && startsWith(s.content, PHOTOSHOP_ID));
  const app13 = photoshopSegment(oldApp13?.content, metadata);
  const kept = segments.filter((s) =>
    !(s.marker === 0xe1 && startsWith(s.content, XMP_ID)) && s !== oldApp13
  );
  // After the leading APP0 (JFIF) and APP1 (Exif) segments, where readers look first.
  let at = 0;
  while (at < kept.length && (kept[at]!.marker === 0xe0 || kept[at]!.marker === 0xe1)) at++;
  kept.splice(at, 0, { marker: 0xe1, content: xmp }, { marker: 0xed, content: app13 });
  const head = joinSegments(kept);
  const oldHead = jpeg.subarray(0, jpeg.byteLength - rest.byteLength);
  return sameBytes(head, oldHead) ? jpeg : concat([head, rest]);
}

/** The IIM datasets of record 2 for `metadata` (repeated for each of a list's texts). */
function iimDatasets(metadata: PhotoMetadata): Uint8Array[] {
  return Object.entries(metadata).flatMap(([key, value]) => {
    const property = PHOTO_PROPERTIES[key];
    if (!property) return [];
    return (Array.isArray(value) ? value : [value]).map((text) => dataset(2, property.iim, text));
  });
}

function dataset(record: number, number: number, text: string | Uint8Array): Uint8Array {
  const data = typeof text === "string" ? new TextEncoder().encode(text) : text;
  if (data.byteLength > MAX_DATASET) throw new JpegMetadataError("An IPTC value is too long");
  const out = new Uint8Array(5 + data.byteLength);
  out.set([0x1c, record, number, data.byteLength >> 8, data.byteLength & 0xff]);
  out.set(data, 5);
  return out;
}

/**
 * The APP13 content: `old`'s resources with its IPTC resource's datasets merged with
 * `metadata`'s (those it sets replaced, the others kept; record 1 declares UTF-8).
 */
function photoshopSegment(old: Uint8Array | undefined, metadata: PhotoMetadata): Uint8Array {
  const resources = old ? photoshopResources(old.subarray(PHOTOSHOP_ID.length)) : [];
  const oldIptc = resources.find((r) => r.id === IPTC_RESOURCE);
  const replaced = new Set(
    Object.keys(metadata).flatMap((key) => PHOTO_PROPERTIES[key]?.iim ?? []),
  );
  const kept = oldIptc
    ? iimOf(oldIptc.data).filter((d) =>
      !(d[1] === 1 && d[2] === 90) && !(d[1] === 2 && replaced.has(d[2]!))
    )
    : [];
  const recordOne = kept.filter((d) => d[1] === 1);
  const recordTwo = kept.filter((d) => d[1] !== 1);
  const utf8 = dataset(1, 90, new Uint8Array([0x1b, 0x25, 0x47]));
  const iptc = concat([...recordOne, utf8, ...recordTwo, ...iimDatasets(metadata)]);
  const others = resources.filter((r) => r !== oldIptc);
  const content = concat([
    new TextEncoder().encode(PHOTOSHOP_ID),
    ...[...others, { id: IPTC_RESOURCE, name: new Uint8Array([0, 0]), data: iptc }].map(resource),
  ]);
  if (content.byteLength > MAX_SEGMENT) throw new JpegMetadataError("The IPTC data is too long");
  return content;
}

/** A Photoshop image resource: its id, its name as stored (padded), its data. */
interface Resource {
  id: number;
  name: Uint8Array;
  data: Uint8Array;
}

/** The `8BIM` resources of an APP13's content (those after a broken one are dropped). */
function photoshopResources(bytes: Uint8Array): Resource[] {
  const resources: Resource[] = [];
  let at = 0;
  while (at + 12 <= bytes.byteLength && ascii(bytes, at, 4) === "8BIM") {
    const id = (bytes[at + 4]! << 8) | bytes[at + 5]!;
    const nameLength = 1 + bytes[at + 6]!;
    const paddedName = nameLength + (nameLength % 2);
    const sizeAt = at + 6 + paddedName;
    if (sizeAt + 4 > bytes.byteLength) break;
    const size = new DataView(bytes.buffer, bytes.byteOffset + sizeAt, 4).getUint32(0);
    const dataAt = sizeAt + 4;
    if (dataAt + size > bytes.byteLength) break;
    resources.push({
      id,
      name: bytes.subarray(at + 6, sizeAt),
      data: bytes.subarray(dataAt, dataAt + size),
    });
    at = dataAt + size + (size % 2);
  }
  return resources;
}

function resource({ id, name, data }: Resource): Uint8Array {
  const head = new Uint8Array(6 + name.byteLength + 4);
  head.set([0x38, 0x42, 0x49, 0x4d, id >> 8, id & 0xff]);
  head.set(name, 6);
  new DataView(head.buffer).setUint32(6 + name.byteLength, data.byteLength);
  return concat(data.byteLength % 2 ? [head, data, new Uint8Array(1)] : [head, data]);
}

/** The standard-length datasets of an IIM block, each whole (tag, record, number, size, data). */
function iimOf(bytes: Uint8Array): Uint8Array[] {
  const datasets: Uint8Array[] = [];
  let at = 0;
  while (at + 5 <= bytes.byteLength && bytes[at] === 0x1c && !(bytes[at + 3]! & 0x80)) {
    const end = at + 5 + ((bytes[at + 3]! << 8) | bytes[at + 4]!);
    if (end > bytes.byteLength) break;
    datasets.push(bytes.subarray(at, end));
    at = end;
  }
  return datasets;
}

/** A JPEG file's header segments (up to the start of scan) and what follows them. */
function splitJpeg(jpeg: Uint8Array): { segments: Segment[]; rest: Uint8Array } {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new JpegMetadataError("Not a JPEG file");
  const segments: Segment[] = [];
  let at = 2;
  while (at + 4 <= jpeg.byteLength && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return { segments, rest: jpeg.subarray(at) };
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!;
    if (length < 2 || at + 2 + length > jpeg.byteLength) break;
    segments.push({ marker, content: jpeg.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
  }
  throw new JpegMetadataError("The JPEG file is broken before its image data");
}

/** The start of image and `segments`: a JPEG file's header, up to its image data. */
function joinSegments(segments: Segment[]): Uint8Array {
  return concat([
    new Uint8Array([0xff, 0xd8]),
    ...segments.map(({ marker, content }) => {
      const head = new Uint8Array([0xff, marker, (content.byteLength + 2) >> 8, 0]);
      head[3] = (content.byteLength + 2) & 0xff;
      return concat([head, content]);
    }),
  ]);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  return ascii(bytes, 0, text.length) === text;
}
