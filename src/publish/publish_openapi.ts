/**
 * The API reference's description of publishing's own routes (`publish_routes.ts`): the
 * publishing actions on a content item, resending it, `POST /validate`, the formatters (listing
 * them, formatting an item) and `GET /output_formats`.
 * Error statuses their shape implies are added by the document (`error_responses.ts`).
 */
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { schemaNames } from "../http/openapi/resource_schemas.ts";
import { archiveResource } from "../newsroom/archive_resource.ts";
import { itemIdParameter } from "../newsroom/newsroom_openapi.ts";
import { PUBLISH_KINDS, PUBLISH_RULES, type PublishKind } from "./publish_workflow.ts";
import { CORRECT_PRIVILEGE, RESEND_PRIVILEGE } from "./privileges.ts";
import { jsonContent } from "../http/openapi/json_content.ts";

const TAGS = ["Content items"];
const items = schemaNames(archiveResource);
const ITEM_ID = itemIdParameter();
/** A list of `{name, type}`: the formatters' and the output formats' answers. */
const NAMES_AND_TYPES = {
  type: "object",
  properties: {
    _items: {
      type: "array",
      items: {
        type: "object",
        properties: { name: { type: "string" }, type: { type: "string" } },
        required: ["name", "type"],
      },
    },
    _meta: { type: "object", properties: { total: { type: "integer" } } },
  },
  required: ["_items"],
};

/** An action's optional body and its answer: the content item as it is now. */
const ITEM_ANSWER = {
  requestBody: { required: false, ...jsonContent({ type: "object" }) },
  responses: {
    "200": {
      description: "The content item as it is now",
      headers: { ETag: { $ref: "#/components/headers/ETag" } },
      ...jsonContent({ $ref: `#/components/schemas/${items.written}` }),
    },
  },
};

/** Titles of the actions ("Publish a content item"). */
const ACTIONS: Record<PublishKind, { summary: string; id: string; does: string }> = {
  publish: {
    summary: "Publish a content item",
    id: "publishContentItem",
    does: "Publishes the item to its subscribers (or schedules it, with `publish_schedule`).",
  },
  correct: {
    summary: "Correct a published item",
    id: "correctContentItem",
    does: "Publishes a correction of a published item.",
  },
  kill: {
    summary: "Kill a published item",
    id: "killContentItem",
    does: "Withdraws a published item: subscribers get a kill notice.",
  },
  takedown: {
    summary: "Take down a published item",
    id: "takeDownContentItem",
    does: "Withdraws a published item: subscribers get a takedown notice.",
  },
  unpublish: {
    summary: "Unpublish a content item",
    id: "unpublishContentItem",
    does: "Withdraws a published item so it can be published again.",
  },
};

/** `/archive/{kind}/{id}` for every publishing action. */
function actionPaths(): OpenApiPaths {
  const paths: OpenApiPaths = {};
  for (const kind of PUBLISH_KINDS) {
    const { summary, id, does } = ACTIONS[kind];
    paths[`/archive/${kind}/{id}`] = {
      patch: {
        tags: TAGS,
        operationId: id,
        summary,
        description: `${does} Fields sent in the body are saved with it. Requires the ` +
          `\`${PUBLISH_RULES[kind].privilege}\` privilege.`,
        parameters: [ITEM_ID, { $ref: "#/components/parameters/IfMatch" }],
        ...ITEM_ANSWER,
      },
    };
  }
  return paths;
}

/** Path items of the publishing routes. */
export const PUBLISH_PATHS: OpenApiPaths = {
  ...actionPaths(),
  "/archive/correction/{id}": {
    patch: {
      tags: TAGS,
      operationId: "openCorrection",
      summary: "Open a correction of a published item",
      description: "Puts the item back on its desk's working stage in state `correction` (its " +
        "published copy `being_corrected`), or with `remove_correction=true` cancels that. " +
        `The body is not applied. Requires the \`${CORRECT_PRIVILEGE}\` privilege.`,
      parameters: [
        ITEM_ID,
        { $ref: "#/components/parameters/IfMatch" },
        {
          name: "remove_correction",
          in: "query",
          required: false,
          schema: { type: "string", enum: ["true"] },
        },
      ],
      ...ITEM_ANSWER,
    },
  },
  "/archive/{id}/resend": {
    post: {
      tags: TAGS,
      operationId: "resendContentItem",
      summary: "Resend a published item",
      description: "Queues the published item's newest version (`version`) again for the " +
        `subscribers named (\`subscribers\`). Requires the \`${RESEND_PRIVILEGE}\` privilege.`,
      parameters: [ITEM_ID],
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            subscribers: { type: "array", items: { type: "string" } },
            version: { type: "integer", description: "The item's current version" },
          },
        }),
      },
      responses: {
        "201": {
          description: "How many transmissions were queued",
          ...jsonContent({
            type: "object",
            properties: {
              _id: { type: "string" },
              _status: { const: "OK" },
              queued: { type: "integer" },
            },
            required: ["_id", "queued"],
          }),
        },
      },
    },
  },
  "/validate": {
    post: {
      tags: TAGS,
      operationId: "validateContentItem",
      summary: "Validate a content item",
      description: "The messages the item (`validate`) would get from the validators of the " +
        "action (`act`) and item type (`type`).",
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            act: { type: "string" },
            type: { type: "string" },
            validate: { type: "object" },
            embedded: { type: "boolean" },
          },
          required: ["act", "type", "validate"],
        }),
      },
      responses: {
        "201": {
          description: "The request with the messages (`errors`)",
          ...jsonContent({
            type: "object",
            properties: {
              errors: { type: "array", items: { type: "string" } },
              _status: { const: "OK" },
            },
            required: ["errors"],
          }),
        },
      },
    },
  },
  "/formatters": {
    get: {
      tags: ["Publishing"],
      operationId: "listFormatters",
      summary: "List the output formatters",
      parameters: [{
        name: "criteria",
        in: "query",
        description: "Only the formatters offered for the client's preview (`can_preview`) or " +
          "export (`can_export`)",
        schema: { type: "string", enum: ["can_preview", "can_export"] },
      }],
      responses: {
        "200": {
          description: "Every formatter a subscriber's destination may use",
          ...jsonContent(NAMES_AND_TYPES),
        },
      },
    },
    post: {
      tags: ["Publishing"],
      operationId: "formatContentItem",
      summary: "Format a content item",
      description: "The item (`article_id`) as the formatter (`formatter_name`, a name " +
        "`GET /formatters` lists) formats it, once it passes its publish validation.",
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: { article_id: { type: "string" }, formatter_name: { type: "string" } },
          required: ["article_id", "formatter_name"],
        }),
      },
      responses: {
        "201": {
          description: "The request with the formatted text (`_id.formatted_doc`, as Eve answers)",
          ...jsonContent({
            type: "object",
            properties: {
              _id: {
                type: "object",
                properties: { formatted_doc: { type: "string" } },
                required: ["formatted_doc"],
              },
              _status: { const: "OK" },
            },
            required: ["_id"],
          }),
        },
      },
    },
  },
  "/output_formats": {
    get: {
      tags: ["Publishing"],
      operationId: "listOutputFormats",
      summary: "List the output formats",
      responses: {
        "200": {
          description: "The formats a destination may name (`type`), with their display names",
          ...jsonContent(NAMES_AND_TYPES),
        },
      },
    },
  },
};
