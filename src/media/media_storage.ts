/**
 * The media storage seam (Superdesk's `app.media`, `superdesk/storage/`): binaries by media id,
 * each with its content type, length, file name and metadata. MongoDB GridFS on the engines
 * (`gridfs_media_storage.ts`), files under DATA_DIR embedded (`file_media_storage.ts`), an S3
 * bucket when `AMAZON_CONTAINER_NAME` is set (`s3_media_storage.ts`); all pass
 * tests/media/media_storage_contract.ts. Bodies go in and out as streams.
 */
import type { EngineStatus } from "../engines/engine_status.ts";

/** What is known of a stored binary. */
export interface MediaInfo {
  /** The media id (24 hex, as GridFS's ObjectId). */
  _id: string;
  contentType: string;
  /** Bytes. */
  length: number;
  filename: string;
  /** When it was stored (ms since the epoch). */
  uploadDate: number;
  metadata: Record<string, unknown>;
}

/** Bytes `start` to `end` of a binary, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A stored binary: its info and a stream of its bytes, or of `range` of them (read once). */
export interface MediaFile extends MediaInfo {
  body(range?: ByteRange): ReadableStream<Uint8Array>;
}

/** What `put` stores beside the bytes. */
export interface PutOptions {
  contentType: string;
  filename: string;
  metadata?: Record<string, unknown>;
  /** The id to store under (a new one when unset). */
  id?: string;
}

/** The seam. A `put` is all or nothing: a failed or cancelled one leaves nothing readable. */
export interface MediaStorage {
  readonly engine: "gridfs" | "files" | "s3";
  /** Stores `body` (bytes or a stream of them) and answers its info. */
  put(body: Uint8Array | ReadableStream<Uint8Array>, options: PutOptions): Promise<MediaInfo>;
  /** The binary `id`, or undefined when there is none. */
  get(id: string): Promise<MediaFile | undefined>;
  exists(id: string): Promise<boolean>;
  /** Deletes `id`; true when it was there. */
  delete(id: string): Promise<boolean>;
  /**
   * Pings a storage with an engine of its own (S3, seam `media`) for `/ready`; absent where the
   * engine is the document store's (GridFS) or none (files).
   */
  ping?(): Promise<EngineStatus>;
  close(): Promise<void>;
}

/** A media id is 24 hex digits: anything else names no binary (and no path). */
export function isMediaId(id: string): boolean {
  return /^[a-f0-9]{24}$/.test(id);
}

/** `body` as a stream. */
export function asStream(
  body: Uint8Array | ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  if (body instanceof ReadableStream) return body;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(body);
      controller.close();
    },
  });
}
