/**
 * The engines' media storage: MongoDB GridFS (`npm:mongodb`'s `GridFSBucket`, bucket `fs` as
 * Superdesk's `SuperdeskGridFSMediaStorage`), which FerretDB serves too (its `fs.files` and
 * `fs.chunks` are plain collections). The content type goes in `metadata.contentType` (the
 * driver no longer writes GridFS's deprecated top-level `contentType`, which Superdesk's files
 * have: it is read first). The files document is written last, so a binary exists only once
 * whole; an upload that fails is aborted, which removes its chunks.
 */
import { type Db, GridFSBucket, ObjectId } from "mongodb";
import { newObjectId } from "../resources/ids.ts";
import {
  asStream,
  isMediaId,
  type MediaInfo,
  type MediaStorage,
  type PutOptions,
} from "./media_storage.ts";

interface FilesDoc {
  _id: ObjectId;
  length: number;
  filename: string;
  uploadDate: Date;
  contentType?: string;
  metadata?: Record<string, unknown>;
}

/** GridFS over `db`; `close` closes what `onClose` names (the client built for it). */
export function createGridFsMediaStorage(
  db: Db,
  { onClose = () => Promise.resolve() }: { onClose?: () => Promise<void> } = {},
): MediaStorage {
  const bucket = new GridFSBucket(db, { bucketName: "fs" });
  const files = db.collection<FilesDoc>("fs.files");
  const find = async (id: string) =>
    isMediaId(id) ? (await files.findOne({ _id: new ObjectId(id) })) ?? undefined : undefined;
  return {
    engine: "gridfs",
    async put(body, { contentType, filename, metadata = {}, id = newObjectId() }: PutOptions) {
      if (!isMediaId(id)) throw new Error(`Invalid media id "${id}"`);
      const upload = bucket.openUploadStreamWithId(new ObjectId(id), filename, {
        metadata: { ...metadata, contentType },
      });
      const reader = asStream(body).getReader();
      const failed = new Promise<never>((_, reject) => upload.once("error", reject));
      failed.catch(() => {});
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          // Waits for the driver to take the chunk (its back-pressure) before reading on.
          if (!upload.write(value)) {
            await Promise.race([new Promise((resolve) => upload.once("drain", resolve)), failed]);
          }
        }
        await Promise.race([new Promise<void>((resolve) => upload.end(() => resolve())), failed]);
      } catch (error) {
        await reader.cancel().catch(() => {});
        await upload.abort().catch(() => {});
        throw error;
      }
      const stored = (await files.findOne({ _id: upload.id as ObjectId }))!;
      return infoOf(stored);
    },
    async get(id) {
      const doc = await find(id);
      if (!doc) return undefined;
      return {
        ...infoOf(doc),
        body: (range) =>
          nodeToWeb(() =>
            bucket.openDownloadStream(
              doc._id,
              range ? { start: range.start, end: range.end + 1 } : undefined,
            )
          ),
      };
    },
    async exists(id) {
      return (await find(id)) !== undefined;
    },
    async delete(id) {
      if (!isMediaId(id)) return false;
      try {
        await bucket.delete(new ObjectId(id));
        return true;
      } catch (error) {
        if (error instanceof Error && /not found/i.test(error.message)) return false;
        throw error;
      }
    },
    close: onClose,
  };
}

function infoOf(doc: FilesDoc): MediaInfo {
  const { contentType, ...metadata } = doc.metadata ?? {};
  return {
    _id: doc._id.toHexString(),
    contentType: doc.contentType ?? (typeof contentType === "string" ? contentType : undefined) ??
      "application/octet-stream",
    length: doc.length,
    filename: doc.filename,
    uploadDate: doc.uploadDate.getTime(),
    metadata,
  };
}

/** A web stream over a GridFS download stream, opened at the first read. */
function nodeToWeb(
  open: () => AsyncIterable<Uint8Array> & { destroy(): void },
): ReadableStream<Uint8Array> {
  let source: ReturnType<typeof open> | undefined;
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream({
    async pull(controller) {
      source ??= open();
      iterator ??= source[Symbol.asyncIterator]();
      const { done, value } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(new Uint8Array(value));
    },
    cancel() {
      source?.destroy();
    },
  });
}
