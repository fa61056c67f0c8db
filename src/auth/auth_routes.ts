/**
 * Superdesk's login and logout routes: `POST /api/auth_db` (public, rate-limited by
 * `login_guard.ts`), `GET /api/auth/<id>` (your own session) and `DELETE /api/auth/<id>`
 * (logout), with `/api/auth_db/<id>` as an alias, `DELETE /api/users/<id>/sessions` (end a
 * user's other sessions), `POST /api/change_user_password` and `POST /api/reset_user_password`
 * (public, guarded as a login). The token is in the login response only.
 */
import { type Context, Hono } from "hono";
import { BadRequestError, type Issues, ruleIssue, ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { requireActor } from "../http/middleware/authenticate.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { wireJson } from "../http/wire_json.ts";
import { hasPrivilege } from "../resources/actor.ts";
import { normalizeEtag } from "../resources/etag.ts";
import type { Doc } from "../storage/document_store.ts";
import { guardedLogin } from "./guarded_login.ts";
import type { LoginGuard } from "./login_guard.ts";
import type { PasswordReset } from "./password_reset.ts";
import { insufficientPrivileges, USERS_PRIVILEGE } from "./privileges.ts";
import type { SessionsService } from "./sessions_service.ts";
import type { UsersService } from "./users_service.ts";

export interface AuthRoutesOptions {
  sessions: SessionsService;
  users: UsersService;
  guard: LoginGuard;
  reset: PasswordReset;
  /**
   * Whether passwords are ours to change and reset; false while sign-in goes to an LDAP
   * directory, where the two password routes do not exist (Superdesk's `apps.auth.db` is not
   * loaded then).
   */
  localPasswords: boolean;
}

/** An item id in a path (sessions and users have ObjectId-style ids). */
const ITEM_ID = ":id{[a-f0-9]{24}}";

/** The router contributed to `/api`. */
export function authRoutes(
  { sessions, users, guard, reset, localPasswords }: AuthRoutesOptions,
): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });

  const guarded = (c: Context, username: string, attempt: () => Promise<Response>) =>
    guardedLogin(guard, { c, username }, attempt);

  routes.post("/auth_db", async (c) => {
    const { username, password } = credentials(asDocument(await readJsonBody(c.req.raw)));
    return await guarded(c, username, async () => {
      const { session, token } = await sessions.login({ username, password });
      return wireJson(loginBody(session, token), 201, {
        Location: new URL(`auth/${session._id}`, new URL("./", c.req.url)).href,
      });
    });
  });

  if (localPasswords) {
    routes.post("/change_user_password", async (c) => {
      const body = await readJsonBody(c.req.raw);
      const change = passwordChange(
        asDocument(Array.isArray(body) && body.length === 1 ? body[0] : body),
      );
      return await guarded(c, change.username, async () => {
        const user = await users.changePassword(change);
        return wireJson({
          _id: user._id,
          _etag: user._etag,
          _updated: user._updated,
          _status: "OK",
          _links: { self: { title: "User", href: `users/${user._id}` } },
        }, 201);
      });
    });

    routes.post("/reset_user_password", async (c) => {
      const body = await readJsonBody(c.req.raw);
      const request = resetRequest(
        asDocument(Array.isArray(body) && body.length === 1 ? body[0] : body),
      );
      const key = request.email?.toLowerCase() ?? `token:${request.token}`;
      return await guarded(c, key, async () => {
        const id = request.email !== undefined
          ? await reset.request(request.email)
          : request.password !== undefined
          ? await reset.reset(request.token!, request.password)
          : await reset.check(request.token!);
        return wireJson({ _id: id, _status: "OK" }, 201);
      });
    });
  }

  for (const base of ["/auth", "/auth_db"]) {
    routes.get(`${base}/${ITEM_ID}`, async (c) => {
      const actor = requireActor(c.get("actor"));
      const session = await sessions.ownSession(c.req.param("id"), actor);
      return wireJson({ ...sessions.toPublic(session), _links: selfLinks(session) }, 200, {
        ETag: `"${session._etag}"`,
      });
    });
    routes.delete(`${base}/${ITEM_ID}`, async (c) => {
      const actor = requireActor(c.get("actor"));
      const ifMatch = c.req.header("if-match");
      await sessions.logout(c.req.param("id"), {
        actor,
        etag: ifMatch === undefined ? undefined : normalizeEtag(ifMatch),
      });
      return c.body(null, 204);
    });
  }
  routes.delete(`/users/${ITEM_ID}/sessions`, async (c) => {
    const actor = requireActor(c.get("actor"));
    if (!hasPrivilege(actor, USERS_PRIVILEGE)) throw insufficientPrivileges(USERS_PRIVILEGE);
    await sessions.endUserSessions(c.req.param("id"), { keep: actor.sessionId });
    return c.body(null, 204);
  });
  return routes;
}

/** `username` and `password` as non-empty strings, else a 400 naming the field. */
function credentials(body: Doc): { username: string; password: string } {
  requireStrings(body, ["username", "password"]);
  return { username: String(body.username), password: String(body.password) };
}

/** `username`, `old_password` and `new_password` of a password change. */
function passwordChange(body: Doc) {
  requireStrings(body, ["username", "old_password", "new_password"]);
  return {
    username: String(body.username),
    oldPassword: String(body.old_password),
    newPassword: String(body.new_password),
  };
}

/**
 * Superdesk's three reset requests: `{email}` asks for a link, `{token}` checks one,
 * `{token, password}` sets the password; anything else is a 400.
 */
function resetRequest(body: Doc): { email?: string; token?: string; password?: string } {
  const present = ["email", "token", "password"].filter((field) => body[field] !== undefined);
  requireStrings(body, present);
  const { email, token, password } = body as Record<string, string | undefined>;
  if (token !== undefined && password !== undefined) return { token, password };
  if (email !== undefined) return { email };
  if (token !== undefined) return { token };
  throw new BadRequestError("Either key:password or email must be provided");
}

/** A 400 naming each of `fields` that is not a non-empty string. */
function requireStrings(body: Doc, fields: string[]): void {
  const issues: Issues = {};
  for (const field of fields) {
    const value = body[field];
    if (value === undefined || value === null) issues[field] = ruleIssue("required");
    else if (typeof value !== "string") issues[field] = "must be of string type";
    else if (value === "") issues[field] = "empty values not allowed";
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
}

/** Superdesk's login response: the session's meta fields plus `token`, `user` and `username`. */
function loginBody(session: Doc, token: string): Doc {
  return {
    _id: session._id,
    _created: session._created,
    _updated: session._updated,
    _etag: session._etag,
    token,
    user: session.user,
    username: session.username,
    _status: "OK",
    _links: selfLinks(session),
  };
}

function selfLinks(session: Doc) {
  return { self: { title: "Auth", href: `auth/${session._id}` } };
}
