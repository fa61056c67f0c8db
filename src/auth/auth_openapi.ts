/**
 * The API reference's description of the login and logout routes (`auth_routes.ts`): what the
 * "Authentication" section of `/api/docs` shows, and what try-it-out logs in with.
 */
import { errorResponses } from "../http/openapi/error_responses.ts";
import { jsonContent } from "../http/openapi/json_content.ts";
import type { OpenApiPaths } from "../http/openapi/openapi_document.ts";
import { LINK, WIRE_DATE } from "../http/openapi/resource_schemas.ts";

const TAGS = ["Authentication"];
const SESSION_ID = {
  name: "id",
  in: "path",
  required: true,
  description: "The session id (`_id` of the login response)",
  schema: { type: "string", pattern: "^[a-f0-9]{24}$" },
};

const SESSION = {
  type: "object",
  properties: {
    _id: { type: "string" },
    _created: WIRE_DATE,
    _updated: WIRE_DATE,
    _etag: { type: "string" },
    user: { type: "string", description: "The user's id" },
    username: { type: "string" },
    _links: { type: "object", additionalProperties: LINK },
  },
  required: ["_id", "user"],
};

/** Path items of `/auth_db`, `/auth/{id}` and `/users/{id}/sessions`. */
export const AUTH_PATHS: OpenApiPaths = {
  "/auth_db": {
    post: {
      tags: TAGS,
      operationId: "logIn",
      summary: "Log in",
      description: "Answers a session token; send it as the Basic user name with an empty " +
        "password. On this page, a successful login authorizes try-it-out with the token.",
      security: [],
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: { username: { type: "string" }, password: { type: "string" } },
          required: ["username", "password"],
        }),
      },
      responses: {
        "201": {
          description: "Logged in",
          headers: { Location: { $ref: "#/components/headers/Location" } },
          ...jsonContent({
            allOf: [SESSION],
            properties: { token: { type: "string" }, _status: { const: "OK" } },
            required: ["token"],
          }),
        },
        // Wrong credentials; too many failed attempts; a disabled or inactive account.
        ...errorResponses(401, 429, 403),
      },
    },
  },
  "/auth/{id}": sessionItem(""),
  "/auth_db/{id}": sessionItem("AtLogin"),
  "/users/{id}/sessions": {
    delete: {
      tags: TAGS,
      operationId: "endUserSessions",
      summary: "End a user's other sessions",
      description: "Requires the `users` privilege; the caller's own session stays.",
      parameters: [{ ...SESSION_ID, description: "The user's id" }],
      responses: { "204": { description: "Ended" } },
    },
  },
};

/** My session's item operations, served at `/auth/{id}` and `/auth_db/{id}` alike. */
function sessionItem(suffix: string) {
  return {
    get: {
      tags: TAGS,
      operationId: `getOwnSession${suffix}`,
      summary: "Get my session",
      parameters: [SESSION_ID],
      responses: {
        "200": {
          description: "The session",
          headers: { ETag: { $ref: "#/components/headers/ETag" } },
          ...jsonContent(SESSION),
        },
      },
    },
    delete: {
      tags: TAGS,
      operationId: `logOut${suffix}`,
      summary: "Log out",
      description: "Ends the session; its token stops working in every process at once.",
      parameters: [SESSION_ID, {
        name: "If-Match",
        in: "header",
        required: false,
        description: "The session's `_etag`",
        schema: { type: "string" },
      }],
      responses: { "204": { description: "Logged out" } },
    },
  };
}

/** Path items of `/change_user_password` and `/reset_user_password` (not while LDAP is on). */
export const PASSWORD_PATHS: OpenApiPaths = {
  "/change_user_password": {
    post: {
      tags: TAGS,
      operationId: "changePassword",
      summary: "Change a password",
      description: "Sets `new_password` for whoever knows the account's `old_password` (a 401 " +
        "`{credentials: 1}` otherwise, rate-limited as a login); every session of the account " +
        "ends. The body may also be a one-element list.",
      security: [],
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            username: { type: "string" },
            old_password: { type: "string" },
            new_password: { type: "string" },
          },
          required: ["username", "old_password", "new_password"],
        }),
      },
      responses: {
        "201": {
          description: "Changed: the user's id and new etag",
          ...jsonContent({
            type: "object",
            properties: {
              _id: { type: "string" },
              _etag: { type: "string" },
              _updated: WIRE_DATE,
              _status: { const: "OK" },
              _links: { type: "object", additionalProperties: LINK },
            },
            required: ["_id", "_etag"],
          }),
        },
        ...errorResponses(401, 403, 429),
      },
    },
  },
  "/reset_user_password": {
    post: {
      tags: TAGS,
      operationId: "resetPassword",
      summary: "Reset a password",
      description: "`{email}` mails a reset link (valid `RESET_PASS_TTL` days) to an enabled, " +
        "active account (400 for an unknown address, 403 otherwise); `{token}` checks a link's " +
        "token (401 when unknown or expired); `{token, password}` sets the password, ends the " +
        "account's sessions and invalidates its links. Rate-limited as a login. The body may " +
        "also be a one-element list.",
      security: [],
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            email: { type: "string" },
            token: { type: "string" },
            password: { type: "string" },
          },
        }),
      },
      responses: {
        "201": {
          description: "Done: the id of the reset request",
          ...jsonContent({
            type: "object",
            properties: { _id: { type: "string" }, _status: { const: "OK" } },
            required: ["_id", "_status"],
          }),
        },
        ...errorResponses(401, 403, 429),
      },
    },
  },
};
