/**
 * The metadata of an Ogg file as Superdesk lists it (hachoir's `OggMetadata`): of a Vorbis
 * stream its format, sample rate, channels and nominal bit rate (identification header), its
 * tags (comment header: ARTIST, TITLE, GENRE ...) and its duration (the end-of-stream page's
 * granule position over the sample rate). Only the first `HEAD_BYTES` and the last
 * `MAX_PAGE_BYTES` are read.
 */
import { ascii, concatBytes } from "../bytes.ts";
import type { ByteSource } from "./av_source.ts";
import { boundedText, decodeText, durationText, tagDate, tagText } from "./av_values.ts";

/** Where the header packets are looked for (a comment with cover art can be long). */
const HEAD_BYTES = 256 * 1024;
/** The largest page: header, 255 lacing values, 255 segments of 255 bytes. */
const MAX_PAGE_BYTES = 27 + 255 + 255 * 255;

/** Vorbis comment names and the keys Superdesk files them under (hachoir's). */
const TAG_KEYS: Readonly<Record<string, string>> = {
  ARTIST: "artist",
  ALBUM: "album",
  TRACKNUMBER: "track_number",
  TRACKTOTAL: "track_total",
  ENCODER: "producer",
  TITLE: "title",
  LOCATION: "location",
  DATE: "creation_date",
  ORGANIZATION: "organization",
  GENRE: "music_genre",
  "": "comment",
  COMPOSER: "music_composer",
  DESCRIPTION: "comment",
  COMMENT: "comment",
  WWW: "url",
  WOAF: "url",
  LICENSE: "copyright",
};

/** One page's header: where its body lies, its stream and granule position. */
interface Page {
  serial: number;
  granule: bigint;
  continued: boolean;
  /** The stream's end-of-stream page. */
  last: boolean;
  lacing: Uint8Array;
  bodyStart: number;
  end: number;
}

/** The metadata of the Ogg file `source` (what its bytes allow; empty when not Ogg). */
export async function oggMetadata(source: ByteSource): Promise<Record<string, string>> {
  const head = await source.read(0, HEAD_BYTES);
  const first = pageAt(head, 0);
  if (!first) return {};
  const [ident, comment] = packetsOf(head, first.serial, 2);
  const meta: Record<string, string> = {};
  const vorbis = ident && headerOf(ident, 1, "vorbis");
  meta.mime_type = vorbis
    ? "audio/vorbis"
    : ident && headerOf(ident, 0x80, "theora")
    ? "video/theora"
    : "application/ogg";
  meta.endian = "Little endian";
  if (!vorbis) return meta;
  const rate = vorbis.getUint32(12, true);
  // hachoir's bounds: a rate outside them is dropped, and no duration is reckoned from it.
  const sampleRate = boundedText(rate, 1000, 192_000);
  Object.assign(
    meta,
    defined({
      compression: "Vorbis",
      sample_rate: sampleRate,
      nb_channel: boundedText(vorbis.getUint8(11), 1, 8),
      format_version: `Vorbis version ${vorbis.getUint32(7, true)}`,
      bit_rate: boundedText(vorbis.getInt32(20, true), 1, 500 * 1024 * 1024),
    }),
  );
  const tags = comment && headerOf(comment, 3, "vorbis");
  if (tags) Object.assign(meta, commentTags(tags));
  const granule = sampleRate ? await lastGranule(source, first.serial) : undefined;
  const duration = granule === undefined ? undefined : durationText(Number(granule) / rate);
  if (duration) meta.duration = duration;
  return meta;
}

/** The page whose header starts at `at` in `bytes`, when it is whole there. */
function pageAt(bytes: Uint8Array, at: number): Page | undefined {
  if (at + 27 > bytes.byteLength || ascii(bytes, at, 4) !== "OggS" || bytes[at + 4] !== 0) {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 27);
  const count = view.getUint8(26);
  const bodyStart = at + 27 + count;
  if (bodyStart > bytes.byteLength) return undefined;
  const lacing = bytes.subarray(at + 27, bodyStart);
  const end = bodyStart + lacing.reduce((sum, n) => sum + n, 0);
  return {
    serial: view.getUint32(14, true),
    granule: view.getBigInt64(6, true),
    continued: (view.getUint8(5) & 1) === 1,
    last: (view.getUint8(5) & 4) === 4,
    lacing,
    bodyStart,
    end,
  };
}

