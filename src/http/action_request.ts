/**
 * What the hand-written action routes (lock, spike, publish ...) read from a request besides the
 * generated resource routes: the signed-in caller with a privilege, an optional JSON body (the
 * Superdesk client often sends `{}` or nothing) and the `If-Match` etag.
 */
import type { Context } from "hono";
import { ForbiddenError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import { normalizeEtag } from "../resources/etag.ts";
import type { Doc } from "../storage/document_store.ts";
import { type AuthVariables, requireActor } from "./middleware/authenticate.ts";
import { bodyText } from "./buffered_body.ts";
import { asDocument, checkJsonType, parseJsonBody } from "./resources/read_body.ts";

type Ctx = Context<{ Variables: AuthVariables }>;

/** The signed-in caller, holding `privilege` when one is named (else a 403 naming it). */
export function caller(c: Ctx, privilege?: string): Actor {
  const actor = requireActor(c.get("actor"));
  if (privilege && !hasPrivilege(actor, privilege)) {
    throw new ForbiddenError(`Insufficient privileges: "${privilege}" is required`, {
      issues: { privilege },
    });
  }
  return actor;
}

/** The JSON body when there is one, else `{}`. */
export async function optionalBody(c: Ctx): Promise<Doc> {
  if (!c.req.header("content-type") && !c.req.header("content-length")) return {};
  const text = await bodyText(c.req.raw);
  if (text.trim() === "") return {};
  checkJsonType(c.req.raw);
  return asDocument(parseJsonBody(text));
}

/** The client's `If-Match` etag, unquoted. */
export function ifMatch(c: Ctx): string | undefined {
  const header = c.req.header("if-match");
  return header === undefined ? undefined : normalizeEtag(header);
}
