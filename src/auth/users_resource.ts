/**
 * The `users` resource (Superdesk's `superdesk/users/users.py`): identity, role, own privileges,
 * status flags and preferences. `password` is write-only: hashed by `UsersService`, excluded from
 * store reads of lists, stripped from every response and version, and refused in queries.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, EmailField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { USERS_PRIVILEGE } from "./privileges.ts";

const Text = () => Type.Optional(Nullable(Type.String()));
const Flag = () => Type.Optional(Type.Boolean());

/** The users schema; unknown fields are refused (Eve's `ALLOW_UNKNOWN = False`). */
export const userSchema = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9_.@+-]+$" }),
  // The minimum length is configuration (PASSWORD_MIN_LENGTH), checked by UsersService.
  password: Type.Optional(Type.String()),
  password_changed_on: Type.Optional(DateTimeField()),
  email: EmailField({ maxLength: 254 }),
  first_name: Text(),
  last_name: Text(),
  display_name: Text(),
  phone: Text(),
  job_title: Text(),
  biography: Text(),
  sign_off: Text(),
  byline: Text(),
  signature: Text(),
  language: Text(),
  picture_url: Text(),
  avatar: Text(),
  twitter: Type.Optional(Nullable(Type.String({ pattern: "^(@[A-Za-z0-9_]{1,15})?$" }))),
  facebook: Text(),
  instagram: Text(),
  jid: Text(),
  slack_username: Text(),
  slack_user_id: Text(),
  avatar_renditions: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  user_info: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  role: Type.Optional(Nullable(ObjectIdField())),
  privileges: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.Literal(0), Type.Literal(1)])),
  ),
  user_type: Type.Optional(Type.Union([Type.Literal("user"), Type.Literal("administrator")])),
  is_active: Flag(),
  is_enabled: Flag(),
  needs_activation: Flag(),
  is_author: Flag(),
  is_support: Flag(),
  private: Flag(),
  desk: Type.Optional(Nullable(ObjectIdField())),
  invisible_stages: Type.Optional(Type.Array(Type.String())),
  user_preferences: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  session_preferences: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  workspace: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
  last_activity_at: Type.Optional(DateTimeField()),
}, { additionalProperties: false });

/** Fields a non-administrator may not change on their own account. */
export const SELF_PROTECTED_FIELDS = [
  "role",
  "privileges",
  "user_type",
  "is_active",
  "is_enabled",
  "needs_activation",
] as const;

/** The `users` definition: anyone signed in reads; writes need `users` (or self for PATCH). */
export const usersResource = defineResource({
  name: "users",
  schema: userSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  // PATCH is intrinsic (a user may edit themself): UsersService checks it.
  privileges: { POST: USERS_PRIVILEGE, DELETE: USERS_PRIVILEGE },
  datasource: { defaultSort: [["username", 1]], projection: { password: 0 } },
  additionalLookup: { field: "username", url: "[\\w.@+-]+" },
  uniqueFields: ["username", "email"],
  hiddenFields: ["password"],
  readOnlyFields: ["last_activity_at", "password_changed_on", "invisible_stages"],
  etagIgnoreFields: ["last_activity_at"],
  relations: {
    role: { resource: "roles", embeddable: true },
    desk: { resource: "desks", embeddable: true },
  },
  notifications: true,
});
