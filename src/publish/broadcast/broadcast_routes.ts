/**
 * `POST /api/archive/<id>/broadcast` (Superdesk's `archive_broadcast` resource): creates a
 * broadcast of story `<id>` from the body (`desk`; Superdesk's client sends a list of one
 * document, the first is used). The answer is the new item.
 */
import { type Context, Hono } from "hono";
import type { ApiApp } from "../../http/api_routes.ts";
import { caller } from "../../http/action_request.ts";
import { bodyText } from "../../http/buffered_body.ts";
import type { AuthVariables } from "../../http/middleware/authenticate.ts";
import { writeBody } from "../../http/resources/render.ts";
import { wireJson } from "../../http/wire_json.ts";
import { ITEM_ID_PATTERN } from "../../newsroom/archive_resource.ts";
import type { ArchiveService } from "../../newsroom/archive_service.ts";
import { asDocument, checkJsonType, parseJsonBody } from "../../http/resources/read_body.ts";
import type { Doc } from "../../storage/document_store.ts";
import { createBroadcast } from "./archive_broadcast.ts";
import { BROADCAST_PRIVILEGE } from "./broadcast_privilege.ts";

/** Builds the router. */
export function broadcastRoutes(archive: ArchiveService): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  routes.post(`/archive/:id{${ITEM_ID_PATTERN}}/broadcast`, async (c) => {
    const actor = caller(c, BROADCAST_PRIVILEGE);
    const body = await broadcastBody(c);
    const item = await createBroadcast(archive, c.req.param("id"), { actor, body });
    return wireJson(writeBody(archive.definition, archive.toPublic(item)), 201, {
      ETag: `"${item._etag}"`,
    });
  });
  return routes;
}

/** The body's document (the first of a list); `{}` without a body. */
async function broadcastBody(c: Context<{ Variables: AuthVariables }>): Promise<Doc> {
  if (!c.req.header("content-type") && !c.req.header("content-length")) return {};
  const text = await bodyText(c.req.raw);
  if (text.trim() === "") return {};
  checkJsonType(c.req.raw);
  const body = parseJsonBody(text);
  return { ...asDocument(Array.isArray(body) ? body[0] ?? {} : body) };
}
