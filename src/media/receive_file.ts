/**
 * Stores an arriving file in media storage as its bytes come, its type read from the first of
 * them (`sniff_type.ts`): past `maxBytes` a 413 with nothing left stored, as when the stream
 * fails. Uploads and attachments receive their files so, never holding a whole file in memory.
 */
import { BadRequestError, HttpError } from "../errors.ts";
import type { MediaStorage } from "./media_storage.ts";
import { sniffType } from "./sniff_type.ts";

/** A file arriving: a stream of its bytes. */
export interface IncomingStream {
  body: ReadableStream<Uint8Array>;
  filename: string;
  declaredType?: string;
}

/** An original stored as it arrived, not yet made into media (`MediaIntake.finish`). */
export interface ReceivedMedia {
  id: string;
  mimetype: string;
  length: number;
  filename: string;
}

/** The bytes a file's type is read from. */
const SNIFF_BYTES = 16;

/** The first `SNIFF_BYTES` of `chunks`. */
function joinHead(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(SNIFF_BYTES);
  let at = 0;
  for (const chunk of chunks) {
    if (at >= SNIFF_BYTES) break;
    const part = chunk.subarray(0, SNIFF_BYTES - at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out.subarray(0, at);
}

/**
 * Stores `file` as its bytes arrive: past `maxBytes` a 413, and nothing stays stored (nor when
 * the stream fails).
 */
export async function receiveFile(
  storage: MediaStorage,
  file: IncomingStream,
  maxBytes: number,
): Promise<ReceivedMedia> {
  const reader = file.body.getReader();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    head.push(value);
    size += value.byteLength;
  }
  if (size === 0) {
    await reader.cancel().catch(() => {});
    throw new BadRequestError("The media file is empty", { issues: { media: "empty" } });
  }
  const mimetype = sniffType(joinHead(head), file.declaredType);
  let length = 0;
  const counted = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const next = head.shift() ?? (await reader.read()).value;
      if (next === undefined) return controller.close();
      length += next.byteLength;
      if (length > maxBytes) {
        await reader.cancel().catch(() => {});
        const error = new HttpError(
          413,
          `The file is larger than ${maxBytes} bytes (MEDIA_MAX_BYTES)`,
          { issues: { media: "too large" } },
        );
        controller.error(error);
        return;
      }
      controller.enqueue(next);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const info = await storage.put(counted, {
    contentType: mimetype,
    filename: file.filename,
  });
  return { id: info._id, mimetype, length: info.length, filename: file.filename };
}
