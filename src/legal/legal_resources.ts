/**
 * The legal archive's resources (Superdesk's `apps/legal_archive/resource.py`): read-only copies
 * of published items (`legal_archive`), of their versions (`legal_archive_versions`), of their
 * history (`legal_archive_history`) and of their publish queue entries (`legal_publish_queue`), with users, desks, stages and subscribers
 * written as names so they stay readable once those are gone. Reading any of them takes the
 * `legal_archive` privilege. Lists come from the document store, as Superdesk's (no search).
 */
import { Type } from "@sinclair/typebox";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import { defineResource, type ResourceInput } from "../resources/resource_definition.ts";

/** The privilege every legal archive read takes. */
export const LEGAL_ARCHIVE_PRIVILEGE = "legal_archive";

/** Superdesk's privilege entry. */
export const LEGAL_ARCHIVE_PRIVILEGES = [
  {
    name: LEGAL_ARCHIVE_PRIVILEGE,
    label: "Legal Archive",
    description: "Read from legal archive",
  },
] as const;

/**
 * What the legal archive keeps is what production had, with names where it had ids: open
 * schemas (only the server writes here), the identifying fields named.
 */
const legalItemSchema = Type.Object({
  guid: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  headline: Type.Optional(Type.String()),
  _current_version: Type.Optional(Type.Integer()),
}, { additionalProperties: true });

const COMMON: Pick<ResourceInput, "resourceMethods" | "itemMethods" | "privileges"> = {
  resourceMethods: ["GET"],
  itemMethods: ["GET"],
  privileges: { GET: LEGAL_ARCHIVE_PRIVILEGE },
};

/** `legal_archive`: the last imported version of each published item, by the item's id. */
export const legalArchiveResource = defineResource({
  name: "legal_archive",
  schema: legalItemSchema,
  ...COMMON,
  datasource: { defaultSort: [["_updated", -1]] },
  itemUrl: ITEM_ID_PATTERN,
});

/** `legal_archive_versions`: every version of those items (`_id_document`, `_current_version`). */
export const legalArchiveVersionsResource = defineResource({
  name: "legal_archive_versions",
  schema: Type.Object({
    ...legalItemSchema.properties,
    _id_document: Type.Optional(Type.String()),
  }, { additionalProperties: true }),
  ...COMMON,
  datasource: { defaultSort: [["_current_version", 1]] },
  indexes: [{ name: "id_document", keys: { _id_document: 1, _current_version: 1 } }],
});

/** `legal_archive_history`: the items' `archive_history` entries, `user_id` the user's name. */
export const legalArchiveHistoryResource = defineResource({
  name: "legal_archive_history",
  schema: Type.Object({
    item_id: Type.Optional(Type.String()),
    version: Type.Optional(Type.Integer()),
    operation: Type.Optional(Type.String()),
    user_id: Type.Optional(Type.String()),
  }, { additionalProperties: true }),
  ...COMMON,
  datasource: { defaultSort: [["_created", 1]] },
  indexes: [{ name: "item_id", keys: { item_id: 1, _created: 1 } }],
});

/** `legal_publish_queue`: queue entries, `subscriber_id` the subscriber's name. */
export const legalPublishQueueResource = defineResource({
  name: "legal_publish_queue",
  schema: Type.Object({
    item_id: Type.Optional(Type.String()),
    item_version: Type.Optional(Type.Integer()),
    state: Type.Optional(Type.String()),
    content_type: Type.Optional(Type.String()),
    subscriber_id: Type.Optional(Type.String()),
    _subscriber_id: Type.Optional(Type.String()),
  }, { additionalProperties: true }),
  ...COMMON,
  datasource: { defaultSort: [["_id", 1]] },
  indexes: [{ name: "item_id", keys: { item_id: 1 } }],
});
