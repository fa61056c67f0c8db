/**
 * `POST /api/archive/<id>/rewrite` (Superdesk's `archive_rewrite` resource): `{desk_id}` makes a
 * new update of the story, `{update: {_id ...}}` links an existing story as its update
 * (`archive_rewrite.ts`); answers 201 with the update. `DELETE` unlinks the update from its story
 * (`rewrite_unlink.ts`), 204. Both need the `rewrite` privilege. The handlers parse, call one
 * function, render.
 */
import { Hono } from "hono";
import { ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { caller, optionalBody } from "../http/action_request.ts";
import { writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { Doc } from "../storage/document_store.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import { type RewriteContext, rewriteItem } from "./archive_rewrite.ts";
import { REWRITE_PRIVILEGE } from "./privileges.ts";
import { unlinkRewrite } from "./rewrite_unlink.ts";

const ITEM = `:id{${ITEM_ID_PATTERN}}`;

/** Builds the router. */
export function rewriteRoutes(context: RewriteContext): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  routes.post(`/archive/${ITEM}/rewrite`, async (c) => {
    const actor = caller(c, REWRITE_PRIVILEGE);
    const body = rewriteBody(await optionalBody(c));
    const update = await rewriteItem(context, c.req.param("id"), { actor, body });
    const archive = context.archive;
    return wireJson(writeBody(archive.definition, archive.toPublic(update)), 201, {
      ETag: `"${update._etag}"`,
    });
  });
  routes.delete(`/archive/${ITEM}/rewrite`, async (c) => {
    const actor = caller(c, REWRITE_PRIVILEGE);
    await unlinkRewrite(context, c.req.param("id"), actor);
    return c.body(null, 204);
  });
  return routes;
}

/** The request's `desk_id` and `update`, checked. */
function rewriteBody(body: Doc): Doc {
  if (body.desk_id != null && typeof body.desk_id !== "string") {
    throw new ValidationError({ desk_id: "must be of string type" });
  }
  const update = body.update;
  if (update != null && (typeof update !== "object" || Array.isArray(update))) {
    throw new ValidationError({ update: "must be of dict type" });
  }
  if (update != null && typeof (update as Doc)._id !== "string") {
    throw new ValidationError({ update: { _id: "required field" } });
  }
  return body;
}
