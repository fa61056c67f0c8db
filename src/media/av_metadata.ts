/**
 * What Superdesk files in an audio or video item's `filemeta_json` (`superdesk/media/video.py`,
 * hachoir's metadata as `key: value` text): Ogg (Vorbis) and MP4 / QuickTime are read here,
 * from their headers (`ogg_metadata.ts`, `mp4_metadata.ts`); other formats have none. A
 * malformed or truncated file never fails its upload: what cannot be read is left out, as
 * Superdesk logs hachoir's errors and keeps what it got.
 */
import { type ByteSource, SourceReadError } from "./av_source.ts";
import { storedValue } from "./av_values.ts";
import { isMp4, mp4Metadata } from "./mp4_metadata.ts";
import { oggMetadata } from "./ogg_metadata.ts";

/**
 * The metadata of the audio or video file `source`, values as text (Superdesk's); empty when
 * its format is not read here or its headers are broken. Only a failing storage read throws.
 */
export async function avMetadata(source: ByteSource): Promise<Record<string, string>> {
  try {
    const head = await source.read(0, 8);
    const read = String.fromCharCode(...head.subarray(0, 4)) === "OggS"
      ? await oggMetadata(source)
      : isMp4(head)
      ? await mp4Metadata(source)
      : {};
    return Object.fromEntries(
      Object.entries(read).map(([key, value]) => [key, storedValue(value)]),
    );
  } catch (error) {
    if (error instanceof SourceReadError) throw error.cause;
    // A header that claims more than the file holds (a DataView read past its end).
    if (error instanceof RangeError) return {};
    throw error;
  }
}
