/**
 * The metadata of an MP4 or QuickTime file as Superdesk lists it (hachoir's `MP4Metadata`): the
 * movie header's creation and modification dates, duration and user volume, and the frame size
 * of its (last) video track. Boxes are walked by their headers: only `ftyp`, `mvhd` and `tkhd`
 * are read whole, wherever `moov` lies (before or after the media data).
 */
import { ascii } from "../bytes.ts";
import type { ByteSource } from "./av_source.ts";
import { boundedText, durationText, macDateText, percentText } from "./av_values.ts";

/** Boxes walked at most at one level (a real file has a handful). */
const MAX_BOXES = 1000;
/**
 * Boxes walked at most in all (a real file has tens): nested `moov` and `trak` boxes of a few
 * bytes each could otherwise make a 64 MiB file millions of box headers to read.
 */
const MAX_BOXES_IN_ALL = 10_000;
/** The most of a header box (`mvhd`, `tkhd`) read. */
const HEADER_BOX_BYTES = 256;
/** The brands hachoir names `video/mp4` (a file with another is `video/quicktime`). */
const MP4_BRANDS = new Set(["mp41", "mp42", "avc1", "isom", "iso2"]);
/** Box types a file of the family may begin with. */
const FIRST_BOXES = new Set(["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"]);

/** A box: its type and where its content lies. */
interface Box {
  type: string;
  start: number;
  end: number;
}

/** Whether `head` (a file's first bytes) begins with a box of an MP4 or QuickTime file. */
export function isMp4(head: Uint8Array): boolean {
  return head.byteLength >= 8 && FIRST_BOXES.has(ascii(head, 4, 4));
}

/** The metadata of the MP4 or QuickTime file `source` (what its boxes allow). */
export async function mp4Metadata(source: ByteSource): Promise<Record<string, string>> {
  const meta: Record<string, string> = { endian: "Big endian" };
  const walk: Walk = { source, left: MAX_BOXES_IN_ALL };
  let mp4 = false;
  for await (const box of boxesIn(walk, 0, source.size)) {
    if (box.type === "ftyp") mp4 = hasMp4Brand(await contentOf(source, box));
    if (box.type === "moov") await readMovie(walk, box, meta);
  }
  meta.mime_type = mp4 ? "video/mp4" : "video/quicktime";
  return meta;
}

/** The movie header's values and the tracks' frame size into `meta`. */
async function readMovie(walk: Walk, moov: Box, meta: Record<string, string>) {
  for await (const box of boxesIn(walk, moov.start, moov.end)) {
    if (box.type === "mvhd") movieHeader(await contentOf(walk.source, box), meta);
    if (box.type !== "trak") continue;
    for await (const inner of boxesIn(walk, box.start, box.end)) {
      if (inner.type === "tkhd") trackHeader(await contentOf(walk.source, inner), meta);
    }
  }
}

/**
 * `mvhd`: dates, duration (in its time scale), volume (8.8 fixed point), each read when the
 * box holds it (a file cut inside its header keeps what came before the cut).
 */
function movieHeader(bytes: Uint8Array, meta: Record<string, string>): void {
  const view = viewOf(bytes);
  const size = bytes[0] === 1 ? 8 : 4;
  const has = (end: number) => view.byteLength >= end;
  const time = (at: number) => size === 8 ? Number(view.getBigUint64(at)) : view.getUint32(at);
  const created = has(4 + size) ? macDateText(time(4)) : undefined;
  const modified = has(4 + 2 * size) ? macDateText(time(4 + size)) : undefined;
  if (created) meta.creation_date = created;
  if (modified) meta.last_modification = modified;
  const scaleAt = 4 + 2 * size;
  // hachoir stops at a time scale of 0 (a division by zero): no duration, no volume.
  if (!has(scaleAt + 4 + size) || view.getUint32(scaleAt) === 0) return;
  const duration = durationText(time(scaleAt + 4) / view.getUint32(scaleAt));
  if (duration) meta.duration = duration;
  const volumeAt = scaleAt + 4 + size + 4;
  if (has(volumeAt + 2)) meta.comment = `User volume: ${percentText(view.getInt16(volumeAt))}`;
}

/** Whether an `ftyp`'s major brand or a compatible one (after its minor version) is MP4's. */
function hasMp4Brand(ftyp: Uint8Array): boolean {
  for (let at = 0; at + 4 <= ftyp.byteLength; at += at === 0 ? 8 : 4) {
    if (MP4_BRANDS.has(ascii(ftyp, at, 4))) return true;
  }
  return false;
}

/**
 * `tkhd`: the frame size (16.16 fixed point), kept when neither side is 0 (a video track), each
 * side within hachoir's 1..20000.
 */
function trackHeader(bytes: Uint8Array, meta: Record<string, string>): void {
  const view = viewOf(bytes);
  const at = bytes[0] === 1 ? 88 : 76;
  if (view.byteLength < at + 8) return;
  const width = Math.trunc(view.getUint32(at) / 65536);
  const height = Math.trunc(view.getUint32(at + 4) / 65536);
  if (width === 0 || height === 0) return;
  for (const [key, side] of [["width", width], ["height", height]] as const) {
    const text = boundedText(side, 1, 20_000);
    if (text) meta[key] = text;
  }
}

/** A walk of a file's boxes: its source and how many more box headers it may read. */
interface Walk {
  source: ByteSource;
  left: number;
}

/**
 * The boxes between `start` and `end` (a box past the file's end is cut at it), each counted
 * against the walk's budget.
 */
async function* boxesIn(walk: Walk, start: number, end: number): AsyncGenerator<Box> {
  const { source } = walk;
  const limit = Math.min(end, source.size);
  let at = start;
  for (let n = 0; n < MAX_BOXES && walk.left > 0 && at + 8 <= limit; n++) {
    walk.left--;
    const head = viewOf(await source.read(at, 16));
    if (head.byteLength < 8) return;
    let size = head.getUint32(0);
    let headerSize = 8;
    if (size === 1) {
      if (head.byteLength < 16) return;
      size = Number(head.getBigUint64(8));
      headerSize = 16;
    } else if (size === 0) {
      size = limit - at;
    }
    if (size < headerSize) return;
    const type = ascii(new Uint8Array(head.buffer, head.byteOffset + 4, 4), 0, 4);
    yield { type, start: at + headerSize, end: Math.min(limit, at + size) };
    at += size;
  }
}

/** A header box's content (its first `HEADER_BOX_BYTES`). */
function contentOf(source: ByteSource, box: Box): Promise<Uint8Array> {
  return source.read(box.start, Math.min(box.end - box.start, HEADER_BOX_BYTES));
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
