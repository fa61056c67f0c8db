/**
 * Small audio and video files made in the tests (no fixture files): an Ogg Vorbis file whose
 * headers and tags are those of Superdesk's fixture green.ogg, and an MP4 file with the movie
 * and track headers of its this_week_nasa.mp4. Their packets and samples are filler: only the
 * containers' headers are real, which is all a metadata reader reads.
 */
import { concatBytes as concat } from "../../src/bytes.ts";

/** What an Ogg Vorbis file declares. */
export interface OggOptions {
  rate?: number;
  channels?: number;
  nominalBitrate?: number;
  vendor?: string;
  tags?: string[];
  /** The last page's granule position (samples per channel). */
  samples?: bigint;
  /** Filler bytes of audio, in pages of up to 255 × 255 bytes. */
  audioBytes?: number;
}

/** green.ogg's tags (Superdesk's `we get "green.ogg" metadata`). */
export const GREEN_TAGS = [
  "TITLE=Green Hills",
  "ARTIST=Maxime Abbey",
  "GENRE=New Age",
  "ENCODER=Lavf54.59.103",
];

/** An Ogg Vorbis file: identification, comment and setup headers, then filler audio pages. */
export function oggVorbis({
  rate = 44100,
  channels = 2,
  nominalBitrate = 160000,
  vendor = "Xiph.Org libVorbis I 20120203 (Omnipresent)",
  tags = GREEN_TAGS,
  samples = 885_888n,
  audioBytes = 3000,
}: OggOptions = {}): Uint8Array<ArrayBuffer> {
  const ident = new Uint8Array(30);
  const view = new DataView(ident.buffer);
  ident.set([1, ...ascii("vorbis")]);
  view.setUint32(7, 0, true);
  view.setUint8(11, channels);
  view.setUint32(12, rate, true);
  view.setInt32(16, 0, true);
  view.setInt32(20, nominalBitrate, true);
  view.setInt32(24, 0, true);
  ident.set([0xb8, 1], 28);
  const text = (s: string) => {
    const bytes = new TextEncoder().encode(s);
    return concat([u32le(bytes.byteLength), bytes]);
  };
  const comment = concat([
    new Uint8Array([3, ...ascii("vorbis")]),
    text(vendor),
    u32le(tags.length),
    ...tags.map(text),
    new Uint8Array([1]),
  ]);
  const setup = concat([new Uint8Array([5, ...ascii("vorbis")]), filler(300)]);
  const pages = [
    oggPage([ident], { granule: 0n, sequence: 0, flags: 2 }),
    oggPage([comment, setup], { granule: 0n, sequence: 1 }),
  ];
  let left = audioBytes;
  for (let sequence = 2; left > 0; sequence++) {
    const size = Math.min(left, 255 * 254);
    left -= size;
    const last = left === 0;
    pages.push(oggPage([filler(size)], {
      granule: last ? samples : samples / 2n,
      sequence,
      flags: last ? 4 : 0,
    }));
  }
  return concat(pages);
}

/** One Ogg page of whole `packets` (stream 0x5eed), its checksum computed. */
function oggPage(
  packets: Uint8Array[],
  { granule, sequence, flags = 0 }: { granule: bigint; sequence: number; flags?: number },
): Uint8Array {
  const lacing = packets.flatMap((p) => [
    ...Array(Math.floor(p.byteLength / 255)).fill(255),
    p.byteLength % 255,
  ]);
  const header = new Uint8Array(27 + lacing.length);
  const view = new DataView(header.buffer);
  header.set(ascii("OggS"));
  view.setUint8(5, flags);
  view.setBigInt64(6, granule, true);
  view.setUint32(14, 0x5eed, true);
  view.setUint32(18, sequence, true);
  view.setUint8(26, lacing.length);
  header.set(lacing, 27);
  const page = concat([header, ...packets]);
  new DataView(page.buffer).setUint32(22, oggCrc(page), true);
  return page;
}

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, initial 0). */
function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    }
  }
  return crc >>> 0;
}

/** What an MP4 file declares. */
export interface Mp4Options {
  brand?: string;
  /** The compatible brands, 4 characters each. */
  compatible?: string;
  /** Seconds since 1904-01-01 UTC. */
  created?: number;
  modified?: number;
  timescale?: number;
  duration?: number;
  /** 8.8 fixed point (0x100 is 100%). */
  volume?: number;
  width?: number;
  height?: number;
  /** Version 1 headers (64-bit times) and a 64-bit `mdat` size. */
  long?: boolean;
  /** `moov` after `mdat`, as a camera writes it. */
  moovLast?: boolean;
  mediaBytes?: number;
}

/** An MP4 file: `ftyp`, `moov` (`mvhd`, a video and an audio `trak`), `mdat` of filler. */
export function mp4Video({
  brand = "isom",
  compatible = "isomiso2mp41",
  created = 0,
  modified = 0,
  timescale = 1000,
  duration = 10224,
  volume = 0x100,
  width = 480,
  height = 270,
  long = false,
  moovLast = false,
  mediaBytes = 2000,
}: Mp4Options = {}): Uint8Array<ArrayBuffer> {
  const ftyp = box("ftyp", concat([ascii(brand), u32(0x200), ascii(compatible)]));
  const times = (...values: number[]) => concat(values.map((v) => long ? u64(v) : u32(v)));
  const mvhd = box(
    "mvhd",
    concat([
      new Uint8Array([long ? 1 : 0, 0, 0, 0]),
      times(created, modified),
      u32(timescale),
      times(duration),
      u32(0x10000),
      u16(volume),
      new Uint8Array(10 + 36 + 24),
      u32(3),
    ]),
  );
  const tkhd = (w: number, h: number) =>
    box(
      "tkhd",
      concat([
        new Uint8Array([long ? 1 : 0, 0, 0, 7]),
        times(created, modified),
        u32(1),
        u32(0),
        times(duration),
        new Uint8Array(8 + 8 + 36),
        u32(w * 65536),
        u32(h * 65536),
      ]),
    );
  const trak = (w: number, h: number) =>
    box("trak", concat([tkhd(w, h), box("mdia", new Uint8Array(24))]));
  const moov = box("moov", concat([mvhd, trak(width, height), trak(0, 0)]));
  const mdat = long
    ? concat([u32(1), ascii("mdat"), u64(16 + mediaBytes), filler(mediaBytes)])
    : box("mdat", filler(mediaBytes));
  return concat(moovLast ? [ftyp, mdat, moov] : [ftyp, moov, mdat]);
}

function box(type: string, content: Uint8Array): Uint8Array {
  return concat([u32(8 + content.byteLength), ascii(type), content]);
}

function filler(length: number): Uint8Array {
  return new Uint8Array(length).map((_, i) => (i * 31 + 7) % 251);
}

function u16(n: number): Uint8Array {
  return new Uint8Array([n >> 8, n & 0xff]);
}

function u32(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n);
  return out;
}

function u32le(n: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

function ascii(s: string): Uint8Array {
  return new Uint8Array([...s].map((c) => c.charCodeAt(0)));
}
