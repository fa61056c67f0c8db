/**
 * Publishing's routes outside the generated ones: the actions
 * `PATCH /api/archive/{publish,correct,kill,takedown,unpublish}/<id>`, opening a correction
 * (`PATCH /api/archive/correction/<id>`, `?remove_correction=true` cancels it),
 * `POST /api/archive/<id>/resend`, `POST /api/validate` (Superdesk's `validate` resource: the
 * messages an item would get), `GET /api/formatters`, `POST /api/formatters` (an item formatted)
 * and `GET /api/output_formats`. Handlers parse, call one service function, render.
 */
import { Hono } from "hono";
import { ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { caller, ifMatch, optionalBody } from "../http/action_request.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { itemBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { Logger } from "../log.ts";
import type { Doc } from "../storage/document_store.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { formatArticle } from "./format_article.ts";
import { FORMATTERS, formattersMatching } from "./formatters/formatters.ts";
import { type PublishContext, publishItem } from "./publish_action.ts";
import { PUBLISH_KINDS, PUBLISH_RULES, type PublishKind } from "./publish_workflow.ts";
import { CORRECT_PRIVILEGE, RESEND_PRIVILEGE } from "./privileges.ts";
import { openCorrection } from "./archive_correction.ts";
import { resendItem } from "./resend.ts";

const ITEM = `:id{${ITEM_ID_PATTERN}}`;

/** Builds the router. */
export function publishRoutes(context: PublishContext, { log }: { log: Logger }): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });

  for (const kind of PUBLISH_KINDS) {
    routes.patch(`/archive/${kind}/${ITEM}`, async (c) => {
      const actor = caller(c, PUBLISH_RULES[kind as PublishKind].privilege);
      const updates = await optionalBody(c);
      const stored = await publishItem(context, kind, c.req.param("id"), {
        actor,
        etag: ifMatch(c),
        updates,
        deskId: c.req.query("desk_id"),
      });
      // Eve's answer to a PATCH: the document and `_status`.
      const body = { ...itemBody(context.archive.definition, stored), _status: "OK" };
      return wireJson(body, 200, { ETag: `"${stored._etag}"` });
    });
  }

  routes.patch(`/archive/correction/${ITEM}`, async (c) => {
    const actor = caller(c, CORRECT_PRIVILEGE);
    // Superdesk's body is the state it sets itself: nothing else in it is applied.
    await optionalBody(c);
    const stored = await openCorrection(context, c.req.param("id"), {
      actor,
      etag: ifMatch(c),
      remove: c.req.query("remove_correction") === "true",
    });
    const body = { ...itemBody(context.archive.definition, stored), _status: "OK" };
    return wireJson(body, 200, { ETag: `"${stored._etag}"` });
  });

  routes.post(`/archive/${ITEM}/resend`, async (c) => {
    const actor = caller(c, RESEND_PRIVILEGE);
    const body = asDocument(await readJsonBody(c.req.raw));
    const id = c.req.param("id");
    const queued = await resendItem(context, id, { actor, body, log });
    return wireJson({ _id: id, _status: "OK", queued }, 201);
  });

  routes.post("/validate", async (c) => {
    caller(c);
    const body = asDocument(await readJsonBody(c.req.raw));
    if (typeof body.act !== "string") throw new ValidationError({ act: "required field" });
    if (typeof body.type !== "string") throw new ValidationError({ type: "required field" });
    if (!body.validate || typeof body.validate !== "object" || Array.isArray(body.validate)) {
      throw new ValidationError({ validate: "required field" });
    }
    if (body.embedded !== undefined && typeof body.embedded !== "boolean") {
      throw new ValidationError({ embedded: "must be of boolean type" });
    }
    const result = await context.validator.validate({
      act: body.act,
      type: body.type,
      item: body.validate as Doc,
      embedded: body.embedded === true,
    });
    return wireJson({ ...body, errors: result?.errors ?? [], _status: "OK" }, 201);
  });

  routes.get("/formatters", (c) => {
    caller(c);
    const items = formattersMatching(c.req.query("criteria"))
      .map((formatter) => ({ name: formatter.name, type: formatter.type }));
    return wireJson({ _items: items, _meta: { total: items.length } });
  });

  routes.post("/formatters", async (c) => {
    const actor = caller(c, ARCHIVE_PRIVILEGE);
    const body = asDocument(await readJsonBody(c.req.raw));
    const formatted = await formatArticle(context, body, actor);
    // Eve answers with the service's return value as the new document's `_id`.
    return wireJson({ ...body, _id: { formatted_doc: formatted }, _status: "OK" }, 201);
  });

  routes.get("/output_formats", (c) => {
    caller(c);
    const items = FORMATTERS.map((formatter) => ({ name: formatter.label, type: formatter.type }))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
    return wireJson({ _items: items, _meta: { total: items.length } });
  });

  return routes;
}
