/**
 * The content API's resources (Superdesk's `content_api.items`, `content_api.items_versions`):
 * `items` holds each published item as its content API consumers get it (ninjs, by guid, with
 * the ids of the subscribers it was published to); `items_versions` every version stored.
 * `GET /api/items` is the newsroom's read of the store (no composite items, newest first, as
 * Superdesk's); consumers read theirs at `/api/contentapi/items` (`consumer_routes.ts`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";

const itemSchema = Type.Object({
  type: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  headline: Type.Optional(Type.String()),
  pubstatus: Type.Optional(Type.String()),
  subscribers: Type.Optional(Type.Array(Type.String())),
  original_id: Type.Optional(Type.String()),
  evolvedfrom: Type.Optional(Type.String()),
  nextversion: Type.Optional(Type.String()),
  ancestors: Type.Optional(Type.Array(Type.String())),
}, { additionalProperties: true });

/** `items`: the content API's items, by guid. */
export const itemsResource = defineResource({
  name: "items",
  schema: itemSchema,
  resourceMethods: ["GET"],
  itemMethods: ["GET"],
  itemUrl: ITEM_ID_PATTERN,
  idStyle: "guid",
  datasource: { defaultSort: [["versioncreated", -1]] },
  indexes: [
    { name: "subscribers", keys: { subscribers: 1, versioncreated: -1 } },
    { name: "ancestors", keys: { ancestors: 1 } },
  ],
});

/** `items_versions`: every version of those items (`_id_document`, ninjs `version`). */
export const itemsVersionsResource = defineResource({
  name: "items_versions",
  schema: Type.Object({
    ...itemSchema.properties,
    _id_document: Type.Optional(Type.String()),
  }, { additionalProperties: true }),
  internal: true,
  indexes: [{ name: "id_document", keys: { _id_document: 1 } }],
});
