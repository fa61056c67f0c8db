/**
 * `GET /api/contacts/organisations` (Superdesk's `contacts_organisations`) and one contact by id
 * under it, as that resource serves it. The contacts' item URL leaves `organisations` out, so
 * the path is this route's alone (no contact is reached, nor `Allow`ed, through it).
 */
import { callerOf, createRouter } from "../apps/app_routes.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, itemBody, listItem } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import type { ContactsService } from "./contacts_service.ts";
import { findOrganisations } from "./organisations.ts";

/** The URL of the organisation search. */
export const ORGANISATIONS_URL = "contacts/organisations";

/** The router. */
export function organisationsRoutes(contacts: ContactsService, limits: PagingLimits) {
  const routes = createRouter();
  const { definition } = contacts;
  routes.get(`/${ORGANISATIONS_URL}`, async (c) => {
    const actor = callerOf(c);
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params, limits);
    const result = await findOrganisations(contacts, query, actor);
    const items = result.items.map((doc) => listItem(definition, contacts.toPublic(doc)));
    return wireJson(envelope(items, {
      href: ORGANISATIONS_URL,
      title: "contacts_organisations",
      page: query.page,
      maxResults: query.maxResults,
      total: result.total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  });
  routes.get(`/${ORGANISATIONS_URL}/:id{${definition.itemUrl}}`, async (c) => {
    const actor = callerOf(c);
    const doc = await contacts.getById(c.req.param("id"), actor);
    return wireJson(itemBody(definition, contacts.toPublic(doc)));
  });
  return routes;
}
