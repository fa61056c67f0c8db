/**
 * The embedded media storage: each binary a file under `<dir>/<2 hex>/<id>`, its info beside it
 * in `<id>.json`. Writes go to a temporary file renamed into place (bytes first, then the info,
 * whose presence is what makes a binary exist), so a crash or a failed upload never leaves a
 * half-written binary readable; concurrent puts of distinct ids share nothing.
 */
import { newObjectId } from "../resources/ids.ts";
import {
  asStream,
  type ByteRange,
  isMediaId,
  type MediaFile,
  type MediaInfo,
  type MediaStorage,
  type PutOptions,
} from "./media_storage.ts";

/** Media files under `dir` (created on the first put). */
export function createFileMediaStorage(dir: string): MediaStorage {
  const pathOf = (id: string) => `${dir}/${id.slice(-2)}/${id}`;
  const readInfo = async (id: string): Promise<MediaInfo | undefined> => {
    if (!isMediaId(id)) return undefined;
    try {
      return JSON.parse(await Deno.readTextFile(`${pathOf(id)}.json`));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  };
  return {
    engine: "files",
    async put(body, { contentType, filename, metadata = {}, id = newObjectId() }: PutOptions) {
      if (!isMediaId(id)) throw new Error(`Invalid media id "${id}"`);
      const path = pathOf(id);
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      const temp = `${path}.${crypto.randomUUID()}.tmp`;
      let renamed = false;
      try {
        const file = await Deno.open(temp, { write: true, createNew: true });
        let length = 0;
        const counted = asStream(body).pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              length += chunk.byteLength;
              controller.enqueue(chunk);
            },
          }),
        );
        await counted.pipeTo(file.writable);
        const info: MediaInfo = {
          _id: id,
          contentType,
          length,
          filename,
          uploadDate: Date.now(),
          metadata,
        };
        await Deno.rename(temp, path);
        renamed = true;
        await Deno.writeTextFile(`${temp}.json`, JSON.stringify(info));
        await Deno.rename(`${temp}.json`, `${path}.json`);
        return info;
      } catch (error) {
        // Ids are new, so the bytes renamed into place are this put's own.
        if (renamed) await Deno.remove(path).catch(() => {});
        await Deno.remove(temp).catch(() => {});
        await Deno.remove(`${temp}.json`).catch(() => {});
        throw error;
      }
    },
    async get(id) {
      const info = await readInfo(id);
      if (!info) return undefined;
      const media: MediaFile = { ...info, body: (range) => openLazily(pathOf(id), range) };
      return media;
    },
    async exists(id) {
      return (await readInfo(id)) !== undefined;
    },
    async delete(id) {
      if (!isMediaId(id)) return false;
      const path = pathOf(id);
      let existed = true;
      await Deno.remove(`${path}.json`).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
        existed = false;
      });
      await Deno.remove(path).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
      return existed;
    },
    close: () => Promise.resolve(),
  };
}

/**
 * The bytes of `path` (or `range` of them), opened at the first read (a body never read holds
 * no file open).
 */
function openLazily(path: string, range?: ByteRange): ReadableStream<Uint8Array> {
  let file: Deno.FsFile | undefined;
  let left = range ? range.end - range.start + 1 : Infinity;
  return new ReadableStream({
    async pull(controller) {
      if (!file) {
        file = await Deno.open(path, { read: true });
        if (range) await file.seek(range.start, Deno.SeekMode.Start);
      }
      const chunk = new Uint8Array(Math.min(left, 64 * 1024));
      const read = left > 0 ? await file.read(chunk) : null;
      if (read === null) {
        file.close();
        controller.close();
        return;
      }
      left -= read;
      controller.enqueue(chunk.subarray(0, read));
    },
    cancel() {
      file?.close();
    },
  });
}
