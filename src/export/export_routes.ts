/** `POST /api/export` (Superdesk's `export` resource): parse, export, render. */
import { callerOf, createRouter, readDocument } from "../apps/app_routes.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import type { ItemValidator } from "../publish/item_validator.ts";
import { exportItems } from "./export_items.ts";

/** Builds the router. */
export function exportRoutes(
  services: ServiceContext,
  options: { validator: ItemValidator; mediaPrefix: string; expiryMinutes: number },
): ApiApp {
  const routes = createRouter();
  routes.post("/export", async (c) => {
    const actor = callerOf(c, ARCHIVE_PRIVILEGE);
    const body = await readDocument(c);
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
