/**
 * Takes a file into media storage as Superdesk's upload and archive media services do
 * (`superdesk/media/renditions.py`, `media_operations.py`): its type read from its bytes, a
 * picture decoded, cropped when asked and its renditions made off the event loop (the image
 * thread), an audio or video file's metadata read from its headers (`av_metadata.ts`), then the
 * original and every rendition stored, each with the href the raw media
 * route serves. The original is stored as it arrives (`receive`, its size limited while it
 * streams), then made into media (`finish`); any failure removes everything stored for it.
 */
import { BadRequestError, HttpError } from "../errors.ts";
import { avMetadata } from "./av_metadata.ts";
import { bytesSource, mediaFileSource } from "./av_source.ts";
import { cropFields } from "./crop_fields.ts";
import type { Doc } from "../storage/document_store.ts";
import type { CropBox, MadeRendition, RenditionSize } from "./image_protocol.ts";
import { ImageError, type ImageResult, type ImageThread } from "./image_thread.ts";
import { asStream, isMediaId, type MediaStorage } from "./media_storage.ts";
import { MAX_PICTURE_PIXELS, picturePixels } from "./picture_pixels.ts";
import { type IncomingStream, type ReceivedMedia, receiveFile } from "./receive_file.ts";

/** A file as received. */
export interface IncomingFile {
  bytes: Uint8Array;
  filename: string;
  /** The type the client declared (the bytes win when they show a known one). */
  declaredType?: string;
}

/** What a stored file became: the fields Superdesk sets on the upload or item. */
export interface StoredMedia {
  media: string;
  mimetype: string;
  renditions: Record<string, Doc>;
  filemeta: Record<string, unknown>;
}

/** Stores files and their renditions. */
export class MediaIntake {
  readonly #storage: MediaStorage;
  readonly #images: ImageThread;
  readonly #prefix: string;

  constructor(storage: MediaStorage, images: ImageThread, { prefix }: { prefix: string }) {
    this.#storage = storage;
    this.#images = images;
    this.#prefix = prefix;
  }

  /** Where the raw route serves media `id`. */
  href(id: string): string {
    return `${this.#prefix}/${id}`;
  }

  /** Stores `file` (a picture with `renditions`, cropped first by `crop`). */
  async store(
    file: IncomingFile,
    options: { renditions: Record<string, RenditionSize>; crop?: CropBox },
  ): Promise<StoredMedia> {
    const { bytes, ...rest } = file;
    const received = await this.receive({ ...rest, body: asStream(bytes) }, Infinity);
    return await this.finish(received, options, bytes);
  }

  /**
   * Stores the original of `file` as its bytes arrive (`receiveFile`): past `maxBytes` a 413,
   * and nothing stays stored.
   */
  receive(file: IncomingStream, maxBytes: number): Promise<ReceivedMedia> {
    return receiveFile(this.#storage, file, maxBytes);
  }

  /**
   * What `received` becomes: a picture is read back, checked, decoded (and cropped) and its
   * renditions stored; on failure everything stored for it, `received` included, is removed.
   * `bytes` are its bytes when the caller still has them.
   */
  async finish(
    received: ReceivedMedia,
    { renditions, crop }: { renditions: Record<string, RenditionSize>; crop?: CropBox },
    bytes?: Uint8Array,
  ): Promise<StoredMedia> {
    const { mimetype, filename } = received;
    const stored: string[] = [received.id];
    try {
      const picture = mimetype.startsWith("image/")
        ? await this.decode({ bytes: bytes ?? await this.#read(received), filename }, mimetype, {
          renditions,
          crop,
        })
        : undefined;
      let original = { _id: received.id, length: received.length };
      if (picture?.cropped?.bytes) {
        const cropped = new Uint8Array(picture.cropped.bytes);
        original = await this.#storage.put(cropped, { contentType: mimetype, filename });
        stored.push(original._id);
        await this.remove([received.id]);
      }
      const av = /^(audio|video)\//.test(mimetype) ? await this.#avMetadata(received, bytes) : {};
      const filemeta: Record<string, unknown> = {
        ...picture?.exif,
        ...av,
        length: original.length,
      };
      const out: Record<string, Doc> = {
        original: {
          href: this.href(original._id),
          media: original._id,
          mimetype,
          ...(picture ? { width: picture.width, height: picture.height } : {}),
        },
      };
      for (const made of picture?.renditions ?? []) {
        out[made.name] = await this.storeRendition(made, filename, stored);
      }
      return { media: original._id, mimetype, renditions: out, filemeta };
    } catch (error) {
      await this.remove(stored);
      throw error;
    }
  }

  /** Deletes media `ids` (those already gone are skipped). */
  async remove(ids: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(ids)].map((id) => this.#storage.delete(id)));
  }

  /** The audio or video metadata of `received` (read from `bytes` when the caller has them). */
  async #avMetadata(received: ReceivedMedia, bytes?: Uint8Array): Promise<Record<string, string>> {
    if (bytes) return await avMetadata(bytesSource(bytes));
    const file = await this.#storage.get(received.id);
    if (!file) throw new Error(`The media ${received.id} just stored is gone`);
    return await avMetadata(mediaFileSource(file));
  }

