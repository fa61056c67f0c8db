/**
 * The custom crops of pictures: the items of the `crop_sizes` vocabulary (Superdesk's
 * `CropService.get_crop_by_name` and `get_renditions_spec`), each named, with a `width` and/or
 * `height` in pixels or a `ratio` ("16:9").
 */
import { BadRequestError } from "../errors.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { RenditionSize } from "./image_protocol.ts";
import { MAX_PICTURE_PIXELS } from "./picture_pixels.ts";
import { PICTURE_RENDITIONS } from "./rendition_specs.ts";

/**
 * The longest side, in pixels, a crop or custom rendition is made at (README, Media): a size
 * asked for (a `crop_sizes` item, `picture_crop`'s `width`/`height`) is resized to before it is
 * stored, so an unbounded one would allocate its pixels on the image thread.
 */
export const MAX_CROP_SIDE = 10_000;

/** The vocabulary's items (all of them, as `get_crop_by_name` reads them). */
export async function cropSizes(registry: ResourceRegistry): Promise<Doc[]> {
  const vocabulary = await registry.service("vocabularies").findOne({ _id: "crop_sizes" });
  const items = vocabulary?.items;
  return Array.isArray(items) ? items.filter((item) => item && typeof item === "object") : [];
}

/** The crop size named `name` (case-insensitive), if any. */
export function cropNamed(sizes: readonly Doc[], name: string): Doc | undefined {
  return sizes.find((size) => String(size.name ?? "").toLowerCase() === name.toLowerCase());
}

/** `"4:3"` or 1.33 as a number; undefined when it is neither. */
export function ratioOf(ratio: unknown): number | undefined {
  if (typeof ratio === "number") return ratio > 0 ? ratio : undefined;
  const [w, h] = String(ratio ?? "").split(":").map(Number);
  return w! > 0 && h! > 0 ? w! / h! : undefined;
}

/** A positive whole number of pixels, or undefined. */
export function pixelsOf(value: unknown): number | undefined {
  const n = Number(value);
  return value !== undefined && value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The renditions `POST /api/picture_renditions` makes: the system ones, and unless
 * `noCustomCrops` the active crop sizes (`get_renditions_spec`).
 */
export function renditionSpec(
  sizes: readonly Doc[],
  { noCustomCrops }: { noCustomCrops: boolean },
): Record<string, RenditionSize> {
  const spec: Record<string, RenditionSize> = { ...PICTURE_RENDITIONS };
  if (noCustomCrops) return spec;
  for (const size of sizes) {
    if (!size.is_active || typeof size.name !== "string") continue;
    const w = pixelsOf(size.width);
    const h = pixelsOf(size.height);
    const ratio = ratioOf(size.ratio);
    // A system rendition's name keeps its fitting (Superdesk's `rendition not in RENDITIONS`).
    const system = size.name in PICTURE_RENDITIONS;
    checkCropSize(size.name, { width: w, height: h });
    if (w && h && !system) spec[size.name] = { width: w, height: h, exact: true };
    else if (w || h) spec[size.name] = { width: w, height: h };
    else if (ratio) spec[size.name] = { ratio };
  }
  return spec;
}

/**
 * A 400, before any pixel work, unless a rendition of `width`×`height` (either may be absent)
 * may be made: each side within MAX_CROP_SIDE and the original's side (when `original` says it),
 * and within the pixel limit of pictures.
 */
export function checkCropSize(
  name: string,
  { width, height }: { width?: number; height?: number },
  original: Doc = {},
): void {
  const maxWidth = Math.min(MAX_CROP_SIDE, pixelsOf(original.width) ?? Infinity);
  const maxHeight = Math.min(MAX_CROP_SIDE, pixelsOf(original.height) ?? Infinity);
  if ((width ?? 0) > maxWidth || (height ?? 0) > maxHeight) {
    throw new BadRequestError(
      `The crop ${name} of ${width ?? "any"}x${height ?? "any"} pixels is larger than ` +
        `${maxWidth}x${maxHeight} (its original's size, at most ${MAX_CROP_SIDE} a side)`,
      { issues: { [name]: "too large" } },
    );
  }
  if ((width ?? 1) * (height ?? 1) > MAX_PICTURE_PIXELS) {
    throw new BadRequestError(
      `The crop ${name} has more than ${MAX_PICTURE_PIXELS} pixels`,
      { issues: { [name]: "too large" } },
    );
  }
}

/** A custom crop of a fixed box a `width`×`height` picture is too small for (dropped). */
export function tooSmallFor(size: RenditionSize, width: number, height: number): boolean {
  return Boolean(size.exact) && (width < size.width! || height < size.height!);
}
