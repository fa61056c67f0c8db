/**
 * The content model's routes outside the generated ones: `GET /subjectcodes` (Superdesk's
 * subject codes list, served from the `subjectcodes` vocabulary an admin fills),
 * `GET /content_types/<id>?edit=true` (the profile as the editor form reads it) and
 * `POST /content_templates_apply` (a template applied to an item, returned, not stored).
 */
import { type Context, Hono } from "hono";
import { ForbiddenError, NotFoundError, ruleIssue, ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { type AuthVariables, requireActor } from "../http/middleware/authenticate.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { itemBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { hasPrivilege } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ContentTemplatesService } from "./content_templates_service.ts";
import type { ContentTypesService } from "./content_types_service.ts";
import { PROFILE_ID_PATTERN } from "./content_types_resource.ts";
import { htmlToText } from "./html_text.ts";
import { subjectCodes } from "./subject_codes.ts";
import { renderTemplateData } from "./template_rendering.ts";
import type { VocabulariesService } from "./vocabularies_service.ts";

type Ctx = Context<{ Variables: AuthVariables }>;

/** Fields a kill template empties on the item it is applied to (Superdesk's default). */
const KILL_TEMPLATE_NULL_FIELDS = ["byline", "place"];

/** Options of the routes. */
export interface ContentRoutesOptions {
  registry: ResourceRegistry;
  /** The zone templates format dates in by default. */
  timeZone: string;
  /** The source named in dateline texts. */
  source: string;
}

/** Builds the router. */
export function contentRoutes({ registry, timeZone, source }: ContentRoutesOptions): ApiApp {
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

  routes.post("/content_templates_apply", async (c) => {
    const actor = requireActor(c.get("actor"));
    if (!hasPrivilege(actor, ARCHIVE_PRIVILEGE)) {
      throw new ForbiddenError(`Insufficient privileges: "${ARCHIVE_PRIVILEGE}" is required`, {
        issues: { privilege: ARCHIVE_PRIVILEGE },
      });
    }
    const body = asDocument(await readJsonBody(c.req.raw));
    if (typeof body.template_name !== "string" || !body.template_name) {
      throw new ValidationError({ template_name: ruleIssue("required") });
    }
    if (!body.item || typeof body.item !== "object" || Array.isArray(body.item)) {
      throw new ValidationError({ item: ruleIssue("required") });
    }
    const templates = registry.service<ContentTemplatesService>("content_templates");
    const template = await templates.findOne(
      { template_name: body.template_name.toLowerCase() },
      actor,
    );
    if (!template) throw new NotFoundError(`Template "${body.template_name}" not found`);
    const item = structuredClone(body.item) as Doc;
    const user = actor.userId
      ? await registry.service("users").findOne({ _id: actor.userId })
      : null;
    renderTemplateData(item, template, {
      user: user ?? {},
      now: new Date(),
      source: typeof item.source === "string" ? item.source : source,
      timeZone,
      apply: true,
    });
    regenerateEditorState(item);
    if (template.template_type === "kill") {
      for (const field of KILL_TEMPLATE_NULL_FIELDS) if (field in item) item[field] = null;
    }
    return wireJson({ ...item, _status: "OK" }, 201);
  });

  return routes;
}

/** Rebuilds editor states from the item's (new) values: their old states are stale. */
function regenerateEditorState(item: Doc) {
  const meta = item.fields_meta;
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return;
  for (const field of Object.keys(meta as Doc)) {
    const value = item[field];
    if (typeof value !== "string") continue;
    const lines = htmlToText(value).split("\n").filter((line) => line.trim() !== "");
    (meta as Doc)[field] = {
      draftjsState: [{
        blocks: lines.map((text) => ({
          text,
          type: "unstyled",
          depth: 0,
          inlineStyleRanges: [],
          entityRanges: [],
          data: {},
        })),
        entityMap: {},
      }],
    };
  }
}
