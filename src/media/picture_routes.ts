/**
 * `POST /api/picture_crop` (Superdesk's apps/picture_crop: a crop of a stored original, resized
 * to `width`×`height` when given, stored and its href answered, for pictures embedded in a text
 * body) and `POST /api/picture_renditions` (apps/picture_renditions.py: the system renditions
 * and the `crop_sizes` crops of a stored original). Nothing is kept but the files; the pixels
 * are the image thread's, within its pixel limit.
 */
import { BadRequestError } from "../errors.ts";
import { callerOf, createRouter, readDocument } from "../apps/app_routes.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { cropOf } from "./crop_fields.ts";
import { checkCropSize, cropSizes, pixelsOf, renditionSpec, tooSmallFor } from "./crop_sizes.ts";
import type { MediaIntake } from "./media_intake.ts";
import { checkOverlap } from "./picture_crops.ts";
import { picturePixels } from "./picture_pixels.ts";
import { ARCHIVE_PRIVILEGE } from "./upload_resource.ts";

/** The router of the two routes. */
export function pictureRoutes(intake: MediaIntake, registry: ResourceRegistry) {
  const routes = createRouter();

  routes.post("/picture_crop", async (c) => {
    callerOf(c, ARCHIVE_PRIVILEGE);
    const doc = await readDocument(c) as Doc;
    const original = originalOf(doc);
    const crop = objectOr(doc.crop);
    if (!Object.keys(crop).length) {
      throw new BadRequestError("The crop is required", { issues: { crop: "required" } });
    }
    const size = cropSize(crop, original);
    const box = cropOf(crop)!;
    checkOverlap("crop", box, original);
    checkCropSize("crop", size, original);
    const { bytes, mimetype } = await intake.read(String(original.media));
    // Read from the file's headers: a crop is not made larger than its original.
    const pixels = picturePixels(bytes, mimetype);
    if (pixels !== undefined && size.width * size.height > pixels) {
      throw new BadRequestError(
        `The crop of ${size.width}x${size.height} pixels is larger than its original ` +
          `(${pixels} pixels)`,
        { issues: { crop: "too large" } },
      );
    }
    const made = await intake.decode({ bytes, filename: "picture_crop" }, mimetype, {
      crop: box,
      renditions: { crop: { ...size, exact: true } },
      skipCropped: true,
    });
    const stored: string[] = [];
    const rendition = await intake.storeRendition(made.renditions[0]!, "picture_crop", stored);
    return wireJson({
      _id: rendition.media,
      _status: "OK",
      _links: { self: { title: "Picture_crop", href: `picture_crop/${rendition.media}` } },
      href: rendition.href,
      width: rendition.width,
      height: rendition.height,
    }, 201);
  });

  routes.post("/picture_renditions", async (c) => {
    callerOf(c, ARCHIVE_PRIVILEGE);
    const doc = await readDocument(c) as Doc;
    const original = originalOf(doc);
    const { bytes, mimetype } = await intake.read(String(original.media));
    const spec = renditionSpec(await cropSizes(registry), {
      noCustomCrops: doc.no_custom_crops === true,
    });
    const made = await intake.decode({ bytes, filename: "original" }, mimetype, {
      renditions: spec,
    });
    const stored: string[] = [];
    const renditions: Doc = {
      original: {
        href: intake.href(String(original.media)),
        media: String(original.media),
        mimetype,
        width: made.width,
        height: made.height,
      },
    };
    try {
      for (const rendition of made.renditions) {
        // `can_generate_custom_crop_from_original`: known once the original is decoded.
        if (tooSmallFor(spec[rendition.name]!, made.width, made.height)) continue;
        renditions[rendition.name] = await intake.storeRendition(rendition, "rendition", stored);
      }
    } catch (error) {
      await intake.remove(stored);
      throw error;
    }
    const id = objectOr(doc.item)._id;
    return wireJson({
      _id: id,
      _status: "OK",
      _links: { self: { title: "Picture_renditions", href: `picture_renditions/${id}` } },
      renditions,
    }, 201);
  });
  return routes;
}

/** `item.renditions.original` with its `media`, or a 400. */
function originalOf(doc: Doc): Doc {
  const original = objectOr(objectOr(objectOr(doc.item).renditions).original);
  if (typeof original.media !== "string" || !original.media) {
    throw new BadRequestError("The item needs renditions.original with its media", {
      issues: { item: "renditions.original.media" },
    });
  }
  return original;
}

/**
 * Superdesk's `get_crop_size`: no coordinates crop the whole (default 800×600) picture; a box
 * is narrowed to the proportions of the `width`×`height` asked for (in place).
 */
function cropSize(crop: Doc, original: Doc): { width: number; height: number } {
  const all = ["CropLeft", "CropTop", "CropRight", "CropBottom"].every((f) => f in crop);
  if (!all) {
    const width = pixelsOf(original.width) ?? 800;
    const height = pixelsOf(original.height) ?? 600;
    Object.assign(crop, { CropLeft: 0, CropTop: 0, CropRight: width, CropBottom: height });
    return { width, height };
  }
  const box = cropOf(crop)!;
  let cropWidth = box.right - box.left;
  let cropHeight = box.bottom - box.top;
  const width = "width" in crop ? pixelsOf(crop.width) : cropWidth;
  const height = "height" in crop ? pixelsOf(crop.height) : cropHeight;
  if (!width || !height) {
    throw new BadRequestError("width and height must be whole pixels", {
      issues: { crop: "size" },
    });
  }
  const cropRatio = round2(cropWidth / cropHeight);
  const sizeRatio = round2(width / height);
  if (cropRatio > sizeRatio) {
    cropWidth = Math.max(1, Math.trunc(cropHeight * (width / height)));
    crop.CropRight = box.left + cropWidth;
  } else if (cropRatio < sizeRatio) {
    cropHeight = Math.max(1, Math.trunc(cropWidth / (width / height)));
    crop.CropBottom = box.top + cropHeight;
  }
  return { width, height };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function objectOr(value: unknown): Doc {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Doc : {};
}
