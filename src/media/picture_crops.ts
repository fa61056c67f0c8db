/**
 * The crops of a picture item (Superdesk's `CropService`, superdesk/media/crop.py): a save that
 * sets `renditions.<crop name>` with `CropLeft`/`CropTop`/`CropRight`/`CropBottom` (pixels of
 * the original) is checked against the `crop_sizes` vocabulary (known name, whole pixels, at
 * least the size's width×height or its ratio within 0.1, the point of interest inside), and the
 * crop is cut from the stored original on the image thread (resized to the size's box when it
 * has one) and stored as the rendition; a `poi` (fractions of the original) is set on every
 * rendition in its pixels. A crop that does not overlap the picture at all is refused (PIL
 * would fill it with black); one partly outside is cut to the picture.
 */
import { BadRequestError } from "../errors.ts";
import type { Doc } from "../storage/document_store.ts";
import { cropFields } from "./crop_fields.ts";
import { checkCropSize, cropNamed, pixelsOf, ratioOf } from "./crop_sizes.ts";
import type { CropBox } from "./image_protocol.ts";
import type { MediaIntake } from "./media_intake.ts";

const FIELDS = ["CropLeft", "CropTop", "CropRight", "CropBottom"] as const;
const INT_FIELDS = [...FIELDS, "width", "height"] as const;

/** A rendition's crop fields once checked (whole pixels). */
type Coordinates = Record<(typeof FIELDS)[number], number>;

/** Checks the crops a save sets on a picture (`validate_multiple_crops`; casts in place). */
export function validateCrops(updates: Doc, original: Doc, sizes: readonly Doc[]): void {
  const renditions = objectOr(updates.renditions);
  if (!Object.keys(renditions).length || original.type !== "picture") return;
  const stored = objectOr(original.renditions);
  for (const [name, value] of Object.entries(renditions)) {
    if (!value) continue;
    if (!stored.original) throw new BadRequestError("Missing original rendition!");
    const size = cropNamed(sizes, name);
    if (size && (typeof value !== "object" || Array.isArray(value))) {
      throw new BadRequestError(`The crop ${name} must be an object`, {
        issues: { [name]: "object" },
      });
    }
    const crop = objectOr(value);
    if (!size && "CropLeft" in crop) {
      throw new BadRequestError(`Unknown crop name! (name=${name})`, {
        issues: { [name]: "unknown" },
      });
    }
    for (const field of INT_FIELDS) {
      if (!(field in crop)) continue;
      const n = Number(crop[field]);
      if (crop[field] === null || crop[field] === "" || !Number.isInteger(n)) {
        throw new BadRequestError(`Invalid value for ${field} in renditions`, {
          issues: { [name]: { [field]: "integer" } },
        });
      }
      crop[field] = n;
    }
    const originalImage = { ...objectOr(stored.original), ...objectOr(renditions.original) };
    if ("CropLeft" in crop) checkBox(name, crop, originalImage);
    checkPoi(updates, original, name, crop, originalImage);
    if (size && "CropLeft" in crop) {
      // Superdesk's checks first, and their messages; then the bound it does not have.
      checkSize(size, crop);
      checkCropSize(
        name,
        { width: pixelsOf(size.width), height: pixelsOf(size.height) },
        originalImage,
      );
    }
  }
}

/**
 * The save's `poi` as Superdesk's item schema has it: an object whose `x` and `y` are numbers
 * (the fractions of the original every rendition's point is made from).
 */
export function checkPoiValue(updates: Doc): void {
  const poi = updates.poi;
  if (poi === undefined || poi === null) return;
  const valid = typeof poi === "object" && !Array.isArray(poi) &&
    ["x", "y"].every((axis) =>
      !(axis in poi) || Number.isFinite((poi as Record<string, unknown>)[axis])
    );
  if (!valid) {
    throw new BadRequestError("poi needs x and y as numbers", { issues: { poi: "float" } });
  }
}

/**
 * Cuts the crops a save sets or moves (`create_multiple_crops`): `updates.renditions` becomes
 * every rendition of the item, with a `poi` on each when the save sets one. Answers the media
 * ids it stored (for the caller to remove if the save fails).
 */
export async function makeCrops(
  updates: Doc,
  original: Doc,
  { sizes, intake }: { sizes: readonly Doc[]; intake: MediaIntake },
): Promise<string[]> {
  const stored: string[] = [];
  if (original.type !== "picture") return stored;
  const changes = objectOr(updates.renditions);
  const all: Doc = { ...objectOr(original.renditions), ...changes };
  for (const name of Object.keys(all)) if (!all[name]) delete all[name];
  const originalImage = objectOr(changes.original ?? objectOr(original.renditions).original);
  if (!Object.keys(originalImage).length) return stored;
  try {
    for (const [name, value] of Object.entries(changes)) {
      if (!value) continue;
      const size = cropNamed(sizes, name);
      if (!size) continue;
      const crop = objectOr(value);
      const before = objectOr(objectOr(original.renditions)[name]);
      if (crop.media || FIELDS.every((field) => crop[field] === before[field])) continue;
      if (!FIELDS.every((field) => typeof crop[field] === "number")) incomplete(name);
      all[name] = await cutCrop(intake, originalImage, crop, size, stored);
    }
  } catch (error) {
    await intake.remove(stored);
    throw error;
  }
  const poi = objectOr(updates.poi);
  if (typeof poi.x === "number" && typeof poi.y === "number") {
    for (const name of Object.keys(all)) setPoi(all, name, poi as { x: number; y: number });
  }
  updates.renditions = all;
  return stored;
}

