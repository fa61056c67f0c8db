/**
 * The `roles` resource (Superdesk's `superdesk/roles/roles.py`): a named set of privilege flags
 * that users inherit. One role may be the default, given to new users without a role.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable } from "../resources/schema/fields.ts";
import { ROLES_PRIVILEGE } from "./privileges.ts";

/** The roles schema. */
export const roleSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Nullable(Type.String())),
  privileges: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.Literal(0), Type.Literal(1)])),
  ),
  is_default: Type.Optional(Type.Boolean()),
  author_role: Type.Optional(Nullable(Type.String())),
  editor_role: Type.Optional(Nullable(Type.String())),
}, { additionalProperties: false });

/** The `roles` definition: anyone signed in reads; writes need `roles`. */
export const rolesResource = defineResource({
  name: "roles",
  schema: roleSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: { POST: ROLES_PRIVILEGE, PATCH: ROLES_PRIVILEGE, DELETE: ROLES_PRIVILEGE },
  datasource: { defaultSort: [["name", 1]] },
  uniqueFields: ["name"],
  notifications: true,
});
