/**
 * The API reference's description of `POST` and `DELETE /archive/{id}/rewrite`
 * (`rewrite_routes.ts`).
 * Error statuses its shape implies are added by the document (`error_responses.ts`).
 */
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { archiveResource } from "../newsroom/archive_resource.ts";
import { itemIdParameter } from "../newsroom/newsroom_openapi.ts";
import { REWRITE_PRIVILEGE } from "./privileges.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

/** Path items of the rewrite route. */
export const REWRITE_PATHS: OpenApiPaths = {
  "/archive/{id}/rewrite": {
    post: {
      tags: ["Content items"],
      operationId: "rewriteContentItem",
      summary: "Update a story",
      description: "Makes a new update of the story on the desk `desk_id` (else the story's " +
        "desk), on its working stage, or links the existing story `update` as its update. The " +
        "update names the story (`rewrite_of`, `rewrite_sequence`, `anpa_take_key`), the story " +
        `names the update (\`rewritten_by\`). Requires the \`${REWRITE_PRIVILEGE}\` privilege.`,
      parameters: [itemIdParameter()],
      requestBody: {
        required: false,
        ...jsonContent({
          type: "object",
          properties: {
            desk_id: { type: ["string", "null"] },
            update: {
              type: ["object", "null"],
              properties: { _id: { type: "string" } },
              required: ["_id"],
            },
          },
        }),
      },
      responses: {
        "201": {
          description: "The update",
          headers: { ETag: { $ref: "#/components/headers/ETag" } },
          ...jsonContent({ $ref: `#/components/schemas/${schemaNames(archiveResource).item}` }),
        },
      },
    },
    delete: {
      tags: ["Content items"],
      operationId: "unlinkContentItemUpdate",
      summary: "Unlink an update from its story",
      description: "The update no longer names its story (`rewrite_of`, `rewrite_sequence`, " +
        "`anpa_take_key` and `sequence` cleared, a new `event_id`), the story and its published " +
        "copies no longer name the update (`rewritten_by`), and an update of this item no " +
        "longer names it. 400 when the item is no update. Requires the " +
        `\`${REWRITE_PRIVILEGE}\` privilege.`,
      parameters: [itemIdParameter()],
      responses: { "204": { description: "Unlinked" } },
    },
  },
};