/** One crop cut from the original and stored (`create_crop`, `_save_cropped_image`). */
async function cutCrop(
  intake: MediaIntake,
  originalImage: Doc,
  crop: Doc,
  size: Doc,
  stored: string[],
): Promise<Doc> {
  const { bytes, mimetype } = await intake.read(String(originalImage.media ?? ""));
  const box: CropBox = {
    left: Number(crop.CropLeft),
    top: Number(crop.CropTop),
    right: Number(crop.CropRight),
    bottom: Number(crop.CropBottom),
  };
  const width = pixelsOf(size.width);
  const height = pixelsOf(size.height);
  const fit = width || height;
  const result = await intake.decode({ bytes, filename: "crop" }, mimetype, {
    crop: box,
    renditions: fit ? { crop: { width, height } } : {},
    skipCropped: Boolean(fit),
  });
  const made = fit ? result.renditions[0]! : result.cropped!;
  const rendition = await intake.storeRendition({ ...made, name: "crop" }, "crop", stored);
  return {
    media: rendition.media,
    mimetype: rendition.mimetype,
    href: rendition.href,
    ...cropFields(box),
  };
}

/** `_set_crop_poi`: the point in the rendition's pixels. */
function setPoi(renditions: Doc, name: string, poi: { x: number; y: number }): void {
  const image = objectOr(renditions.original);
  const crop = objectOr(renditions[name]);
  const x = Math.trunc(Number(image.width) * poi.x);
  const y = Math.trunc(Number(image.height) * poi.y);
  const cut = FIELDS.some((field) => field in crop);
  renditions[name] = {
    ...crop,
    poi: cut ? { x: x - Number(crop.CropLeft ?? 0), y: y - Number(crop.CropTop ?? 0) } : {
      x: Math.trunc(Number(crop.width ?? image.width) * poi.x),
      y: Math.trunc(Number(crop.height ?? image.height) * poi.y),
    },
  };
}

/** All four fields, a non-empty box that overlaps the picture. */
function checkBox(name: string, fields: Doc, image: Doc): void {
  const crop = fields as Coordinates;
  if (!FIELDS.every((field) => typeof crop[field] === "number")) incomplete(name);
  if (crop.CropRight <= crop.CropLeft || crop.CropBottom <= crop.CropTop) {
    throw new BadRequestError(`The crop ${name} is empty`, { issues: { [name]: "empty" } });
  }
  checkOverlap(name, {
    left: crop.CropLeft,
    top: crop.CropTop,
    right: crop.CropRight,
    bottom: crop.CropBottom,
  }, image);
}

/**
 * A 400 when `box` lies wholly outside `image` (its `width`×`height`, when known): PIL would
 * cut a black picture, ours would stretch the edge.
 */
export function checkOverlap(name: string, box: CropBox, image: Doc): void {
  const width = pixelsOf(image.width);
  const height = pixelsOf(image.height);
  const outside = box.right <= 0 || box.bottom <= 0 ||
    (width !== undefined && box.left >= width) ||
    (height !== undefined && box.top >= height);
  if (outside) {
    throw new BadRequestError(`The crop ${name} is outside the picture`, {
      issues: { [name]: "outside" },
    });
  }
}

function incomplete(name: string): never {
  throw new BadRequestError(
    `The crop ${name} needs CropLeft, CropTop, CropRight and CropBottom`,
    { issues: { [name]: "incomplete" } },
  );
}

/** `_validate_poi`: the save's point (or the item's, for a crop it moves) inside the crop. */
function checkPoi(updates: Doc, original: Doc, name: string, fields: Doc, image: Doc): void {
  const crop = fields as Partial<Coordinates>;
  let poi: Doc;
  if ("poi" in updates) {
    poi = objectOr(updates.poi);
    if (!("x" in poi) || !("y" in poi)) {
      delete updates.poi;
      return;
    }
  } else if (original.poi && typeof original.poi === "object") {
    poi = original.poi as Doc;
  } else {
    return;
  }
  const width = Number(image.width);
  const height = Number(image.height);
  const x = Math.trunc(width * Number(poi.x));
  const y = Math.trunc(height * Number(poi.y));
  if (
    y < (crop.CropTop ?? 0) || y > (crop.CropBottom ?? height) ||
    x < (crop.CropLeft ?? 0) || x > (crop.CropRight ?? width)
  ) {
    throw new BadRequestError(`Point of interest outside the crop ${name} limits`, {
      issues: { [name]: "poi outside" },
    });
  }
}

/** `_validate_aspect_ratio`: at least the size's box, or its ratio within 0.1. */
function checkSize(size: Doc, fields: Doc): void {
  const crop = fields as Coordinates;
  const width = crop.CropRight - crop.CropLeft;
  const height = crop.CropBottom - crop.CropTop;
  const w = pixelsOf(size.width);
  const h = pixelsOf(size.height);
  const ratio = ratioOf(size.ratio);
  if (!w && !h && !ratio) {
    throw new BadRequestError(
      "Crop data are missing. width, height or ratio need to be defined",
    );
  }
  if (w && h) {
    if (width < w || height < h) {
      throw new BadRequestError(`Wrong crop size. Minimum crop size is ${w}x${h}.`);
    }
  } else if (ratio && Math.abs(width / height - ratio) > 0.1) {
    throw new BadRequestError(
      `Ratio ${size.ratio} is not respected. We got ${(width / height).toFixed(6)}`,
    );
  }
}

function objectOr(value: unknown): Doc {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Doc : {};
}
