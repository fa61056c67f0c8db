/**
 * The `workspaces` resource (Superdesk's `apps/workspace`): a dashboard layout, the widgets the
 * web client shows, owned by a user (`user`) or by a desk (`desk`, one per desk). A name is
 * unique per user (and among workspaces of no user); `scope_key`, a server-owned field held
 * under a unique index, makes that hold under concurrent writes on every store.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable, ObjectIdField } from "../resources/schema/fields.ts";

/** The workspace schema. */
export const workspaceSchema = Type.Object({
  name: Type.Optional(Nullable(Type.String())),
  widgets: Type.Optional(Type.Array(Type.Unknown())),
  desk: Type.Optional(Nullable(ObjectIdField())),
  user: Type.Optional(Nullable(ObjectIdField())),
  init_version: Type.Optional(Type.Integer()),
  scope_key: Type.Optional(Type.String()),
}, { additionalProperties: false });

/** The `workspaces` definition. */
export const workspacesResource = defineResource({
  name: "workspaces",
  schema: workspaceSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  notifications: true,
  hiddenFields: ["scope_key"],
  readOnlyFields: ["scope_key"],
  indexes: [
    { name: "scope_key", keys: { scope_key: 1 }, unique: true, sparse: true },
    { name: "user", keys: { user: 1 } },
    { name: "desk", keys: { desk: 1 } },
  ],
  relations: {
    user: { resource: "users", embeddable: true },
    desk: { resource: "desks", embeddable: true },
  },
});