  /** The stored bytes of `received` (a picture, bounded by MEDIA_MAX_BYTES). */
  async #read(received: ReceivedMedia): Promise<Uint8Array> {
    const file = await this.#storage.get(received.id);
    if (!file) throw new Error(`The media ${received.id} just stored is gone`);
    return new Uint8Array(await new Response(file.body()).arrayBuffer());
  }

  /** The stored file `id`'s bytes and type; a 400 when there is none (a crop's original). */
  async read(id: string): Promise<{ bytes: Uint8Array; mimetype: string }> {
    const file = isMediaId(id) ? await this.#storage.get(id) : undefined;
    if (!file) {
      throw new BadRequestError("Original file couldn't be found", {
        issues: { media: "missing" },
      });
    }
    return { bytes: await new Response(file.body()).bytes(), mimetype: file.contentType };
  }

  /**
   * `file` decoded on the image thread: `renditions` made, cropped first by `crop` (sent back
   * unless `skipCropped`); a 413 above the pixel limit, a 400 when it cannot be read.
   */
  async decode(
    { bytes, filename }: { bytes: Uint8Array; filename: string },
    mimetype: string,
    { renditions, crop, skipCropped }: {
      renditions: Record<string, RenditionSize>;
      crop?: CropBox;
      skipCropped?: boolean;
    },
  ): Promise<ImageResult> {
    const pixels = picturePixels(bytes, mimetype);
    if (pixels !== undefined && pixels > MAX_PICTURE_PIXELS) {
      throw new HttpError(
        413,
        `The picture "${filename}" has more than ${MAX_PICTURE_PIXELS} pixels`,
        { issues: { media: "too many pixels" } },
      );
    }
    try {
      return await this.#images.render(bytes, { mimetype, renditions, crop, skipCropped });
    } catch (error) {
      if (!(error instanceof ImageError)) throw error;
      throw new BadRequestError(
        `Cannot read the picture "${filename}" (${mimetype}): ${error.message}`,
        { issues: { media: "unreadable picture" } },
      );
    }
  }

  /** Stores a made rendition (its id pushed on `stored`) and answers its rendition entry. */
  async storeRendition(made: MadeRendition, filename: string, stored: string[]): Promise<Doc> {
    const bytes = new Uint8Array(made.bytes);
    const info = await this.#storage.put(bytes, {
      contentType: made.mimetype,
      filename: `${made.name}-${filename}`,
      metadata: { length: bytes.byteLength },
    });
    stored.push(info._id);
    return {
      href: this.href(info._id),
      media: info._id,
      mimetype: made.mimetype,
      width: made.width,
      height: made.height,
      ...(made.crop ? cropFields(made.crop) : {}),
    };
  }
}
