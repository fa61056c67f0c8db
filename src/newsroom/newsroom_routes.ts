/**
 * The newsroom's routes outside the generated ones: the item actions (lock, unlock, move,
 * spike, unspike), `POST /api/stages_order`, the per-user views `users/<id>/desks` and
 * `users/<id>/content` (personal space), a desk's members `desks/<id>/users`, its overview
 * `desks/<id|all>/overview/<stages|users>` and its sluglines
 * `desks/<id>/sluglines`, and `archive_autocomplete`. Handlers parse, call one service function,
 * render.
 */
import { type Context, Hono } from "hono";
import { ruleIssue, ValidationError } from "../errors.ts";
import type { ApiApp } from "../http/api_routes.ts";
import type { AuthVariables } from "../http/middleware/authenticate.ts";
import { caller, ifMatch, optionalBody } from "../http/action_request.ts";
import { type PagingLimits, parseListQuery } from "../http/resources/parse_list_query.ts";
import { asDocument, readJsonBody } from "../http/resources/read_body.ts";
import { envelope, listItem, writeBody } from "../http/resources/render.ts";
import { wireJson, wireReadyJson } from "../http/wire_json.ts";
import { listSearchIfAsked } from "../indexing/source_list.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc, DocumentStore, Projection } from "../storage/document_store.ts";
import { lockItem, unlockItem } from "./archive_lock.ts";
import { moveItem } from "./archive_move.ts";
import { ITEM_ID_PATTERN } from "./archive_resource.ts";
import type { ArchiveService } from "./archive_service.ts";
import { spikeItem, unspikeItem } from "./archive_spike.ts";
import {
  ARCHIVE_PRIVILEGE,
  DESKS_PRIVILEGE,
  SPIKE_PRIVILEGE,
  UNSPIKE_PRIVILEGE,
} from "./privileges.ts";
import type { StagesService } from "./stages_service.ts";
import { deskOverview } from "./desk_overview.ts";
import { deskSluglines } from "./desk_sluglines.ts";
import type { SearchIndex } from "../search/search_index.ts";
import { type AutocompleteSettings, autocompleteSuggestions } from "./archive_autocomplete.ts";

type Ctx = Context<{ Variables: AuthVariables }>;

const ITEM = `:id{${ITEM_ID_PATTERN}}`;
const USER = ":user{[a-f0-9]{24}}";
const DESK = ":desk{[a-f0-9]{24}}";
const OVERVIEW = "/desks/:desk{[a-f0-9]{24}|all}/overview/:kind{stages|users}";

/** What `desks/<id>/users` shows of each member (Superdesk's `desk_users` projection). */
const DESK_USER_FIELDS = Object.fromEntries(
  [
    "username",
    "first_name",
    "last_name",
    "display_name",
    "email",
    "picture_url",
    "avatar",
    "avatar_renditions",
    "role",
    "last_activity_at",
    "sign_off",
  ].map((field) => [field, 1 as const]),
);

