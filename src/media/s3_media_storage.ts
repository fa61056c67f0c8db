/**
 * Media in an Amazon S3 bucket (Superdesk's `AmazonMediaStorage`, chosen by
 * `AMAZON_CONTAINER_NAME`), or in any S3-compatible server (`AMAZON_ENDPOINT_URL`). Each binary
 * is one object, keyed by its media id under `AMAZON_S3_SUBFOLDER`; its type is the object's
 * Content-Type, its file name and metadata are user metadata (`x-amz-meta-filename`, URI-encoded,
 * its first KiB; `x-amz-meta-metadata`, JSON). A body up to one part is one PUT; a longer one is a
 * multipart upload, one part held at a time, completed only once whole and aborted on any failure:
 * S3 shows an object only when its PUT or its upload completes, so a failed put leaves nothing.
 * Its `ping` asks for the bucket (`/ready`'s `media` seam).
 */
import { measureStatus } from "../engines/engine_status.ts";
import { newObjectId } from "../resources/ids.ts";
import {
  asStream,
  type ByteRange,
  isMediaId,
  type MediaInfo,
  type MediaStorage,
  type PutOptions,
} from "./media_storage.ts";
import { PartReader } from "./part_reader.ts";
import { S3Client, type S3Options } from "./s3_client.ts";

/**
 * The most of a file name kept, URI-encoded (longer ones are cut): S3 refuses an object whose user
 * metadata pass 2 KB in all, and the name is the client's.
 */
export const FILENAME_HEADER_BYTES = 1024;

/** S3's smallest part but the last (5 MiB). */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** The bucket, the key prefix and how uploads are cut. */
export interface S3MediaOptions extends S3Options {
  /** Keys go under this folder (`AMAZON_S3_SUBFOLDER`; "" or "false": the bucket's root). */
  subfolder?: string;
  /** A canned ACL put on each object (`AMAZON_OBJECT_ACL`, e.g. `public-read`). */
  objectAcl?: string;
  /** Bytes per upload part, and the largest body sent as one PUT (at least 5 MiB). */
  partBytes?: number;
}

/** Media storage over the S3 bucket `options` names. */
export function createS3MediaStorage(
  { subfolder = "", objectAcl, partBytes = 8 * 1024 * 1024, ...options }: S3MediaOptions,
): MediaStorage {
  if (partBytes < MIN_PART_BYTES) throw new Error(`S3 parts are at least ${MIN_PART_BYTES} bytes`);
  const client = new S3Client(options);
  const folder = subfolder.toLowerCase() === "false" ? "" : subfolder.replace(/^\/+|\/+$/g, "");
  const keyOf = (id: string) => folder ? `${folder}/${id}` : id;
  const head = async (id: string) => isMediaId(id) ? await client.head(keyOf(id)) : undefined;
  return {
    engine: "s3",
    async put(body, { contentType, filename, metadata = {}, id = newObjectId() }: PutOptions) {
      if (!isMediaId(id)) throw new Error(`Invalid media id "${id}"`);
      const key = keyOf(id);
      const headers: Record<string, string> = {
        "content-type": contentType,
        "x-amz-meta-filename": filenameHeader(filename),
        "x-amz-meta-metadata": asciiJson(metadata),
        ...(objectAcl ? { "x-amz-acl": objectAcl } : {}),
      };
      const parts = new PartReader(asStream(body));
      let length = 0;
      try {
        const first = await parts.next(partBytes);
        length = first.byteLength;
        if (parts.done) await client.put(key, first, headers);
        else length = await uploadInParts(client, key, { first, parts, partBytes, headers });
      } catch (error) {
        await parts.cancel(error);
        throw error;
      }
      const info: MediaInfo = {
        _id: id,
        contentType,
        length,
        filename,
        uploadDate: Date.now(),
        metadata,
      };
      return info;
    },
    async get(id) {
      const found = await head(id);
      if (!found) return undefined;
      return { ...infoOf(id, found.headers), body: (range) => lazyBody(client, keyOf(id), range) };
    },
    async exists(id) {
      return (await head(id)) !== undefined;
    },
    async delete(id) {
      // S3 answers a delete alike whether the object was there: ask first.
      if (!await head(id)) return false;
      await client.delete(keyOf(id));
      return true;
    },
    ping: () => measureStatus("media", "s3", () => client.headBucket()),
    close: () => Promise.resolve(),
  };
}

/** Uploads `first` and the rest of `parts` as a multipart upload; answers the bytes stored. */
async function uploadInParts(
  client: S3Client,
  key: string,
  { first, parts, partBytes, headers }: {
    first: Uint8Array<ArrayBuffer>;
    parts: PartReader;
    partBytes: number;
    headers: Record<string, string>;
  },
): Promise<number> {
  const uploadId = await client.createMultipartUpload(key, headers);
  try {
    const etags: string[] = [];
    let length = 0;
    for (let part = first; part.byteLength > 0; part = await parts.next(partBytes)) {
      etags.push(
        await client.uploadPart(key, { uploadId, partNumber: etags.length + 1, body: part }),
      );
      length += part.byteLength;
    }
    await client.completeMultipartUpload(key, uploadId, etags);
    return length;
  } catch (error) {
    await client.abortMultipartUpload(key, uploadId).catch(() => {});
    throw error;
  }
}

/** The info of object `id` from its HEAD answer (objects Superdesk wrote lack our metadata). */
function infoOf(id: string, headers: Headers): MediaInfo {
  const filename = headers.get("x-amz-meta-filename");
  const metadata = headers.get("x-amz-meta-metadata");
  const modified = Date.parse(headers.get("last-modified") ?? "");
  return {
    _id: id,
    contentType: headers.get("content-type") ?? "application/octet-stream",
    length: Number(headers.get("content-length") ?? 0),
    filename: filename === null ? id : safely(() => decodeURIComponent(filename), filename),
    uploadDate: Number.isNaN(modified) ? 0 : modified,
    metadata: metadata === null ? {} : safely(() => JSON.parse(metadata), {}),
  };
}

/** The object's bytes (or `range` of them), requested at the first read. */
function lazyBody(client: S3Client, key: string, range?: ByteRange): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream({
    async pull(controller) {
      if (!reader) {
        const body = await client.get(key, range && `bytes=${range.start}-${range.end}`);
        if (!body) throw new Error(`Media "${key}" was deleted while being read`);
        reader = body.getReader();
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}

/** `filename` URI-encoded (header values travel as ASCII), cut to FILENAME_HEADER_BYTES. */
function filenameHeader(filename: string): string {
  let encoded = "";
  for (const char of filename.toWellFormed()) {
    const next = encodeURIComponent(char);
    if (encoded.length + next.length > FILENAME_HEADER_BYTES) break;
    encoded += next;
  }
  return encoded;
}

/** JSON with every non-ASCII character escaped: header values travel as ASCII. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function safely<T>(parse: () => T, fallback: T): T {
  try {
    return parse();
  } catch {
    return fallback;
  }
}
