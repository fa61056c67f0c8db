/**
 * The image thread (a module Web Worker spawned by src/media/image_thread.ts): decodes a
 * picture with Jimp (pure JavaScript), applies its EXIF orientation (as Superdesk's
 * `fix_orientation`), crops it when asked, and makes each rendition as Superdesk's
 * `generate_renditions`: fitted in its box with the proportions kept (enlarging a smaller
 * picture too), `baseImage` first and the others from it when it is smaller, in the
 * original's format where Jimp writes it (JPEG, PNG, GIF, BMP, TIFF), PNG otherwise. It reports
 * its start and each step of a job done (`ImageProgress`): the API side's watchdog only stops a
 * thread that has reported nothing for its stall period.
 */
import { Jimp } from "jimp";
import type {
  CropBox,
  ImageJob,
  ImageMessage,
  ImageReply,
  MadeRendition,
  RenditionSize,
} from "../src/media/image_protocol.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ImageJob>) => void) | null;
  postMessage(message: ImageMessage, transfer?: Transferable[]): void;
}

type Image = Awaited<ReturnType<typeof Jimp.read>>;
type OutputMime = "image/jpeg" | "image/png" | "image/gif" | "image/bmp" | "image/tiff";

const WRITTEN = new Set<string>([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/bmp",
  "image/tiff",
]);

const scope = self as unknown as WorkerScope;

/** Tells the API side that step `progress` of job `id` is done. */
function report(id: number, progress: string): void {
  scope.postMessage({ id, progress });
}

scope.onmessage = async ({ data: job }) => {
  let reply: ImageReply;
  try {
    reply = await run(job);
  } catch (error) {
    reply = {
      id: job.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  const transfer = reply.ok
    ? [...reply.renditions, ...(reply.cropped ? [reply.cropped] : [])].map(({ bytes }) => bytes)
    : [];
  scope.postMessage(reply, transfer);
};

report(0, "started");

async function run(job: ImageJob): Promise<ImageReply> {
  let image = await Jimp.read(job.bytes);
  report(job.id, "decoded");
  const exif = exifOf(image);
  const mime = outputMime(job.mimetype);
  let cropped: MadeRendition | undefined;
  if (job.crop) {
    image = cropTo(image, job.crop);
    report(job.id, "cropped");
    if (!job.skipCropped) {
      cropped = await encode("original", image, mime);
      report(job.id, "encoded original");
    }
  }
  const width = image.width;
  const height = image.height;
  const names = Object.keys(job.renditions);
  const ordered = names.includes("baseImage")
    ? ["baseImage", ...names.filter((name) => name !== "baseImage")]
    : names;
  let base = image;
  const renditions: MadeRendition[] = [];
  for (const name of ordered) {
    const size = job.renditions[name]!;
    const resized = size.ratio || size.exact ? centreCut(base, size) : resizeTo(base, size);
    report(job.id, `resized ${name}`);
    const made = await encode(name, resized, mime);
    report(job.id, `encoded ${name}`);
    if (size.ratio || size.exact) made.crop = centreOf(width, height, ratioOf(size));
    renditions.push(made);
    if (name === "baseImage" && resized.width < width && resized.height < height) base = resized;
  }
  return { id: job.id, ok: true, width, height, exif, cropped, renditions };
}

/** `image` fitted in `size`'s box (one side alone keeps the proportions), as Superdesk. */
function resizeTo(image: Image, size: RenditionSize): Image {
  const { width, height } = image;
  let w = size.width;
  let h = size.height;
  if (w && h) {
    const xRatio = width / w;
    const yRatio = height / h;
    if (xRatio > yRatio) h = Math.trunc(height / xRatio);
    else w = Math.trunc(width / yRatio);
  } else if (w) {
    h = Math.trunc(w / (width / height));
  } else if (h) {
    w = Math.trunc(h * (width / height));
  } else {
    throw new Error("A rendition needs a width or a height");
  }
  return image.clone().resize({ w: Math.max(1, w!), h: Math.max(1, h!) }) as Image;
}

/**
 * The centre of `image` cut to `size`'s proportions, resized to its box when `exact` (Superdesk's
 * `_crop_image` and `_crop_image_center`).
 */
function centreCut(image: Image, size: RenditionSize): Image {
  const box = centreOf(image.width, image.height, ratioOf(size));
  const cut = cropTo(image, box);
  if (!size.exact) return cut;
  return cut.resize({ w: Math.max(1, size.width!), h: Math.max(1, size.height!) }) as Image;
}

function ratioOf(size: RenditionSize): number {
  return size.ratio ?? size.width! / size.height!;
}

/** The largest box of `ratio` centred in a `width`×`height` picture. */
function centreOf(width: number, height: number, ratio: number): CropBox {
  if (height * ratio > width) {
    const h = Math.max(1, Math.trunc(width / ratio));
    const top = Math.trunc((height - h) / 2);
    return { left: 0, top, right: width, bottom: top + h };
  }
  const w = Math.max(1, Math.trunc(height * ratio));
  const left = Math.trunc((width - w) / 2);
  return { left, top: 0, right: left + w, bottom: height };
}

function cropTo(image: Image, crop: CropBox): Image {
  const left = clamp(crop.left, 0, image.width - 1);
  const top = clamp(crop.top, 0, image.height - 1);
  const right = clamp(crop.right, left + 1, image.width);
  const bottom = clamp(crop.bottom, top + 1, image.height);
  return image.clone().crop({ x: left, y: top, w: right - left, h: bottom - top }) as Image;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.trunc(value), min), max);
}

async function encode(name: string, image: Image, mimetype: OutputMime): Promise<MadeRendition> {
  // Quality 75 is what Superdesk's PIL writes by default (Jimp's is 100: files 3× larger).
  const buffer = mimetype === "image/jpeg"
    ? await image.getBuffer(mimetype, { quality: 75 })
    : await image.getBuffer(mimetype);
  const bytes = new Uint8Array(buffer.byteLength);
  bytes.set(buffer);
  return { name, bytes: bytes.buffer, mimetype, width: image.width, height: image.height };
}

function outputMime(mimetype: string): OutputMime {
  const type = mimetype.toLowerCase() === "image/jpg" ? "image/jpeg" : mimetype.toLowerCase();
  return (WRITTEN.has(type) ? type : "image/png") as OutputMime;
}

/** The EXIF tags Jimp read (its `_exif`), names lower-cased, plain values only. */
function exifOf(image: Image): Record<string, unknown> {
  const tags = (image as unknown as { _exif?: { tags?: Record<string, unknown> } })._exif?.tags;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(tags ?? {})) {
    if (["string", "number", "boolean"].includes(typeof value)) out[name.toLowerCase()] = value;
  }
  return out;
}
