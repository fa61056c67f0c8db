/** `POST /api/export` (Superdesk's `export` resource): parse, export, render. */
import { Hono } from "hono";
import { ForbiddenError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { type AuthVariables, requireActor } from "../http/middleware/authenticate.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { wireJson } from "../http/wire_json.ts";
import { hasPrivilege } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import type { ItemValidator } from "../publish/item_validator.ts";
import { exportItems } from "./export_items.ts";

/** Builds the router. */
export function exportRoutes(
  services: ServiceContext,
  options: { validator: ItemValidator; mediaPrefix: string },
): ApiApp {
  const routes: ApiApp = new Hono<{ Variables: AuthVariables }>({ strict: false });
  routes.post("/export", async (c) => {
    const actor = requireActor(c.get("actor"));
    if (!hasPrivilege(actor, ARCHIVE_PRIVILEGE)) {
      throw new ForbiddenError(`Insufficient privileges: "${ARCHIVE_PRIVILEGE}" is required`, {
        issues: { privilege: ARCHIVE_PRIVILEGE },
      });
    }
    const body = asDocument(await readJsonBody(c.req.raw));
    const result = await exportItems(services, options, body, actor);
    return wireJson({
      ...body,
      ...result,
      _status: "OK",
      _links: { self: { title: "Export", href: "export" } },
    }, 201);
  });
  return routes;
}
