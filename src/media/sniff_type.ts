/**
 * The content type of a binary from its first bytes (Superdesk reads it with libmagic): what a
 * browser declares for a file is often missing or `application/octet-stream`. Only the formats
 * a newsroom uploads are known; anything else keeps the declared type.
 */
import { ascii } from "../bytes.ts";

const SIGNATURES: ReadonlyArray<[string, (b: Uint8Array) => boolean]> = [
  ["image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["image/png", (b) => ascii(b, 1, 3) === "PNG" && b[0] === 0x89],
  ["image/gif", (b) => ascii(b, 0, 4) === "GIF8"],
  ["image/bmp", (b) => ascii(b, 0, 2) === "BM"],
  ["image/tiff", (b) => ascii(b, 0, 4) === "II*\0" || ascii(b, 0, 4) === "MM\0*"],
  ["image/webp", (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP"],
  ["audio/wav", (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WAVE"],
  ["audio/ogg", (b) => ascii(b, 0, 4) === "OggS"],
  [
    "audio/mpeg",
    (b) => ascii(b, 0, 3) === "ID3" || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  ],
  ["video/mp4", (b) => ascii(b, 4, 4) === "ftyp"],
  ["video/webm", (b) => b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3],
  ["application/pdf", (b) => ascii(b, 0, 5) === "%PDF-"],
];

/** A `type/subtype` of RFC 9110's token characters: what may travel in a Content-Type header. */
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+$/;

/**
 * The type `head` (a file's first bytes) shows, else `declared` when it is a media type, else
 * octet-stream: the type is sent as a header (S3's object, `/upload-raw`'s answer), where a
 * client's `ā/x` cannot go.
 */
export function sniffType(head: Uint8Array, declared?: string): string {
  const found = SIGNATURES.find(([, matches]) => matches(head))?.[0];
  if (found) return found;
  const type = declared?.split(";")[0]?.trim().toLowerCase() ?? "";
  return MEDIA_TYPE.test(type) ? type : "application/octet-stream";
}
