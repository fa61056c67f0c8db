/**
 * The API side of the image thread (workers/image_worker.ts): started at the first picture,
 * one per process, jobs answered in order of their ids. The queue is bounded (beyond it a 503:
 * each queued job holds its picture's bytes), and a thread that dies, or reports nothing
 * (neither a step done nor an answer) for `stallMs` while it holds jobs (a picture that never
 * finishes), fails the jobs it held and is started anew for the next one; `close` stops it.
 * The watchdog counts silence, not a job's whole time: on a loaded machine a slow picture
 * that keeps reporting its steps is left to finish.
 */
import { ServiceUnavailableError } from "../errors.ts";
import type {
  CropBox,
  ImageJob,
  ImageMessage,
  ImageReply,
  RenditionSize,
} from "./image_protocol.ts";

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

/** The part of a `Worker` the image thread uses (tests give one they drive). */
export interface ImageWorker {
  onmessage: ((event: MessageEvent<ImageMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(job: ImageJob, transfer: Transferable[]): void;
  terminate(): void;
}

/** Rings `alarm` after `ms` unless the returned function is called first. */
export type StallClock = (ms: number, alarm: () => void) => () => void;

/** How the thread is run (the defaults are production's; tests give their own). */
export interface ImageThreadOptions {
  /** Jobs held at most (sent and waiting); more are refused with a 503. */
  maxPending?: number;
  /** A thread holding jobs that reports nothing for this long is stopped and its jobs fail. */
  stallMs?: number;
  /** Starts a thread (by default a module Worker of workers/image_worker.ts). */
  spawnWorker?: () => ImageWorker;
  /** Times the stall period (by default `setTimeout`). */
  clock?: StallClock;
}

/** A lazily started image thread. */
export function createImageThread(
  { maxPending = 16, stallMs = 120_000, spawnWorker = moduleWorker, clock = wallClock }:
    ImageThreadOptions = {},
): ImageThread {
  let worker: ImageWorker | undefined;
  let cancelWatchdog: (() => void) | undefined;
  let next = 0;
  const pending = new Map<number, PromiseWithResolvers<ImageResult>>();
  const stop = (message: string) => {
    worker?.terminate();
    worker = undefined;
    cancelWatchdog?.();
    cancelWatchdog = undefined;
    for (const waiter of pending.values()) waiter.reject(new ImageError(message));
    pending.clear();
  };
  // Restarted at each message: it rings only when the thread holds jobs and reports nothing.
  const watch = () => {
    cancelWatchdog?.();
    cancelWatchdog = pending.size === 0 ? undefined : clock(
      stallMs,
      () => stop(`The image thread reported nothing for ${stallMs} ms and was restarted`),
    );
  };
  const spawn = () => {
    const thread = spawnWorker();
    thread.onmessage = ({ data }) => {
      if (worker !== thread) return;
      if ("progress" in data) return watch();
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

function moduleWorker(): ImageWorker {
  return new Worker(WORKER_URL.href, { type: "module" });
}

function wallClock(ms: number, alarm: () => void): () => void {
  const timer = setTimeout(alarm, ms);
  return () => clearTimeout(timer);
}
