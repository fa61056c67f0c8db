/** The API reference's description of the rundown exports (`export_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const TAGS = ["Rundowns"];
const FORMAT = {
  type: "object",
  required: ["_id", "name"],
  properties: { _id: { type: "string" }, name: { type: "string" } },
};

/** Path items of the export routes. */
export const EXPORT_PATHS: OpenApiPaths = {
  "/rundown_export": {
    get: {
      tags: TAGS,
      operationId: "listRundownExportFormats",
      summary: "List rundown export formats",
      responses: {
        "200": {
          description: "The formats",
          ...jsonContent({
            type: "object",
            properties: { _items: { type: "array", items: FORMAT } },
          }),
        },
        ...errorResponses(401),
      },
    },
    post: {
      tags: TAGS,
      operationId: "createRundownExport",
      summary: "Create a rundown export link",
      description: "`href` downloads the rundown in `format` for 7 days, without a session.",
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          required: ["format", "rundown"],
          properties: { format: { type: "string" }, rundown: { type: "string" } },
        }),
      },
      responses: {
        "201": {
          description: "The link",
          ...jsonContent({
            type: "object",
            required: ["href"],
            properties: { href: { type: "string" } },
          }),
        },
        ...errorResponses(400, 401, 403),
      },
    },
  },
  "/rundowns_export/{token}": {
    get: {
      tags: TAGS,
      operationId: "downloadRundownExport",
      summary: "Download a rundown export",
      security: [],
      parameters: [{
        name: "token",
        in: "path",
        required: true,
        description: "The link's token",
        schema: { type: "string", pattern: "^[a-f0-9]{32}$" },
      }],
      responses: {
        "200": {
          description: "The file (PDF or CSV), as an attachment",
          content: {
            "application/pdf": { schema: { type: "string", format: "binary" } },
            "text/csv": { schema: { type: "string" } },
          },
        },
        ...errorResponses(404),
      },
    },
  },
};
