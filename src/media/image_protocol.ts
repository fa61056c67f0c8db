/**
 * Messages between the API thread and the image thread (workers/image_worker.ts): one job per
 * picture, its bytes transferred, a progress report after each step (decode, crop, each
 * rendition), its renditions back. Decoding and encoding run there so no request waits behind
 * another's pixels on the event loop.
 */

/**
 * A rendition's size: a box to fit in (Superdesk's `RENDITIONS` entries), or a custom crop size
 * of the `crop_sizes` vocabulary: `exact` cuts the centre to the box's proportions and resizes
 * it to the box (`_crop_image_center`), `ratio` (width / height) cuts the centre to it alone
 * (`_crop_image`).
 */
export interface RenditionSize {
  width?: number;
  height?: number;
  exact?: boolean;
  ratio?: number;
}

/** A crop of the original, in pixels (Superdesk's `CropLeft` ... `CropBottom`). */
export interface CropBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A job: the picture's bytes and type, the renditions to make, an optional crop first. */
export interface ImageJob {
  id: number;
  bytes: ArrayBuffer;
  mimetype: string;
  renditions: Record<string, RenditionSize>;
  crop?: CropBox;
  /** The crop is not sent back on its own (only the renditions made from it are wanted). */
  skipCropped?: boolean;
}

/** One made rendition. */
export interface MadeRendition {
  name: string;
  bytes: ArrayBuffer;
  mimetype: string;
  width: number;
  height: number;
  /** The centre cut of an `exact` or `ratio` size, in pixels of the (cropped) picture. */
  crop?: CropBox;
}

/** The answer to a job. */
export type ImageReply =
  | {
    id: number;
    ok: true;
    width: number;
    height: number;
    /** The cropped original, when a crop was asked for. */
    cropped?: MadeRendition;
    /** EXIF tags, names lower-cased (Superdesk's `filemeta` keys), when the file has them. */
    exif: Record<string, unknown>;
    renditions: MadeRendition[];
  }
  | { id: number; ok: false; error: string };

/**
 * A step done (`id` 0 for the thread's start): the thread is alive and working. The API side's
 * watchdog counts silence from the last message, so a slow picture on a loaded machine that
 * keeps reporting is never taken for a stuck one.
 */
export interface ImageProgress {
  id: number;
  progress: string;
}

/** What the image thread sends: progress reports, then each job's answer. */
export type ImageMessage = ImageProgress | ImageReply;
