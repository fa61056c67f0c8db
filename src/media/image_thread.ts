/**
 * The API side of the image thread (workers/image_worker.ts): started at the first picture,
 * one per process, jobs answered in order of their ids. The queue is bounded (beyond it a 503:
 * each queued job holds its picture's bytes), and a thread that dies, or answers nothing for
 * `stallMs` while it holds jobs (a picture that never finishes), fails the jobs it held and is
 * started anew for the next one; `close` stops it.
 */
import { ServiceUnavailableError } from "../errors.ts";
import type { CropBox, ImageJob, ImageReply, RenditionSize } from "./image_protocol.ts";

const WORKER_URL = new URL("../../workers/image_worker.ts", import.meta.url);

/** What a picture became. */
export type ImageResult = Extract<ImageReply, { ok: true }>;

/** Makes renditions off the event loop. */
export interface ImageThread {
  render(
    bytes: Uint8Array,
    options: {
      mimetype: string;
      renditions: Record<string, RenditionSize>;
      crop?: CropBox;
      skipCropped?: boolean;
    },
  ): Promise<ImageResult>;
  close(): void;
}

/** A picture the thread could not read or write. */
export class ImageError extends Error {}

/** How the thread is run (the defaults are production's; tests name another worker). */
export interface ImageThreadOptions {
  /** Jobs held at most (sent and waiting); more are refused with a 503. */
  maxPending?: number;
  /** A thread holding jobs that answers none for this long is stopped and its jobs fail. */
  stallMs?: number;
  workerUrl?: URL;
}

/** A lazily started image thread. */
export function createImageThread(
  { maxPending = 16, stallMs = 120_000, workerUrl = WORKER_URL }: ImageThreadOptions = {},
): ImageThread {
  let worker: Worker | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let next = 0;
  const pending = new Map<number, PromiseWithResolvers<ImageResult>>();
  const stop = (message: string) => {
    worker?.terminate();
    worker = undefined;
    clearTimeout(watchdog);
    watchdog = undefined;
    for (const waiter of pending.values()) waiter.reject(new ImageError(message));
    pending.clear();
  };
  // Restarted at each answer: it fires only when the thread holds jobs and answers none.
  const watch = () => {
    clearTimeout(watchdog);
    watchdog = pending.size === 0 ? undefined : setTimeout(
      () => stop(`The image thread answered nothing for ${stallMs} ms and was restarted`),
      stallMs,
    );
  };
  const spawn = () => {
    const thread = new Worker(workerUrl.href, { type: "module" });
    thread.onmessage = ({ data }: MessageEvent<ImageReply>) => {
      const waiter = pending.get(data.id);
      pending.delete(data.id);
      watch();
      if (data.ok) waiter?.resolve(data);
      else waiter?.reject(new ImageError(data.error));
    };
    thread.onerror = (event) => {
      event.preventDefault();
      if (worker === thread) stop(`The image thread failed: ${event.message}`);
      else thread.terminate();
    };
    return thread;
  };
  return {
    render(bytes, { mimetype, renditions, crop, skipCropped }) {
      if (pending.size >= maxPending) {
        return Promise.reject(
          new ServiceUnavailableError(`The image thread holds ${maxPending} pictures: try again`),
        );
      }
      worker ??= spawn();
      const id = ++next;
      const waiter = Promise.withResolvers<ImageResult>();
      pending.set(id, waiter);
      if (pending.size === 1) watch();
      // A copy is transferred: the caller keeps its bytes to store.
      const copy = bytes.slice().buffer;
      const job: ImageJob = { id, bytes: copy, mimetype, renditions, crop, skipCropped };
      worker.postMessage(job, [copy]);
      return waiter.promise;
    },
    close() {
      stop("The image thread was stopped");
    },
  };
}
