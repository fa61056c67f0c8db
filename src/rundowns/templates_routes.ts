/**
 * `/api/shows/<show>/templates[/<id>]` (Superdesk's `rundown_templates` URL): a show's rundown
 * templates, listed, created (the show taken from the URL), read, patched and deleted through the
 * templates service, with Eve's envelope and Superdesk's self links (`fix_self_link`).
 */
import { callerOf, createRouter, readDocument, type RouteContext } from "../apps/app_routes.ts";
import { NotFoundError } from "../errors.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { envelope, itemBody, listItem, writeBody } from "../http/resources/render.ts";
import { wireJson } from "../http/wire_json.ts";
import { normalizeEtag } from "../resources/etag.ts";
import type { Doc } from "../storage/document_store.ts";
import type { RundownTemplatesService } from "./rundown_templates_service.ts";
import { RUNDOWNS_PRIVILEGE } from "./rundowns_privilege.ts";

const ID = "[a-f0-9]{24}";
const BASE = `/shows/:show{${ID}}/templates`;
const ITEM = `${BASE}/:id{${ID}}`;
const TITLE = "rundown_templates";

/** The router. */
export function templatesRoutes(templates: RundownTemplatesService, limits: PagingLimits) {
  const routes = createRouter();
  const definition = templates.definition;
  const render = (body: Doc, doc: Doc) => ({
    ...body,
    _links: { self: { title: TITLE, href: `/shows/${doc.show}/templates/${doc._id}` } },
  });
  const found = async (c: RouteContext) => {
    const { show, id } = c.req.param() as { show: string; id: string };
    const doc = await templates.findOne({ _id: id, show }, callerOf(c));
    if (!doc) throw new NotFoundError(`rundown template "${id}" of show "${show}" not found`);
    return doc;
  };
  const etagOf = (c: RouteContext) => {
    const header = c.req.header("if-match");
    return header === undefined ? undefined : normalizeEtag(header);
  };

  routes.get(BASE, async (c) => {
    const actor = callerOf(c);
    const show = c.req.param("show");
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params, limits);
    const filter = query.filter ? { $and: [query.filter, { show }] } : { show };
    const result = await templates.find({ ...query, filter }, actor);
    const items = result.items.map((doc) =>
      render(listItem(definition, templates.toPublic(doc)), doc)
    );
    return wireJson(envelope(items, {
      href: `shows/${show}/templates`,
      title: TITLE,
      page: query.page,
      maxResults: query.maxResults,
      total: result.total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  });

  routes.post(BASE, async (c) => {
    const actor = callerOf(c, RUNDOWNS_PRIVILEGE);
    const input = { ...await readDocument(c), show: c.req.param("show") };
    const [doc] = await templates.create([input], actor);
    return wireJson(render(writeBody(definition, templates.toPublic(doc!)), doc!), 201, {
      Location: new URL(`${c.req.path}/${doc!._id}`, c.req.url).href,
    });
  });

  routes.get(ITEM, async (c) => {
    const doc = await found(c);
    return wireJson(render(itemBody(definition, templates.toPublic(doc)), doc), 200, {
      ETag: `"${doc._etag}"`,
    });
  });

  routes.patch(ITEM, async (c) => {
    const actor = callerOf(c, RUNDOWNS_PRIVILEGE);
    const input = await readDocument(c);
    const original = await found(c);
    const doc = await templates.update(String(original._id), input, { etag: etagOf(c), actor });
    return wireJson(render(writeBody(definition, templates.toPublic(doc)), doc), 200, {
      ETag: `"${doc._etag}"`,
    });
  });

  routes.delete(ITEM, async (c) => {
    const actor = callerOf(c, RUNDOWNS_PRIVILEGE);
    const original = await found(c);
    await templates.delete(String(original._id), { etag: etagOf(c), actor });
    return c.body(null, 204);
  });
  return routes;
}