/** Builds the router. */
export function newsroomRoutes(
  { registry, search, documents, limits, autocomplete, defaultLanguage }: {
    registry: ResourceRegistry;
    search: SearchIndex;
    documents: DocumentStore;
    limits: PagingLimits;
    autocomplete: AutocompleteSettings;
    defaultLanguage: string;
  },
): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  const archive = registry.service<ArchiveService>("archive");
  const item = (doc: Doc, status = 200) =>
    wireJson(writeBody(archive.definition, archive.toPublic(doc)), status, {
      ETag: `"${doc._etag}"`,
    });

  routes.post(`/archive/${ITEM}/lock`, async (c) => {
    const actor = caller(c, ARCHIVE_PRIVILEGE);
    const body = await optionalBody(c);
    const action = body.lock_action ?? "edit";
    if (typeof action !== "string" || action === "") {
      throw new ValidationError({ lock_action: "must be of string type" });
    }
    return item(await lockItem(archive, c.req.param("id"), { actor, action }), 201);
  });

  routes.post(`/archive/${ITEM}/unlock`, async (c) => {
    const actor = caller(c);
    await optionalBody(c);
    const { item: doc, deleted } = await unlockItem(archive, c.req.param("id"), { actor });
    if (deleted) return wireJson({ _id: doc._id, _deleted: true, _status: "OK" }, 201);
    return item(doc, 201);
  });

  routes.post(`/archive/${ITEM}/move`, async (c) => {
    const actor = caller(c, ARCHIVE_PRIVILEGE);
    const body = await readJsonBody(c.req.raw);
    return item(await moveItem(archive, c.req.param("id"), { actor, body }), 201);
  });

  routes.patch(`/archive/spike/${ITEM}`, async (c) => {
    const actor = caller(c, SPIKE_PRIVILEGE);
    await optionalBody(c);
    return item(await spikeItem(archive, c.req.param("id"), { actor, etag: ifMatch(c) }));
  });

  routes.patch(`/archive/unspike/${ITEM}`, async (c) => {
    const actor = caller(c, UNSPIKE_PRIVILEGE);
    const body = await optionalBody(c);
    const task = body.task && typeof body.task === "object" ? body.task as Doc : undefined;
    return item(
      await unspikeItem(archive, c.req.param("id"), { actor, etag: ifMatch(c), task }),
    );
  });

  routes.get("/archive_autocomplete", async (c) => {
    caller(c);
    const { field, language, resources } = c.req.query();
    const items = await autocompleteSuggestions(search, autocomplete, {
      field: field ?? "slugline",
      language: language ?? defaultLanguage,
      resources: resources ? resources.split(",") : ["archive"],
    });
    return wireJson({
      _items: items,
      _links: { parent: { title: "home", href: "/" } },
      _meta: { page: 1, max_results: items.length, total: items.length },
    });
  });

  routes.post("/stages_order", async (c) => {
    caller(c, DESKS_PRIVILEGE);
    const body = asDocument(await readJsonBody(c.req.raw));
    const { desk, stages } = body;
    if (typeof desk !== "string") throw new ValidationError({ desk: ruleIssue("required") });
    if (!Array.isArray(stages) || !stages.every((id) => typeof id === "string")) {
      throw new ValidationError({ stages: "must be of list type" });
    }
    await registry.service<StagesService>("stages").reorder(desk, stages as string[]);
    return wireJson({ desk, stages, _status: "OK" }, 201);
  });

  const list = async (
    c: Ctx,
    service: ResourceService,
    { filter, href, projection, title = service.definition.title }: {
      filter: Doc;
      href: string;
      projection?: Projection;
      title?: string;
    },
  ) => {
    const actor = caller(c);
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params, limits);
    const result = await service.find({
      ...query,
      filter: query.filter ? { $and: [query.filter, filter] } : filter,
      projection: projection ?? query.projection,
    }, actor);
    return wireJson(
      envelope(result.items.map((doc) => listItem(service.definition, doc)), {
        href,
        title,
        page: query.page,
        maxResults: query.maxResults,
        total: result.total,
        params,
        defaultMaxResults: limits.paginationDefault,
      }),
    );
  };

  routes.get(`/users/${USER}/desks`, (c) =>
    list(c, registry.service("desks"), {
      filter: { "members.user": c.req.param("user") },
      href: `users/${c.req.param("user")}/desks`,
    }));

  routes.get(`/desks/${DESK}/users`, async (c) => {
    const desk = await registry.service("desks").getById(c.req.param("desk"), caller(c));
    const members = Array.isArray(desk.members) ? desk.members.map((m: Doc) => m.user) : [];
    return list(c, registry.service("users"), {
      filter: { _id: { $in: members } },
      href: `desks/${c.req.param("desk")}/users`,
      projection: DESK_USER_FIELDS,
    });
  });

  const overview = async (c: Ctx, filters?: unknown) => {
    const actor = caller(c, c.req.method === "POST" ? DESKS_PRIVILEGE : undefined);
    const items = await deskOverview({ registry, search }, actor, {
      deskId: c.req.param("desk") ?? "",
      kind: c.req.param("kind") ?? "",
      filters,
    });
    return wireJson({ _items: items, _status: "OK" }, c.req.method === "POST" ? 201 : 200);
  };
  routes.get(OVERVIEW, (c) => overview(c));
  routes.get(`/desks/${DESK}/sluglines`, async (c) => {
    const items = await deskSluglines({ registry, documents }, caller(c), c.req.param("desk"));
    return wireJson({ _items: items, _meta: { total: items.length }, _status: "OK" });
  });
  routes.post(OVERVIEW, async (c) => overview(c, (await optionalBody(c)).filters));

  // Superdesk's `user_content`: the archive's search with the client's `source` (its sort, the
  // spiked filter), narrowed to the user's items on no desk, saved at least once (its
  // `elastic_filter`: no `version` 0).
  const USER_CONTENT = "user_content";
  routes.get(`/users/${USER}/content`, async (c) => {
    const filter = {
      "task.desk": null,
      original_creator: c.req.param("user"),
      version: { $ne: 0 },
    };
    const href = `users/${c.req.param("user")}/content`;
    const params = new URL(c.req.url).searchParams;
    const query = parseListQuery(params, limits);
    const where = query.filter ? { $and: [query.filter, filter] } : filter;
    const body = await listSearchIfAsked(
      { registry, search },
      archive.definition,
      caller(c),
      params,
      {
        limits,
        query,
        where,
      },
    );
    if (!body) return await list(c, archive, { filter, href, title: USER_CONTENT });
    return wireReadyJson({
      ...body,
      _links: { ...body._links as Doc, self: { title: USER_CONTENT, href } },
    });
  });

  return routes;
}
