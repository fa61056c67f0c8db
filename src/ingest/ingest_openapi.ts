/**
 * The API reference's description of ingest's own routes (`ingest_routes.ts`): fetching an
 * ingest item into a desk, duplicating a content item, and the read-only catalogues the
 * client's ingest settings read. Error statuses their shape implies are added by the document
 * (`error_responses.ts`).
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { archiveResource } from "../newsroom/archive_resource.ts";
import { itemIdParameter } from "../newsroom/newsroom_openapi.ts";
import { DUPLICATE_PRIVILEGE, FETCH_PRIVILEGE } from "./privileges.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const TAGS = ["Ingest items"];
const items = schemaNames(archiveResource);
const DESTINATION = {
  type: "object",
  properties: {
    desk: { type: "string", description: "The desk's id" },
    stage: { type: "string", description: "The stage's id; the desk's incoming stage if absent" },
  },
  required: ["desk"],
};
/** Superdesk's duplicate body: `desk` required but nullable (null: the caller's personal space). */
const DUPLICATE_TARGET = {
  type: "object",
  properties: {
    desk: {
      type: ["string", "null"],
      description: "The desk's id; null copies to the caller's personal space (with a stage: " +
        "to the stage's desk), unless WORKFLOW_ALLOW_COPY_TO_PERSONAL is off (403)",
    },
    stage: { type: "string", description: "The stage's id; the desk's working stage if absent" },
    type: {
      type: "string",
      description: "`archived`: copy the newest archived copy of story `item_id`",
    },
    item_id: { type: "string", description: "The story, with `type: archived`" },
  },
  required: ["desk"],
};
const NEW_ITEM = {
  description: "The new content item",
  headers: { ETag: { $ref: "#/components/headers/ETag" } },
  ...jsonContent({ $ref: `#/components/schemas/${items.written}` }),
};

/** A catalogue in Eve's list envelope. */
function catalogue(operationId: string, summary: string, item: Record<string, unknown>) {
  return {
    get: {
      tags: ["Ingest providers"],
      operationId,
      summary,
      responses: {
        "200": {
          description: summary,
          ...jsonContent({
            type: "object",
            properties: {
              _items: { type: "array", items: item },
              _links: { type: "object" },
              _meta: { $ref: "#/components/schemas/ListMeta" },
            },
            required: ["_items", "_meta"],
          }),
        },
      },
    },
  };
}

/** Path items of the ingest routes. */
export const INGEST_PATHS: OpenApiPaths = {
  "/ingest/{id}/fetch": {
    post: {
      tags: TAGS,
      operationId: "fetchIngestItem",
      summary: "Fetch an ingest item into a desk",
      description: "Creates a content item from the ingest item on the desk and stage named. " +
        `Requires the \`${FETCH_PRIVILEGE}\` privilege.`,
      parameters: [itemIdParameter("The ingest item's id")],
      requestBody: { required: true, ...jsonContent(DESTINATION) },
      responses: { "201": NEW_ITEM, ...errorResponses(412) },
    },
  },
  "/archive/{id}/duplicate": {
    post: {
      tags: ["Content items"],
      operationId: "duplicateContentItem",
      summary: "Duplicate a content item",
      description: "Creates a copy of the item on the desk and stage named, or in the " +
        "caller's personal space. Requires the " +
        `\`${DUPLICATE_PRIVILEGE}\` and \`archive\` privileges.`,
      parameters: [itemIdParameter("The content item's guid")],
      requestBody: { required: true, ...jsonContent(DUPLICATE_TARGET) },
      responses: { "201": NEW_ITEM, ...errorResponses(412) },
    },
  },
  "/io_errors": {
    get: {
      tags: ["Ingest providers"],
      operationId: "listIngestErrors",
      summary: "List the ingest error messages",
      parameters: [{
        name: "source_type",
        in: "query",
        required: false,
        description: "A feeding service: only its errors (all of them, by service, if absent)",
        schema: { type: "string" },
      }],
      responses: {
        "200": {
          description: "Error codes and their messages",
          ...jsonContent({
            type: "object",
            properties: { _items: { type: "array", items: { type: "object" } } },
            required: ["_items"],
          }),
        },
      },
    },
  },
  "/ingest_rule_handlers": catalogue("listRuleHandlers", "List the routing rule handlers", {
    type: "object",
    properties: { _id: { type: "string" }, name: { type: "string" } },
  }),
  "/feeding_services_allowed": catalogue(
    "listFeedingServices",
    "List the feeding services",
    {
      type: "object",
      properties: {
        feeding_service: { type: "string" },
        label: { type: "string" },
        fields: { type: "array" },
        parser_restricted_values: {
          type: ["array", "null"],
          items: { type: "string" },
          description: "The parsers it works with; any when null",
        },
      },
      required: ["feeding_service", "label"],
    },
  ),
  "/feed_parsers_allowed": catalogue("listFeedParsers", "List the feed parsers", {
    type: "object",
    properties: { feed_parser: { type: "string" }, label: { type: "string" } },
    required: ["feed_parser", "label"],
  }),
};
