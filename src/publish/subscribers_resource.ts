/**
 * The `subscribers` resource (Superdesk's `superdesk/publish/subscribers.py`): who receives
 * published content — a type (`digital`, `wire`, `all`), products, destinations (format, delivery
 * type and its configuration), sequence number range, global filter overrides, targetable or not.
 */
import { type TSchema, Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { SUBSCRIBERS_PRIVILEGE } from "./privileges.ts";

/** Superdesk's subscriber types. */
export const SUBSCRIBER_TYPES = ["digital", "wire", "all"] as const;

const Opt = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

/** One destination: where and how a subscriber receives content. */
export const destinationSchema = Type.Object({
  _id: Type.Optional(Type.String()),
  name: Type.String({ minLength: 1, empty: false }),
  format: Type.String({ minLength: 1 }),
  delivery_type: Type.String({ minLength: 1 }),
  preview_endpoint_url: Opt(Type.String()),
  config: Opt(Type.Record(Type.String(), Type.Unknown())),
}, { additionalProperties: false });

/** The subscriber schema. */
export const subscriberSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  media_type: Opt(Type.String()),
  subscriber_type: Type.Union(SUBSCRIBER_TYPES.map((value) => Type.Literal(value))),
  sequence_num_settings: Type.Optional(Type.Object({
    min: Type.Optional(Type.Integer()),
    max: Type.Optional(Type.Integer()),
  }, { additionalProperties: false })),
  email: Opt(Type.String()),
  is_active: Type.Optional(Type.Boolean()),
  is_targetable: Type.Optional(Type.Boolean()),
  critical_errors: Opt(Type.Record(Type.String(), Type.Boolean())),
  last_closed: Opt(Type.Object({
    closed_at: Type.Optional(DateTimeField()),
    closed_by: Opt(ObjectIdField()),
    message: Opt(Type.String()),
  })),
  destinations: Opt(Type.Array(destinationSchema)),
  products: Opt(Type.Array(ObjectIdField())),
  api_products: Opt(Type.Array(ObjectIdField())),
  codes: Opt(Type.String()),
  global_filters: Opt(Type.Record(Type.String(), Type.Boolean())),
  content_api_token: Opt(Type.String()),
  async: Opt(Type.Boolean()),
  priority: Opt(Type.Boolean()),
  filter_conditions: Opt(Type.Array(Type.Unknown())),
  content_filters: Opt(Type.Array(Type.Unknown())),
  selected_subscribers: Opt(Type.Array(Type.Unknown())),
  init_version: Type.Optional(Type.Integer()),
}, { additionalProperties: false });

/** The `subscribers` definition. */
export const subscribersResource = defineResource({
  name: "subscribers",
  schema: subscriberSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "PUT"],
  privileges: {
    POST: SUBSCRIBERS_PRIVILEGE,
    PATCH: SUBSCRIBERS_PRIVILEGE,
    PUT: SUBSCRIBERS_PRIVILEGE,
  },
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
  relations: { products: { resource: "products" }, api_products: { resource: "products" } },
});