/** The first `wanted` whole packets of stream `serial` in the pages from the start of `bytes`. */
function packetsOf(bytes: Uint8Array, serial: number, wanted: number): Uint8Array[] {
  const packets: Uint8Array[] = [];
  let parts: Uint8Array[] = [];
  let at = 0;
  for (let page = pageAt(bytes, 0); page; page = pageAt(bytes, at)) {
    if (page.end > bytes.byteLength) break;
    at = page.end;
    if (page.serial !== serial) continue;
    // A continuation with nothing begun (or a packet cut by a new one) is dropped.
    if (!page.continued) parts = [];
    let offset = page.bodyStart;
    for (const size of page.lacing) {
      parts.push(bytes.subarray(offset, offset + size));
      offset += size;
      if (size === 255) continue;
      packets.push(parts.length === 1 ? parts[0]! : concatBytes(parts));
      parts = [];
      if (packets.length === wanted) return packets;
    }
  }
  return packets;
}

/**
 * The granule position of stream `serial`'s end-of-stream page (hachoir's last page): a file
 * cut before it, or a stream never ended, has no duration.
 */
async function lastGranule(source: ByteSource, serial: number): Promise<bigint | undefined> {
  const start = Math.max(0, source.size - MAX_PAGE_BYTES);
  const tail = await source.read(start, source.size - start);
  for (let at = tail.byteLength - 27; at >= 0; at--) {
    if (tail[at] !== 0x4f) continue;
    const page = pageAt(tail, at);
    if (page?.serial === serial && page.last && page.granule >= 0n) {
      return page.granule;
    }
  }
  return undefined;
}

/** `packet`'s view when it is header `type` of `codec` (its type byte, then the codec's name). */
function headerOf(packet: Uint8Array, type: number, codec: string): DataView | undefined {
  const size = codec === "vorbis" && type === 1 ? 30 : 1 + codec.length;
  if (packet.byteLength < size || packet[0] !== type || ascii(packet, 1, codec.length) !== codec) {
    return undefined;
  }
  return new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
}

/** The tags of a Vorbis comment header: its vendor as `producer`, then its known names. */
function commentTags(view: DataView): Record<string, string> {
  const tags: Record<string, string> = {};
  let at = 7;
  const text = () => {
    if (at + 4 > view.byteLength) return undefined;
    const length = view.getUint32(at, true);
    if (at + 4 + length > view.byteLength) return undefined;
    const bytes = new Uint8Array(view.buffer, view.byteOffset + at + 4, length);
    at += 4 + length;
    return decodeText(bytes);
  };
  const vendor = text();
  if (vendor === undefined) return tags;
  const producer = tagText(vendor);
  if (producer) tags.producer = producer;
  const count = at + 4 <= view.byteLength ? view.getUint32(at, true) : 0;
  at += 4;
  for (let i = 0; i < count; i++) {
    const entry = text();
    if (entry === undefined) break;
    const equals = entry.indexOf("=");
    if (equals < 0) continue;
    const key = TAG_KEYS[entry.slice(0, equals).toUpperCase()];
    if (key) Object.assign(tags, tagValues(key, entry.slice(equals + 1)));
  }
  return tags;
}

/**
 * The values a tag gives (hachoir's setters): a date read as one (else none), a track number
 * `3/12` as its number and total, a count within 1..999, other text as it is kept.
 */
function tagValues(key: string, value: string): Record<string, string> {
  const text = tagText(value);
  if (text === undefined) return {};
  if (key === "creation_date") return defined({ [key]: tagDate(text) });
  if (key === "track_number" && text.includes("/")) {
    const [number, total] = text.split("/", 2);
    return { ...tagValues(key, number!), ...tagValues("track_total", total!) };
  }
  if (key === "track_number" || key === "track_total") {
    return defined({
      [key]: /^\s*[+-]?\d+\s*$/.test(text) ? boundedText(Number(text), 1, 999) : undefined,
    });
  }
  return { [key]: text };
}

/** `values` without those undefined. */
function defined(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
