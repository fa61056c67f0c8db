/** The API reference's description of `POST /api/export` (`export_routes.ts`). */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { MAX_EXPORT_ITEMS } from "./export_items.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** Path items of the export route. */
export const EXPORT_PATHS: OpenApiPaths = {
  "/export": {
    post: {
      tags: ["Content items"],
      operationId: "exportContentItems",
      summary: "Export content items formatted",
      description: "Formats the items with the formatter named by its class name (e.g. " +
        "`NINJSFormatter`); with `validate`, items failing their publish validation are " +
        "skipped (counted in `failures`). Answers them `inline` (`export`: item id → document), " +
        "else the download `url` of a zip of them. Requires the `archive` privilege.",
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            item_ids: { type: "array", items: { type: "string" }, maxItems: MAX_EXPORT_ITEMS },
            format_type: { type: "string" },
            validate: { type: "boolean" },
            inline: { type: "boolean" },
          },
          required: ["item_ids", "format_type"],
        }),
      },
      responses: {
        "201": {
          description: "What was exported",
          ...jsonContent({
            type: "object",
            properties: {
              failures: { type: "integer", description: "Items not exported" },
              url: { type: "string", description: "The zip's download URL" },
              export: { type: "object", description: "Item id → formatted item (inline)" },
            },
            required: ["failures"],
          }),
        },
        ...errorResponses(),
      },
    },
  },
};
