/**
 * The API side of the image thread (workers/image_worker.ts): started at the first picture,
 * one per process, jobs answered in order of their ids. A thread that dies fails the jobs it
 * held and is started anew for the next one; `close` stops it.
 */
import type { CropBox, ImageJob, ImageReply, RenditionSize } from "./image_protocol.ts";

const WORKER_URL = new URL("../../workers/image_worker.ts", import.meta.url);

/** What a picture became. */
export type ImageResult = Extract<ImageReply, { ok: true }>;

/** Makes renditions off the event loop. */
export interface ImageThread {
  render(
    bytes: Uint8Array,
    options: { mimetype: string; renditions: Record<string, RenditionSize>; crop?: CropBox },
  ): Promise<ImageResult>;
  close(): void;
}

/** A picture the thread could not read or write. */
export class ImageError extends Error {}

/** A lazily started image thread. */
export function createImageThread(): ImageThread {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, PromiseWithResolvers<ImageResult>>();
  const failAll = (message: string) => {
    for (const waiter of pending.values()) waiter.reject(new ImageError(message));
    pending.clear();
  };
  const spawn = () => {
    const thread = new Worker(WORKER_URL.href, { type: "module" });
    thread.onmessage = ({ data }: MessageEvent<ImageReply>) => {
      const waiter = pending.get(data.id);
      pending.delete(data.id);
      if (data.ok) waiter?.resolve(data);
      else waiter?.reject(new ImageError(data.error));
    };
    thread.onerror = (event) => {
      event.preventDefault();
      thread.terminate();
      if (worker === thread) worker = undefined;
      failAll(`The image thread failed: ${event.message}`);
    };
    return thread;
  };
  return {
    render(bytes, { mimetype, renditions, crop }) {
      worker ??= spawn();
      const id = ++next;
      const waiter = Promise.withResolvers<ImageResult>();
      pending.set(id, waiter);
      // A copy is transferred: the caller keeps its bytes to store.
      const copy = bytes.slice().buffer;
      const job: ImageJob = { id, bytes: copy, mimetype, renditions, crop };
      worker.postMessage(job, [copy]);
      return waiter.promise;
    },
    close() {
      worker?.terminate();
      worker = undefined;
      failAll("The image thread was stopped");
    },
  };
}
