/**
 * The `published` and `archived` resources (Superdesk's `apps/publish/published_item.py` and
 * `apps/archived`): a copy of the item for every publishing action (publish, correct, kill,
 * takedown, unpublish), with its queue state (`pending` until the workers route it, then
 * `queued`, `queued_not_transmitted` or `error`), a global `publish_sequence_no` (given in
 * routing order) and the `last_published_version` flag (moved to the newest copy when it is
 * routed); `archived` holds the published copies moved out of production. Both are search-backed (`/api/search?repo=published`).
 */
import { Type } from "@sinclair/typebox";
import { ARCHIVE_SEARCH_FIELDS, itemSchema } from "../newsroom/archive_resource.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { IndexSpec } from "../storage/document_store.ts";
import { DateTimeField, Nullable } from "../resources/schema/fields.ts";
import { ARCHIVED_PRIVILEGE, PUBLISH_QUEUE_PRIVILEGE } from "./privileges.ts";

/** Where a published copy is on its way to the publish queue (Superdesk's `queue_states`). */
export const PUBLISHED_QUEUE_STATES = [
  "pending",
  "in_progress",
  "queued",
  "queued_not_transmitted",
  "error",
] as const;

/** The published copy: the item's fields and the queue bookkeeping. */
export const publishedSchema = Type.Object({
  ...itemSchema.properties,
  item_id: Type.String(),
  last_published_version: Type.Optional(Type.Boolean()),
  queue_state: Type.Optional(Type.Union(PUBLISHED_QUEUE_STATES.map((v) => Type.Literal(v)))),
  error_message: Type.Optional(Nullable(Type.String())),
  publish_sequence_no: Type.Optional(Type.Integer()),
  last_queue_event: Type.Optional(Nullable(DateTimeField())),
  moved_to_legal: Type.Optional(Type.Boolean()),
  publish_state: Type.Optional(Nullable(Type.String())),
}, { additionalProperties: false });

const COMMON = {
  schema: publishedSchema,
  searchBacked: true,
  datasource: { defaultSort: [["_updated", -1]] as [string, -1][] },
  etagIgnoreFields: ["item_id", "last_published_version", "moved_to_legal"],
  // Superdesk maps published items as archive items (`superdesk/metadata/item.py`).
  searchFields: ARCHIVE_SEARCH_FIELDS,
  additionalLookup: { field: "item_id", url: "[\\w,.:-]+" },
  // Scalar (see `IndexSpec.scalar`) where the schema allows no array: `item_id`, `_created`;
  // `queue_state` keeps its bookkeeping through the last index, whose schedule path is free-form.
  indexes: [
    { name: "item_id", keys: { item_id: 1 }, scalar: true },
    { name: "queue_state_created", keys: { queue_state: 1, _created: 1 }, scalar: true },
    // The enqueue step's pending query filters on these; indexed fields are known scalars, so
    // the embedded store tests them without scanning each (large) copy's JSON.
    {
      name: "queue_state_schedule",
      keys: { queue_state: 1, state: 1, "schedule_settings.utc_publish_schedule": 1 },
    },
  ] as IndexSpec[],
};

/** The `published` definition. */
export const publishedResource = defineResource({
  name: "published",
  ...COMMON,
  resourceMethods: ["GET"],
  itemMethods: ["GET", "PATCH"],
  privileges: { PATCH: PUBLISH_QUEUE_PRIVILEGE },
});

/**
 * The `archived` definition (published copies moved out of production), addressed also as
 * `<item_id>:<version>` (`archived_id`, Superdesk's additional lookup); its DELETE checks whether
 * a copy may be killed (`ArchivedService`).
 */
export const archivedResource = defineResource({
  name: "archived",
  ...COMMON,
  schema: Type.Object(
    { ...publishedSchema.properties, archived_id: Type.Optional(Type.String()) },
    {
      additionalProperties: false,
    },
  ),
  additionalLookup: { field: "archived_id", url: "[\\w,.:-]+" },
  indexes: [...COMMON.indexes, { name: "archived_id", keys: { archived_id: 1 }, scalar: true }],
  resourceMethods: ["GET"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { PATCH: ARCHIVED_PRIVILEGE, DELETE: ARCHIVED_PRIVILEGE },
});
