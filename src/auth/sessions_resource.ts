/**
 * The `sessions` resource over Superdesk's `auth` collection: one document per login, holding
 * the user, the SHA-256 of the session token (never the token, never returned) and the time of
 * last activity, from which expiry is computed.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, ObjectIdField } from "../resources/schema/fields.ts";
import { USERS_PRIVILEGE } from "./privileges.ts";

/** The session schema (sessions are created by login only, so every field is server-set). */
export const sessionSchema = Type.Object({
  user: ObjectIdField(),
  username: Type.String(),
  token_hash: Type.String({ pattern: "^[a-f0-9]{64}$" }),
  last_activity_at: DateTimeField(),
}, { additionalProperties: false });

/**
 * `GET /api/sessions`: users with the `users` privilege see every session ("who is online"),
 * others only their own; deleting someone's session needs `users`.
 */
export const sessionsResource = defineResource({
  name: "sessions",
  schema: sessionSchema,
  resourceMethods: ["GET"],
  itemMethods: ["GET", "DELETE"],
  privileges: { DELETE: USERS_PRIVILEGE },
  datasource: { source: "auth", defaultSort: [["_created", -1]] },
  indexes: [
    { name: "token_hash", keys: { token_hash: 1 }, unique: true },
    { name: "user", keys: { user: 1 } },
    { name: "last_activity_at", keys: { last_activity_at: 1 } },
  ],
  hiddenFields: ["token_hash"],
  etagIgnoreFields: ["last_activity_at"],
  // Superdesk's sessions embed their user ("who is online").
  relations: { user: { resource: "users", embeddable: true, embedByDefault: true } },
});
