/**
 * The `ingest_providers` resource (Superdesk's `superdesk/io/ingest_provider_model.py`): where
 * feeds come from (feeding service, parser, config), how often they are polled
 * (`update_schedule`, `idle_time`), what happens to their items (`content_expiry`,
 * `content_types`, `routing_scheme`, `rule_set`), their open/closed state and the poll status the
 * server keeps (`last_updated`, `last_item_update`, our `last_error`, `error_count`,
 * `recent_errors`). Poll bookkeeping does not change the etag, so a client editing a provider is
 * not refused because a poll ran meanwhile.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { ITEM_TYPES } from "../newsroom/archive_resource.ts";
import { INGEST_PROVIDERS_PRIVILEGE } from "./privileges.ts";

const Dict = () => Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown())));
const When = () => Type.Optional(Nullable(DateTimeField()));
const Int = () => Type.Optional(Nullable(Type.Integer()));
const Ref = () => Type.Optional(Nullable(ObjectIdField()));

/** One recorded error: Superdesk's code and message, when, and the item or payload. */
const errorSchema = Type.Object({
  code: Type.Integer(),
  message: Type.String(),
  time: DateTimeField(),
  payload: Type.Optional(Nullable(Type.String())),
}, { additionalProperties: false });

/** The provider schema. */
export const providerSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  source: Type.String({ minLength: 1 }),
  feeding_service: Type.String({ minLength: 1 }),
  feed_parser: Type.Optional(Nullable(Type.String())),
  content_types: Type.Optional(Type.Array(Type.Union(ITEM_TYPES.map((t) => Type.Literal(t))))),
  allow_remove_ingested: Type.Optional(Type.Boolean()),
  disable_item_updates: Type.Optional(Type.Boolean()),
  content_expiry: Int(),
  config: Dict(),
  private: Dict(),
  ingested_count: Int(),
  accepted_count: Int(),
  tokens: Dict(),
  is_closed: Type.Optional(Type.Boolean()),
  update_schedule: Type.Optional(Nullable(Type.Object({
    hours: Int(),
    minutes: Int(),
    seconds: Int(),
  }, { additionalProperties: false }))),
  idle_time: Type.Optional(Nullable(Type.Object({
    hours: Int(),
    minutes: Int(),
  }, { additionalProperties: false }))),
  last_updated: When(),
  last_ingested_id: Type.Optional(Nullable(Type.String())),
  last_item_update: When(),
  last_item_arrived: When(),
  rule_set: Ref(),
  routing_scheme: Ref(),
  notifications: Type.Optional(Type.Object({
    on_update: Type.Optional(Type.Boolean()),
    on_close: Type.Optional(Type.Boolean()),
    on_open: Type.Optional(Type.Boolean()),
    on_error: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false })),
  last_closed: Type.Optional(Nullable(Type.Object({
    closed_at: When(),
    closed_by: Ref(),
    message: Type.Optional(Nullable(Type.String())),
  }, { additionalProperties: false }))),
  last_opened: Type.Optional(Nullable(Type.Object({
    opened_at: When(),
    opened_by: Ref(),
  }, { additionalProperties: false }))),
  critical_errors: Type.Optional(Nullable(Type.Record(Type.String(), Type.Boolean()))),
  skip_config_test: Type.Optional(Nullable(Type.Boolean())),
  url_id: Type.Optional(Nullable(Type.String())),
  last_error: Type.Optional(Nullable(errorSchema)),
  error_count: Int(),
  recent_errors: Type.Optional(Type.Array(errorSchema)),
}, { additionalProperties: false });

/** Fields the poller writes; they neither change the etag nor may clients set them. */
export const POLL_STATUS_FIELDS = [
  "last_updated",
  "last_item_update",
  "last_item_arrived",
  "last_ingested_id",
  "private",
  "tokens",
  "ingested_count",
  "accepted_count",
  "last_error",
  "error_count",
  "recent_errors",
];

/** The `ingest_providers` definition. */
export const ingestProvidersResource = defineResource({
  name: "ingest_providers",
  schema: providerSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: INGEST_PROVIDERS_PRIVILEGE,
    PATCH: INGEST_PROVIDERS_PRIVILEGE,
    DELETE: INGEST_PROVIDERS_PRIVILEGE,
  },
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
  notifications: true,
  etagIgnoreFields: [...POLL_STATUS_FIELDS, "last_closed", "last_opened"],
  readOnlyFields: POLL_STATUS_FIELDS,
  hiddenFields: ["tokens"],
  relations: {
    routing_scheme: { resource: "routing_schemes", embeddable: true },
    rule_set: { resource: "rule_sets", embeddable: true },
  },
});
