/**
 * `GET /api/openapi.json` (the generated OpenAPI 3.1 document) and `GET /api/docs` (the
 * interactive reference, Swagger UI, with its files under `/api/docs/`). All public.
 */
import { Hono } from "hono";
import { errorResponse } from "../error_body.ts";
import type { AuthVariables } from "../middleware/authenticate.ts";
import { docsInitScript, docsPage, swaggerUiAsset } from "./swagger_ui.ts";

/** Public routes; `document` gives the OpenAPI document (built once by the caller). */
export function openApiRoutes(document: () => Record<string, unknown>) {
  const routes = new Hono<{ Variables: AuthVariables }>({ strict: false });
  // Where /api is mounted, from the request path of a route under it.
  const baseOf = (path: string, route: string) => path.slice(0, path.lastIndexOf(route));
  routes.get(
    "/openapi.json",
    (c) => c.json(document()),
  );
  routes.get("/docs", (c) => c.html(docsPage(baseOf(c.req.path.replace(/\/$/, ""), "/docs"))));
  routes.get("/docs/init.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    return c.body(docsInitScript(baseOf(c.req.path, "/docs/init.js")));
  });
  routes.get("/docs/:file", async (c) => {
    const asset = await swaggerUiAsset(c.req.param("file"));
    if (!asset) return errorResponse(404, "The requested URL was not found on the server.");
    return c.body(asset.body, 200, {
      "Content-Type": asset.type,
      "Cache-Control": "public, max-age=86400",
    });
  });
  return routes;
}
