/** The API reference's description of `picture_routes.ts`. */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const CROP = {
  type: "object",
  description: "Pixels of the original; `width`×`height` is the size of the result",
  properties: Object.fromEntries(
    ["CropLeft", "CropTop", "CropRight", "CropBottom", "width", "height"].map((name) => [
      name,
      { type: "integer", minimum: 0 },
    ]),
  ),
};
const ITEM = {
  type: "object",
  description: "An item whose `renditions.original.media` names the stored original",
  required: ["renditions"],
  properties: { _id: {}, renditions: { type: "object" } },
};

/** Path items of the picture routes. */
export const PICTURE_PATHS: OpenApiPaths = {
  "/picture_crop": {
    post: {
      tags: ["Archive"],
      operationId: "createPictureCrop",
      summary: "Crop a picture without saving it",
      description: "Cuts `crop` out of the item's stored original (narrowed to the proportions " +
        "of `width`×`height`, then resized to them), stores it and answers its href. Needs the " +
        "`archive` privilege.",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["item", "crop"],
              properties: { item: ITEM, crop: CROP },
            },
          },
        },
      },
      responses: {
        "201": {
          description: "The stored crop: `href`, `width`, `height`",
          ...jsonContent({ type: "object" }),
        },
        ...errorResponses(400, 413),
      },
    },
  },
  "/picture_renditions": {
    post: {
      tags: ["Archive"],
      operationId: "createPictureRenditions",
      summary: "Make the renditions of a picture",
      description: "Makes and stores the system renditions of the item's stored original and, " +
        "unless `no_custom_crops`, the crops of the `crop_sizes` vocabulary (centred). Needs " +
        "the `archive` privilege.",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["item"],
              properties: { item: ITEM, no_custom_crops: { type: "boolean" } },
            },
          },
        },
      },
      responses: {
        "201": {
          description: "`renditions`, each with `href`, `media`, `mimetype`, `width`, `height`",
          ...jsonContent({ type: "object" }),
        },
        ...errorResponses(400, 413),
      },
    },
  },
};
