/**
 * Superdesk's rundown export endpoints: `GET /api/rundown_export` lists the formats,
 * `POST /api/rundown_export {format, rundown}` answers a download link (`href`, absolute), and
 * `GET /api/rundowns_export/<token>` downloads the file, without a session as Superdesk's.
 */
import { callerOf, createRouter, readDocument } from "../apps/app_routes.ts";
import { wireJson } from "../http/wire_json.ts";
import type { RundownExportService } from "./rundown_export_service.ts";
import { RUNDOWN_FORMATS } from "./rundown_formats.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

/** The router. */
export function exportRoutes(exports: RundownExportService) {
  const routes = createRouter();
  routes.get("/rundown_export", (c) => {
    callerOf(c);
    return wireJson({
      _items: RUNDOWN_FORMATS,
      _meta: { page: 1, max_results: RUNDOWN_FORMATS.length, total: RUNDOWN_FORMATS.length },
      _links: { self: { title: "rundown_export", href: "rundown_export" } },
    });
  });
  routes.post("/rundown_export", async (c) => {
    const actor = callerOf(c, RUNDOWNS_PRIVILEGE);
    const { format, rundown } = await readDocument(c);
    const token = await exports.link(format, rundown, actor);
    const href = new URL(`/api/rundowns_export/${token}`, c.req.url).href;
    // `_id` is the rundown's, as Superdesk's service answers.
    return wireJson({ _status: "OK", _id: rundown, format, rundown, href }, 201);
  });
  routes.get("/rundowns_export/:token{[a-f0-9]{32}}", async (c) => {
    const file = await exports.file(c.req.param("token"));
    return new Response(file.body, {
      headers: {
        "Content-Type": file.type,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
      },
    });
  });
  return routes;
}
