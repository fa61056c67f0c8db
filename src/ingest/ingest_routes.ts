/**
 * Ingest's routes outside the generated ones: `POST /api/ingest/<id>/fetch` (a new archive
 * item), `POST /api/archive/<id>/duplicate`, and the read-only catalogues the client's ingest
 * settings read: `io_errors` (`?source_type=`), `ingest_rule_handlers`,
 * `feeding_services_allowed`, `feed_parsers_allowed`. Handlers parse, call one function, render.
 */
import { type Context, Hono } from "hono";
import { ForbiddenError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { type AuthVariables, requireActor } from "../http/middleware/authenticate.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import { duplicateItem } from "./duplicate_item.ts";
import { fetchFromIngest } from "./fetch_item.ts";
import { FEEDING_SERVICES } from "./feeding/feeding_services.ts";
import { ioErrors } from "./io_errors.ts";
import { FEED_PARSERS } from "./parsers/parser_registry.ts";
import { DUPLICATE_PRIVILEGE, FETCH_PRIVILEGE } from "./privileges.ts";
import { RULE_HANDLERS } from "./routing/rule_handlers.ts";

type Ctx = Context<{ Variables: AuthVariables }>;
const ITEM = `:id{${ITEM_ID_PATTERN}}`;

/** Builds the router. */
export function ingestRoutes(
  { registry, documents, allowCopyToPersonal }: {
    registry: ResourceRegistry;
    documents: DocumentStore;
    /** `WORKFLOW_ALLOW_COPY_TO_PERSONAL`: duplicates may go to personal space. */
    allowCopyToPersonal: boolean;
  },
): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  const archiveService = () => registry.service("archive");
  const archive = () => archiveService().definition;

  routes.post(`/ingest/${ITEM}/fetch`, async (c) => {
    const actor = caller(c, FETCH_PRIVILEGE);
    const body = asDocument(await readJsonBody(c.req.raw));
    const item = await fetchFromIngest({ registry, documents }, c.req.param("id"), {
      desk: body.desk,
      stage: body.stage,
      actor,
    });
    return wireJson(writeBody(archive(), archiveService().toPublic(item)), 201, {
      ETag: `"${item._etag}"`,
    });
  });

  routes.post(`/archive/${ITEM}/duplicate`, async (c) => {
    const actor = caller(c, DUPLICATE_PRIVILEGE, ARCHIVE_PRIVILEGE);
    const body = asDocument(await readJsonBody(c.req.raw));
    const item = await duplicateItem({ registry, documents }, c.req.param("id"), {
      actor,
      body,
      allowPersonal: allowCopyToPersonal,
    });
    return wireJson(writeBody(archive(), archiveService().toPublic(item)), 201, {
      ETag: `"${item._etag}"`,
    });
  });

  routes.get("/io_errors", (c) => {
    caller(c);
    const sourceType = new URL(c.req.url).searchParams.get("source_type") ?? undefined;
    return wireJson(catalogue("io_errors", [ioErrors(sourceType)]));
  });

  routes.get("/ingest_rule_handlers", (c) => {
    caller(c);
    const items = [...RULE_HANDLERS.values()].map(({ canHandle: _, ...info }) => info);
    return wireJson(catalogue("ingest_rule_handlers", items));
  });

  routes.get("/feeding_services_allowed", (c) => {
    caller(c);
    const items = [...FEEDING_SERVICES.values()].map((service) => ({
      feeding_service: service.name,
      label: service.label,
      fields: service.fields,
      field_groups: {},
      parser_restricted_values: service.parsers,
    }));
    return wireJson(catalogue("feeding_services_allowed", items));
  });

  routes.get("/feed_parsers_allowed", (c) => {
    caller(c);
    const items = [...FEED_PARSERS.values()].map((parser) => ({
      feed_parser: parser.name,
      label: parser.label,
    }));
    return wireJson(catalogue("feed_parsers_allowed", items));
  });

  return routes;
}

/** A fixed list in Eve's envelope. */
function catalogue(name: string, items: Doc[]) {
  return {
    _items: items,
    _links: { parent: { title: "home", href: "/" }, self: { title: name, href: name } },
    _meta: { page: 1, max_results: items.length, total: items.length },
  };
}

/** The signed-in caller, holding every privilege named. */
function caller(c: Ctx, ...privileges: string[]): Actor {
  const actor = requireActor(c.get("actor"));
  for (const privilege of privileges) {
    if (!hasPrivilege(actor, privilege)) {
      throw new ForbiddenError(`Insufficient privileges: "${privilege}" is required`, {
        issues: { privilege },
      });
    }
  }
  return actor;
}
