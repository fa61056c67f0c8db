/**
 * The copy, translate and related-items routes: `POST /api/archive/<id>/copy`,
 * `POST /api/archive/translate`, `GET /api/archive/<id>/related`. Handlers parse, call one
 * function, render.
 */
import { callerOf, createRouter, readDocument } from "../apps/app_routes.ts";
import type { MacroList } from "../apps/macro_registry.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { envelope, listItem, writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { ITEM_ID_PATTERN } from "../newsroom/archive_resource.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { copyToPersonal } from "./archive_copy.ts";
import { relatedItems } from "./archive_related.ts";
import { translateItem, translateRequest } from "./archive_translate.ts";
import { TRANSLATE_PRIVILEGE } from "./privileges.ts";

const ITEM = `:id{${ITEM_ID_PATTERN}}`;

/** Builds the router. */
export function duplicationRoutes(
  { services, macros }: { services: ServiceContext; macros: MacroList },
): ApiApp {
  const routes = createRouter();
  const archive = () => services.registry.service("archive");

  routes.post("/archive/translate", async (c) => {
    const actor = callerOf(c, TRANSLATE_PRIVILEGE);
    const request = translateRequest(await readDocument(c));
    return created(await translateItem(services, macros, request, actor));
  });

  routes.post(`/archive/${ITEM}/copy`, async (c) => {
    const actor = callerOf(c);
    await readDocument(c);
    return created(await copyToPersonal(services, c.req.param("id"), actor));
  });

  routes.get(`/archive/${ITEM}/related`, async (c) => {
    const actor = callerOf(c, ARCHIVE_PRIVILEGE);
    const id = c.req.param("id");
    const items = await relatedItems(services, id, actor);
    const href = `archive/${id}/related`;
    return wireJson(envelope(items.map((item) => listItem(archive().definition, item)), {
      href,
      title: "archive_related",
      page: 1,
      maxResults: items.length,
      total: items.length,
      params: new URL(c.req.url).searchParams,
      defaultMaxResults: items.length,
    }));
  });

  function created(item: Doc) {
    return wireJson(writeBody(archive().definition, archive().toPublic(item)), 201, {
      ETag: `"${item._etag}"`,
    });
  }

  return routes;
}
