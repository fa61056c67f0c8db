/**
 * The API reference's description of the media routes (`media_routes.ts`): the upload and the
 * raw media route. (`POST /api/archive` with a multipart `media` file is described with the
 * archive's create: the generated operation.)
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { uploadResource } from "./upload_resource.ts";

const uploads = schemaNames(uploadResource);
const UPLOAD_FORM = {
  type: "object",
  properties: {
    media: {
      type: "string",
      contentMediaType: "application/octet-stream",
      description: "The file",
    },
    URL: {
      type: "string",
      description: "Instead of `media`: a `data:` URI, or an http(s) URL to download (public " +
        "addresses only, unless UPLOAD_URL_ALLOWED_NETWORKS allows others)",
    },
    CropLeft: { type: "integer", minimum: 0 },
    CropTop: { type: "integer", minimum: 0 },
    CropRight: { type: "integer", minimum: 0 },
    CropBottom: { type: "integer", minimum: 0 },
  },
};

/** Path items of the media routes. */
export const MEDIA_PATHS: OpenApiPaths = {
  "/upload": {
    post: {
      tags: ["Upload"],
      operationId: "createUpload",
      summary: "Upload a file",
      description: "Stores a multipart `media` file (or the file `URL` names), cropped when " +
        "all four `Crop*` fields are given; a picture gets `thumbnail` (60×60) and `viewImage` " +
        "(200×200) renditions. Any signed-in user may upload; the file is limited to " +
        "MEDIA_MAX_BYTES.",
      requestBody: {
        required: true,
        content: {
          "multipart/form-data": { schema: UPLOAD_FORM },
          "application/json": {
            schema: { type: "object", properties: { URL: UPLOAD_FORM.properties.URL } },
          },
        },
      },
      responses: {
        "201": {
          description: "The upload, with `media`, `mimetype`, `renditions` and `filemeta_json`",
          headers: { ETag: { $ref: "#/components/headers/ETag" } },
          content: {
            "application/json": { schema: { $ref: `#/components/schemas/${uploads.item}` } },
          },
        },
        ...errorResponses(400, 413),
      },
    },
  },
  "/upload-raw/{id}": {
    get: {
      tags: ["Upload"],
      operationId: "getRawMedia",
      summary: "Get a stored file",
      description: "The bytes of a stored file or rendition (the `href` of a rendition), with " +
        "its type and length, an ETag (the media id) and a month of private caching. " +
        "`?download=true` answers it as an attachment; one byte range is a 206.",
      parameters: [
        {
          name: "id",
          in: "path",
          required: true,
          description: "The media id (an extension after it is ignored)",
          schema: { type: "string" },
        },
        { name: "download", in: "query", required: false, schema: { type: "string" } },
      ],
      responses: {
        "200": {
          description: "The file",
          content: {
            "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } },
          },
        },
        "206": { description: "The one byte range `Range` asked for (`Content-Range`)" },
        "304": { description: "Not modified (`If-None-Match` matched)" },
        "416": { description: "The range is outside the file (`Content-Range: bytes */<length>`)" },
        ...errorResponses(404),
      },
    },
  },
  "/upload/{id}/raw": {
    get: {
      tags: ["Upload"],
      operationId: "redirectRawMedia",
      summary: "Redirect to a stored file",
      description: "Superdesk's former raw URL: a redirect to `/upload-raw/{id}`.",
      parameters: [{
        name: "id",
        in: "path",
        required: true,
        schema: { type: "string", pattern: "^[a-f0-9]{24}$" },
      }],
      responses: { "302": { description: "Where the file is" } },
    },
  },
};
