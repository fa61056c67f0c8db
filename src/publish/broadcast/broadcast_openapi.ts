/** The API reference's description of `POST /archive/{id}/broadcast` (`broadcast_routes.ts`). */
import type { OpenApiPaths } from "../../http/openapi/openapi_document.ts";
import { schemaNames } from "../../http/openapi/resource_schemas.ts";
import { archiveResource } from "../../newsroom/archive_resource.ts";
import { itemIdParameter } from "../../newsroom/newsroom_openapi.ts";
import { BROADCAST_PRIVILEGE } from "./broadcast_privilege.ts";

const DESK = {
  type: "object",
  properties: {
    desk: {
      type: ["string", "null"],
      description: "The desk (one that exists) whose working stage gets the broadcast; the " +
        "caller's personal space without one",
    },
  },
};

/** Path items of the broadcast route. */
export const BROADCAST_PATHS: OpenApiPaths = {
  "/archive/{id}/broadcast": {
    post: {
      tags: ["Content items"],
      operationId: "createBroadcast",
      summary: "Create a broadcast of a story",
      description: "Creates a draft broadcast (genre Broadcast Script) of a published or " +
        "corrected text or preformatted story, which it names in `broadcast.master_id`. " +
        `Requires the \`${BROADCAST_PRIVILEGE}\` privilege.`,
      parameters: [itemIdParameter("The story's guid")],
      requestBody: {
        required: false,
        content: {
          "application/json": { schema: { anyOf: [DESK, { type: "array", items: DESK }] } },
        },
      },
      responses: {
        "201": {
          description: "The broadcast",
          headers: { ETag: { $ref: "#/components/headers/ETag" } },
          content: {
            "application/json": {
              schema: { $ref: `#/components/schemas/${schemaNames(archiveResource).written}` },
            },
          },
        },
      },
    },
  },
};
