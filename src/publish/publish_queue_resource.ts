/**
 * The `publish_queue` resource (Superdesk's `superdesk/publish/publish_queue.py`): one entry per
 * item version × subscriber × destination, holding the formatted document and the state of its
 * transmission (`pending`, `in-progress`, `retrying`, `success`, `failed`, `canceled`, `error`),
 * with the retry count and the last error. Lists take Eve's `where`, e.g. `{"state": "failed"}`.
 */
import { type TSchema, Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { PUBLISH_QUEUE_PRIVILEGE } from "./privileges.ts";

/** Transmission states (Superdesk's `QueueState`). */
export const QUEUE_STATES = [
  "pending",
  "in-progress",
  "retrying",
  "success",
  "canceled",
  "error",
  "failed",
] as const;

/** A queue entry's state. */
export type QueueState = typeof QUEUE_STATES[number];

const Opt = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

/** The queue entry schema. */
export const queueEntrySchema = Type.Object({
  item_id: Type.String({ minLength: 1 }),
  item_version: Type.Optional(Type.Integer()),
  formatted_item: Opt(Type.String()),
  item_encoding: Opt(Type.String()),
  subscriber_id: Opt(ObjectIdField()),
  codes: Opt(Type.Array(Type.String())),
  destination: Type.Optional(Type.Object({
    _id: Type.Optional(Type.String()),
    name: Type.String(),
    format: Type.String(),
    delivery_type: Type.String(),
    config: Opt(Type.Record(Type.String(), Type.Unknown())),
    preview_endpoint_url: Opt(Type.String()),
  })),
  published_in_package: Opt(Type.String()),
  published_seq_num: Type.Optional(Type.Integer()),
  publish_schedule: Opt(DateTimeField()),
  publishing_action: Opt(Type.String()),
  unique_name: Opt(Type.Union([Type.String(), Type.Integer()])),
  content_type: Opt(Type.String()),
  headline: Opt(Type.String()),
  transmit_started_at: Opt(DateTimeField()),
  completed_at: Opt(DateTimeField()),
  state: Type.Optional(Type.Union(QUEUE_STATES.map((value) => Type.Literal(value)))),
  error_message: Opt(Type.String()),
  moved_to_legal: Type.Optional(Type.Boolean()),
  retry_attempt: Type.Optional(Type.Integer()),
  next_retry_attempt_at: Opt(DateTimeField()),
  ingest_provider: Opt(Type.String()),
  associated_items: Opt(Type.Array(Type.String())),
  priority: Opt(Type.Boolean()),
  transmit_order: Type.Optional(Type.Integer()),
  mime_type: Opt(Type.String()),
  file_extension: Opt(Type.String()),
}, { additionalProperties: false });

/** Fields only the server sets. */
const SERVER_FIELDS = ["transmit_order", "retry_attempt", "transmit_started_at", "completed_at"];

/** The `publish_queue` definition. */
export const publishQueueResource = defineResource({
  name: "publish_queue",
  schema: queueEntrySchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
  privileges: { POST: PUBLISH_QUEUE_PRIVILEGE, PATCH: PUBLISH_QUEUE_PRIVILEGE },
  datasource: { defaultSort: [["_id", -1]] },
  // An entry is also found by its item's id (Superdesk's `additional_lookup`).
  additionalLookup: { field: "item_id", url: "[\\w,.:-]+" },
  readOnlyFields: SERVER_FIELDS,
  etagIgnoreFields: ["moved_to_legal"],
  // Scalar: the schema and the enqueue step store no arrays on these paths, so the embedded
  // store keeps no multikey triggers for them (each entry is written about twice). State first:
  // the entries still to send sit together, so storing a publish's entries and completing them
  // touches a few index pages rather than one per destination; it serves lists by state too.
  indexes: [
    { name: "destination_state", keys: {}, dropped: true },
    { name: "state", keys: {}, dropped: true },
    {
      name: "state_destination",
      keys: { state: 1, "destination._id": 1, transmit_order: 1 },
      scalar: true,
    },
    { name: "item_action", keys: { item_id: 1, publishing_action: 1 }, scalar: true },
  ],
  relations: { subscriber_id: { resource: "subscribers", embeddable: true } },
});
