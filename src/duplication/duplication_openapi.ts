/**
 * The API reference's description of the copy, translate and related-items routes
 * (`duplication_routes.ts`). Error statuses their shape implies are added by the document.
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { archiveResource } from "../newsroom/archive_resource.ts";
import { itemIdParameter } from "../newsroom/newsroom_openapi.ts";
import { TRANSLATE_PRIVILEGE } from "./privileges.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const TAGS = ["Content items"];
const items = schemaNames(archiveResource);
const NEW_ITEM = {
  description: "The new content item",
  headers: { ETag: { $ref: "#/components/headers/ETag" } },
  ...jsonContent({ $ref: `#/components/schemas/${items.written}` }),
};

/** Path items of the duplication routes. */
export const DUPLICATION_PATHS: OpenApiPaths = {
  "/archive/translate": {
    post: {
      tags: TAGS,
      operationId: "translateContentItem",
      summary: "Translate a content item",
      description: "Creates a copy of the item in another language (a package's items are " +
        "translated too), listed in the item's `translations`; on the desk named (its working " +
        "stage), else where the item is. An item already in that language is answered. " +
        `Requires the \`${TRANSLATE_PRIVILEGE}\` privilege.`,
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            guid: { type: "string", description: "The item's guid" },
            language: { type: "string", description: "The translation's language" },
            desk: { type: ["string", "null"], description: "The desk's id" },
          },
          required: ["guid", "language"],
        }),
      },
      responses: { "201": { ...NEW_ITEM, description: "The translation" }, ...errorResponses(412) },
    },
  },
  "/archive/{id}/copy": {
    post: {
      tags: TAGS,
      operationId: "copyContentItem",
      summary: "Copy a content item to one's personal space",
      description: "Creates a copy of the item (with its versions) in the caller's personal " +
        "space; an item on a desk leaves its desk in the copy.",
      parameters: [itemIdParameter()],
      requestBody: { required: false, ...jsonContent({ type: "object" }) },
      responses: { "201": NEW_ITEM, ...errorResponses(412) },
    },
  },
  "/archive/{id}/related": {
    get: {
      tags: TAGS,
      operationId: "listRelatedContentItems",
      summary: "List the items of a content item's family",
      description: "The other items with the item's `family_id` in a workflow or published " +
        "state, newest change first. Requires the `archive` privilege.",
      parameters: [itemIdParameter()],
      responses: {
        "200": {
          description: "The related items",
          ...jsonContent({
            type: "object",
            properties: {
              _items: { type: "array", items: { $ref: `#/components/schemas/${items.item}` } },
              _links: { type: "object" },
              _meta: { $ref: "#/components/schemas/ListMeta" },
            },
            required: ["_items", "_meta"],
          }),
        },
      },
    },
  },
};
