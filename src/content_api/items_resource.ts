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
import { CONTENT_API_SEARCH_FIELDS, contentApiItemSchema } from "./items_schema.ts";

/** `items`: the content API's items, by guid. */
export const itemsResource = defineResource({
  name: "items",
  schema: contentApiItemSchema,
  resourceMethods: ["GET"],
  itemMethods: ["GET"],
  itemUrl: ITEM_ID_PATTERN,
  idStyle: "guid",
  datasource: { defaultSort: [["versioncreated", -1]] },
  // Superdesk's `items` are searched in Elasticsearch (`search_backend: "elastic"`).
  searchBacked: true,
  searchFields: CONTENT_API_SEARCH_FIELDS,
  indexes: [
    { name: "subscribers", keys: { subscribers: 1, versioncreated: -1 } },
    { name: "ancestors", keys: { ancestors: 1 } },
  ],
});

/** `items_versions`: every version of those items (`_id_document`, ninjs `version`). */
export const itemsVersionsResource = defineResource({
  name: "items_versions",
  schema: Type.Object({
    ...contentApiItemSchema.properties,
    _id_document: Type.Optional(Type.String()),
  }, { additionalProperties: true }),
  internal: true,
  indexes: [{ name: "id_document", keys: { _id_document: 1 } }],
});

/** The privilege `search_capi` needs (Superdesk's "Content API Search"). */
export const SEARCH_CAPI_PRIVILEGE = "search_capi";

/**
 * `search_capi`: the newsroom's search of `items` (`search_capi_service.ts`); it reads through the
 * items service, so it has no storage or index of its own.
 */
export const searchCapiResource = defineResource({
  name: "search_capi",
  nouns: { one: "content API item", many: "content API items" },
  schema: contentApiItemSchema,
  resourceMethods: ["GET"],
  itemMethods: ["GET"],
  itemUrl: ITEM_ID_PATTERN,
  idStyle: "guid",
  privileges: { GET: SEARCH_CAPI_PRIVILEGE },
  datasource: { source: "items", defaultSort: [["versioncreated", -1]] },
});
