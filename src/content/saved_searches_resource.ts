/**
 * The `saved_searches` resource (Superdesk's `apps/saved_searches`): a user's named search
 * (`filter`, an object holding the search's `query`), personal or global, with report
 * subscriptions; and `all_saved_searches`, the read-only view monitoring uses.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { SAVED_SEARCHES_PRIVILEGE } from "./privileges.ts";

const Subscription = (owner: "user" | "desk") =>
  Type.Object({
    [owner]: ObjectIdField(),
    scheduling: owner === "user" ? Type.String() : Type.Optional(Type.String()),
    last_report: Type.Optional(Nullable(DateTimeField())),
    next_report: Type.Optional(Nullable(DateTimeField())),
  }, { additionalProperties: false });

/** The saved search schema. */
export const savedSearchSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  description: Type.Optional(Type.String()),
  filter: Type.Record(Type.String(), Type.Unknown()),
  user: Type.Optional(Nullable(ObjectIdField())),
  is_global: Type.Optional(Type.Boolean()),
  shortcut: Type.Optional(Type.Boolean()),
  subscribers: Type.Optional(Type.Object({
    user_subscriptions: Type.Optional(Type.Array(Subscription("user"))),
    desk_subscriptions: Type.Optional(Type.Array(Subscription("desk"))),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

/** The `saved_searches` definition. */
export const savedSearchesResource = defineResource({
  name: "saved_searches",
  schema: savedSearchSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: SAVED_SEARCHES_PRIVILEGE,
    PATCH: SAVED_SEARCHES_PRIVILEGE,
    DELETE: SAVED_SEARCHES_PRIVILEGE,
  },
  readOnlyFields: ["user"],
  indexes: [{ name: "user", keys: { user: 1 } }],
  relations: { user: { resource: "users", embeddable: true } },
});

/** The `all_saved_searches` definition: a read-only view of `saved_searches`. */
export const allSavedSearchesResource = defineResource({
  name: "all_saved_searches",
  schema: savedSearchSchema,
  resourceMethods: ["GET"],
  itemMethods: [],
  datasource: { source: "saved_searches" },
});
