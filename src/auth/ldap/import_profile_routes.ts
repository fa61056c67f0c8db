/**
 * `POST /api/import_profile` (Superdesk's `ImportUserProfileResource`): while sign-in goes to
 * the directory, an administrator with the `users` privilege adds a colleague by re-entering
 * their own directory credentials and naming the colleague's directory username; the account is
 * created from the directory entry. Credentials that are not the caller's own are a 403 (not a
 * 401, which would sign the client out); the attempt counts as a login for rate limiting.
 */
import { jsonContent } from "../../http/openapi/json_content.ts";
import { Hono } from "hono";
import {
  BadRequestError,
  ForbiddenError,
  type Issues,
  UnauthorizedError,
  ValidationError,
} from "../../errors.ts";
import type { ApiApp } from "../../http/api_routes.ts";
import { requireActor } from "../../http/middleware/authenticate.ts";
import { errorResponses } from "../../http/openapi/error_responses.ts";
import type { OpenApiPaths } from "../../http/openapi/openapi_document.ts";
import { asDocument, readJsonBody } from "../../http/resources/read_body.ts";
import { wireJson } from "../../http/wire_json.ts";
import { hasPrivilege, SYSTEM_ACTOR } from "../../resources/actor.ts";
import type { ResourceService } from "../../resources/resource_service.ts";
import type { Doc } from "../../storage/document_store.ts";
import { guardedLogin } from "../guarded_login.ts";
import type { LoginGuard } from "../login_guard.ts";
import { insufficientPrivileges, USERS_PRIVILEGE } from "../privileges.ts";
import type { LdapAccounts } from "./ldap_accounts.ts";

const INVALID = () => new ForbiddenError("Invalid Credentials.", { issues: { credentials: 1 } });

/** The router of `/import_profile`. */
export function importProfileRoutes(
  { accounts, users, guard }: { accounts: LdapAccounts; users: ResourceService; guard: LoginGuard },
): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  routes.post("/import_profile", async (c) => {
    const actor = requireActor(c.get("actor"));
    if (!hasPrivilege(actor, USERS_PRIVILEGE)) throw insufficientPrivileges(USERS_PRIVILEGE);
    const request = importRequest(asDocument(await readJsonBody(c.req.raw)));
    const caller = actor.userId === undefined
      ? undefined
      : await users.findOne({ _id: actor.userId });
    if (caller?.username !== request.username) throw INVALID();
    return await guardedLogin(guard, { c, username: request.username }, async () => {
      const found = await accounts.authenticate(request, { refresh: false }).catch((error) => {
        throw error instanceof UnauthorizedError ? INVALID() : error;
      });
      if (!found.isNew) {
        throw new BadRequestError("User already exists in the system.", {
          issues: { profile_to_import: 1 },
        });
      }
      const [user] = await users.create([found.user], SYSTEM_ACTOR);
      return wireJson(created(user!), 201);
    });
  });
  return routes;
}

/** `username`, `password` (5 characters at least) and `profile_to_import`, else a 400. */
function importRequest(body: Doc): { username: string; password: string; profile: string } {
  const issues: Issues = {};
  for (
    const [field, min] of [["username", 1], ["password", 5], ["profile_to_import", 1]] as const
  ) {
    const value = body[field];
    if (value === undefined || value === null) issues[field] = { required: 1 };
    else if (typeof value !== "string") issues[field] = "must be of string type";
    else if (value.length < min) issues[field] = { minlength: 1 };
  }
  const unknown = Object.keys(body).filter((field) =>
    !["username", "password", "profile_to_import"].includes(field)
  );
  for (const field of unknown) issues[field] = "unknown field";
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  return {
    username: String(body.username),
    password: String(body.password),
    profile: String(body.profile_to_import),
  };
}

/** Eve's POST answer with the resource's extra response fields. */
function created(user: Doc): Doc {
  return {
    _id: user._id,
    _etag: user._etag,
    _created: user._created,
    _updated: user._updated,
    _status: "OK",
    _links: { self: { title: "User", href: `users/${user._id}` } },
    display_name: user.display_name,
    username: user.username,
    is_active: user.is_active,
    needs_activation: user.needs_activation,
  };
}

/** The API reference's entry for `/import_profile`. */
export const IMPORT_PROFILE_PATHS: OpenApiPaths = {
  "/import_profile": {
    post: {
      tags: ["Authentication"],
      operationId: "importProfile",
      summary: "Add a user from the LDAP directory",
      description: "With LDAP sign-in on: the caller's own `username` and `password` bind to the " +
        "directory and `profile_to_import` names the directory user whose account is created " +
        "(403 `{credentials: 1}` for credentials that are not the caller's, 400 " +
        "`{profile_to_import: 1}` for an account that exists). Needs the `users` privilege.",
      requestBody: {
        required: true,
        ...jsonContent({
          type: "object",
          properties: {
            username: { type: "string" },
            password: { type: "string", minLength: 5 },
            profile_to_import: { type: "string" },
          },
          required: ["username", "password", "profile_to_import"],
        }),
      },
      responses: {
        "201": { description: "Created: the new user's id, etag and names" },
        ...errorResponses(400, 403, 404, 429, 503),
      },
    },
  },
};
