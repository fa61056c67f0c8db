/**
 * `GET /api/openapi.json` (the generated OpenAPI 3.1 document) and `GET /api/docs` (a
 * self-contained page that renders it: no CDN, so it works offline).
 */
import { Hono } from "hono";
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import type { AuthVariables } from "../middleware/authenticate.ts";
import { DOCS_PAGE } from "./docs_page.ts";
import { openApiDocument } from "./openapi_document.ts";

/** Public routes; the document is built once, on first request. */
export function openApiRoutes(registry: ResourceRegistry) {
  const routes = new Hono<{ Variables: AuthVariables }>({ strict: false });
  let document: Record<string, unknown> | undefined;
  routes.get("/openapi.json", (c) => c.json(document ??= openApiDocument(registry)));
  routes.get("/docs", (c) => c.html(DOCS_PAGE));
  return routes;
}
