/**
 * The content model's routes outside the generated ones: `GET /subjectcodes` (Superdesk's
 * subject codes list: the IPTC Subject NewsCodes with the `subjectcodes` vocabulary laid over them) and
 * `GET /content_types/<id>?edit=true` (the profile as the editor form reads it).
 */
import { type Context, Hono } from "hono";
import type { ApiApp } from "../http/api_routes.ts";
import { type AuthVariables, requireActor } from "../http/middleware/authenticate.ts";
import { itemBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ContentTypesService } from "./content_types_service.ts";
import { PROFILE_ID_PATTERN } from "./content_types_resource.ts";
import { subjectCodes } from "./subject_codes.ts";
import type { VocabulariesService } from "./vocabularies_service.ts";

type Ctx = Context<{ Variables: AuthVariables }>;

/** Builds the router. */
export function contentRoutes(registry: ResourceRegistry): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });

  routes.get("/subjectcodes", async (c) => {
    requireActor(c.get("actor"));
    const vocabularies = registry.service<VocabulariesService>("vocabularies");
    const items = subjectCodes(await vocabularies.itemsOf("subjectcodes"));
    return wireJson({ _items: items, _meta: { total: items.length } });
  });

  routes.get(`/content_types/:id{${PROFILE_ID_PATTERN}}`, async (c: Ctx, next) => {
    const edit = c.req.query("edit");
    if (edit === undefined || edit === "" || edit === "false" || edit === "0") return await next();
    const actor = requireActor(c.get("actor"));
    const profiles = registry.service<ContentTypesService>("content_types");
    const doc = await profiles.editView(c.req.param("id") ?? "", actor);
    return wireJson(itemBody(profiles.definition, profiles.toPublic(doc)), 200, {
      ETag: `"${doc._etag}"`,
    });
  });

  return routes;
}
