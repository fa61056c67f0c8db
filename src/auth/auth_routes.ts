/**
 * Superdesk's login and logout routes: `POST /api/auth_db` (public, rate-limited by
 * `login_guard.ts`), `GET /api/auth/<id>` (your own session) and `DELETE /api/auth/<id>`
 * (logout), with `/api/auth_db/<id>` as an alias, and `DELETE /api/users/<id>/sessions` (end a
 * user's other sessions). The token is in the login response only.
 */
import { Hono } from "hono";
import { type Issues, ruleIssue, ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { errorResponse } from "../http/error_body.ts";
import { requireActor } from "../http/middleware/authenticate.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { wireJson } from "../http/wire_json.ts";
import { hasPrivilege } from "../resources/actor.ts";
import { normalizeEtag } from "../resources/etag.ts";
import type { Doc } from "../storage/document_store.ts";
import { clientAddress } from "./client_address.ts";
import type { LoginGuard } from "./login_guard.ts";
import { insufficientPrivileges, USERS_PRIVILEGE } from "./privileges.ts";
import type { SessionsService } from "./sessions_service.ts";

export interface AuthRoutesOptions {
  sessions: SessionsService;
  guard: LoginGuard;
}

/** An item id in a path (sessions and users have ObjectId-style ids). */
const ITEM_ID = ":id{[a-f0-9]{24}}";

/** The router contributed to `/api`. */
export function authRoutes({ sessions, guard }: AuthRoutesOptions): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });

  routes.post("/auth_db", async (c) => {
    const { username, password } = credentials(asDocument(await readJsonBody(c.req.raw)));
    const address = clientAddress(c);
    const admission = await guard.admit(username, address);
    const { refused } = admission;
    if (refused) {
      const response = errorResponse(429, "Too many login attempts; try again later");
      response.headers.set("Retry-After", String(refused.retryAfterSeconds));
      return response;
    }
    const { session, token } = await sessions.login({ username, password });
    await guard.succeeded(username, address, admission);
    return wireJson(loginBody(session, token), 201, {
      Location: new URL(`auth/${session._id}`, new URL("./", c.req.url)).href,
    });
  });

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
  const issues: Issues = {};
  for (const field of ["username", "password"]) {
    const value = body[field];
    if (value === undefined || value === null) issues[field] = ruleIssue("required");
    else if (typeof value !== "string") issues[field] = "must be of string type";
    else if (value === "") issues[field] = "empty values not allowed";
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  return { username: String(body.username), password: String(body.password) };
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
