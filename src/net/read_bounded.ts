/**
 * Reads a body stream whole, up to a size: what a server must do with a body from outside
 * (a feed, an upload) so one too large cannot exhaust memory. Past `maxBytes` the stream is
 * cancelled and `tooLarge()` is thrown.
 */
import { concatBytes } from "../bytes.ts";

/** The bytes of `stream` (empty when there is none); throws `tooLarge()` past `maxBytes`. */
export async function readBounded(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return concatBytes(chunks);
}
