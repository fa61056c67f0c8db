/**
 * Random access to a stored file's bytes for the readers of audio and video headers
 * (`av_metadata.ts`): they read a few small pieces (an Ogg file's first and last pages, an MP4
 * file's box headers) rather than the whole file, each piece a ranged read of media storage.
 */
import type { MediaFile } from "./media_storage.ts";

/** A file's bytes by offset. */
export interface ByteSource {
  /** The file's length in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `start`: fewer at the end of the file, none past it. */
  read(start: number, length: number): Promise<Uint8Array>;
}

/** Media storage failed to serve a read: not the file's fault, so not hidden as bad media. */
export class SourceReadError extends Error {}

/** `bytes` as a source (tests, and a file already in memory). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: (start, length) => Promise.resolve(bytes.subarray(start, start + Math.max(0, length))),
  };
}

/**
 * The stored `file` as a source: each read fetches at least `window` bytes and the last window
 * serves the reads inside it, so walking a run of small headers costs one request.
 */
export function mediaFileSource(
  file: MediaFile,
  { window = 64 * 1024 }: { window?: number } = {},
): ByteSource {
  let cached: { start: number; bytes: Uint8Array } = { start: 0, bytes: new Uint8Array(0) };
  const size = file.length;
  return {
    size,
    async read(start, length) {
      const end = Math.min(size, start + Math.max(0, length));
      if (start >= end) return new Uint8Array(0);
      if (start >= cached.start && end <= cached.start + cached.bytes.byteLength) {
        return cached.bytes.subarray(start - cached.start, end - cached.start);
      }
      const last = Math.min(size, start + Math.max(end - start, window)) - 1;
      let bytes: Uint8Array;
      try {
        bytes = await new Response(file.body({ start, end: last })).bytes();
      } catch (error) {
        throw new SourceReadError(`Cannot read media ${file._id}: ${String(error)}`, {
          cause: error,
        });
      }
      cached = { start, bytes };
      return bytes.subarray(0, end - start);
    },
  };
}
