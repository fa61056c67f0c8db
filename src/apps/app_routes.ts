/**
 * What an app's routes need (Superdesk's blueprints under the API prefix): a router typed with
 * the request's actor, the caller check every handler starts with, and the JSON body reader with
 * the API's rules. Handlers parse, call a service, and answer with `wireJson`.
 */
import { type Context, Hono } from "hono";
import { ForbiddenError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { type AuthVariables, requireActor } from "../http/middleware/authenticate.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { Doc } from "../storage/document_store.ts";

/** The context of a request handled by an app route. */
export type RouteContext = Context<{ Variables: AuthVariables }>;

/** A new router for `app.routes(...)`, with `/api`'s routing rules (no strict trailing slash). */
export function createRouter(): ApiApp {
  return new Hono({ strict: false });
}

/** The signed-in caller (else 401), holding `privilege` when one is named (else 403). */
export function callerOf(c: RouteContext, privilege?: string): Actor {
  const actor = requireActor(c.get("actor"));
  if (privilege !== undefined && !hasPrivilege(actor, privilege)) {
    throw new ForbiddenError(`Insufficient privileges: "${privilege}" is required`, {
      issues: { privilege },
    });
  }
  return actor;
}

/** The request's JSON object body (400 when it is not JSON or not an object). */
export async function readDocument(c: RouteContext): Promise<Doc> {
  return asDocument(await readJsonBody(c.req.raw));
}
