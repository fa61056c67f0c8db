/**
 * The routes of one resource, derived from its definition: the collection GET/POST/DELETE and
 * item GET/PATCH/PUT/DELETE it allows, with Eve's wire contract (other methods get the 405 of
 * `api_routes.ts`). Handlers only parse, check access, call the service and render.
 */
import { type Context, Hono } from "hono";
import { BadRequestError, ForbiddenError, NotFoundError } from "../../errors.ts";
import { type Actor, hasPrivilege } from "../../resources/actor.ts";
import { normalizeEtag } from "../../resources/etag.ts";
import type { HttpMethod } from "../../resources/resource_definition.ts";
import type { ResourceRegistry } from "../../resources/resource_registry.ts";
import { ResourceService } from "../../resources/resource_service.ts";
import type { Doc, JsonDoc } from "../../storage/document_store.ts";
import { listSearchIfAsked } from "../../indexing/source_list.ts";
import type { SearchIndex } from "../../search/search_index.ts";
import { type AuthVariables, requireActor } from "../middleware/authenticate.ts";
import { httpDate } from "../http_date.ts";
import { inRequestTrace, type RequestTrace, requestTraceOf, scopeFree } from "../request_trace.ts";
import { wireJson, wireJsonText, wireReadyJson } from "../wire_json.ts";
import { embedRelations, embedsNothing } from "./embed.ts";
import { type PagingLimits, parseListQuery, parseProjection } from "./parse_list_query.ts";
import { asDocument, readJsonBody } from "./read_body.ts";
import {
  cursorEnvelope,
  envelope,
  envelopeJson,
  foundItemBody,
  foundItemBodyJson,
  listItem,
  listItemJson,
  writeBody,
  writeBodyJson,
} from "./render.ts";
import { itemVersionResponse } from "./version_routes.ts";

type Ctx = Context<{ Variables: AuthVariables }>;

export interface ResourceRoutesOptions {
  registry: ResourceRegistry;
  limits: PagingLimits;
  /** Answers `source=` lists of search-backed resources. */
  search: SearchIndex;
}

/** Mounts the routes of `service`'s resource on `app` (the `/api` sub-app). */
export function mountResourceRoutes(
  app: Hono<{ Variables: AuthVariables }>,
  service: ResourceService,
  { registry, limits, search }: ResourceRoutesOptions,
): void {
  const definition = service.definition;
  const base = `/${definition.url}`;
  const item = `${base}/:id{${definition.itemUrl}}`;
  const pageLimits = {
    ...limits,
    paginationLimit: definition.paginationLimit ?? limits.paginationLimit,
  };

  const access = (c: Ctx, method: HttpMethod): Actor => {
    const actor = c.get("actor");
    if (definition.publicMethods.includes(method) && !actor) return anonymous;
    const caller = requireActor(actor);
    const privilege = definition.privileges[method];
    if (privilege && !hasPrivilege(caller, privilege)) {
      throw new ForbiddenError(`Insufficient privileges: "${privilege}" is required`, {
        issues: { privilege },
      });
    }
    return caller;
  };
  // Registers `handler` only when the definition allows `method` there.
  const serve = (
    methods: readonly string[],
    method: HttpMethod,
    path: string,
    handler: (c: Ctx) => Promise<Response>,
  ) => {
    if (methods.includes(method)) app.on(method, path, handler);
  };

  serve(definition.resourceMethods, "GET", base, async (c) => {
    const actor = access(c, "GET");
    const params = queryParams(c.req.url);
    const query = parseListQuery(params, pageLimits);
    const searched = await listSearchIfAsked({ registry, search }, definition, actor, params, {
      limits: pageLimits,
      query,
      where: query.filter,
    });
    if (searched) {
      const total = (searched._meta as { total?: number }).total;
      return wireReadyJson(
        searched,
        200,
        total === undefined ? {} : { "X-Total-Count": `${total}` },
      );
    }
    const pageOptions = {
      href: definition.url,
      title: definition.title,
      page: query.page,
      maxResults: query.maxResults,
      params,
      defaultMaxResults: limits.paginationDefault,
    };
    const stored = embedsNothing(definition, params.get("embedded"))
      ? await service.findJson(query, actor)
      : undefined;
    if (stored) {
      const items = stored.items.map((doc) => listItemJson(definition, doc));
      const body = envelopeJson(
        items,
        { ...pageOptions, total: stored.total },
        await service.listExtras(actor),
      );
      return wireJsonText(body, 200, listHeaders(stored.total, latestJsonUpdate(stored.items)));
    }
    const result = await service.find(query, actor);
    const items = result.items.map((doc) => listItem(definition, service.toPublic(doc)));
    await embedRelations(items, params.get("embedded"), { definition, registry, actor });
    if (query.cursor) {
      return wireJson(cursorEnvelope(items, {
        href: definition.url,
        title: definition.title,
        maxResults: query.maxResults,
        nextCursor: result.nextCursor,
        params,
      }));
    }
    const body = {
      ...envelope(items, { ...pageOptions, total: result.total }),
      ...await service.listExtras(actor),
    };
    return wireJson(body, 200, listHeaders(result.total, latestUpdate(result.items)));
  });

  serve(definition.resourceMethods, "POST", base, async (c) => {
    const actor = access(c, "POST");
    const body = await readJsonBody(c.req.raw);
    const bulk = Array.isArray(body);
    const inputs = bulk ? body.map(asDocument) : [asDocument(body)];
    if (inputs.length === 0) throw new BadRequestError("Empty bulk insert");
    // As Eve: a list of one is answered with that item itself.
    const many = bulk && inputs.length > 1;
    const stored = await service.createJson(inputs, actor);
    if (stored) {
      const rendered = stored.map((doc) => writeBodyJson(definition, doc));
      const text = many ? `{"_status":"OK","_items":[${rendered.join(",")}]}` : rendered[0]!;
      return wireJsonText(text, 201, {
        Location: itemLocation(c.req.url, c.req.path, stored[0]!.id),
      });
    }
    const docs = await service.create(inputs, actor);
    const location = itemLocation(c.req.url, c.req.path, String(docs[0]!._id));
    const rendered = docs.map((doc) => writeBody(definition, service.toPublic(doc)));
    return wireJson(many ? { _status: "OK", _items: rendered } : rendered[0], 201, {
      Location: location,
    });
  });

  serve(definition.resourceMethods, "DELETE", base, async (c) => {
    const actor = access(c, "DELETE");
    await service.deleteCollection(actor);
    return c.body(null, 204);
  });

  // The service's own stored-text read runs no code that reads the current trace (no override,
  // no hook: `getByIdJson` answers undefined at once for a service that has any).
  const ownJsonRead = service.getByIdJson === ResourceService.prototype.getByIdJson;
  // `scopeFree`: a read without a query is answered from the stored text without the trace
  // current (`request_trace.ts`); every other read runs in it.
  const storedTextRead = ownJsonRead && embedsNothing(definition, null);

  // `triedJson`: the stored text was asked for already (and not answered).
  const readItem = async (
    c: Ctx,
    actor: Actor,
    id: string,
    params: URLSearchParams | undefined,
    triedJson: boolean,
  ) => {
    if (params?.has("version") && service.versions) {
      return await itemVersionResponse(service, id, params, { actor, limits: pageLimits });
    }
    const projection = parseProjection(params?.get("projection") ?? null);
    const embedded = params?.get("embedded") ?? null;
    const stored = !triedJson && projection === undefined && embedsNothing(definition, embedded)
      ? await service.getByIdJson(id, actor)
      : undefined;
    if (stored?.etag !== undefined) return storedItemResponse(c, stored, stored.etag);
    const doc = await service.getById(id, actor, { projection });
    return await itemResponse(c, doc, embedded);
  };

  serve(
    definition.itemMethods,
    "GET",
    item,
    scopeFree(async (c: Ctx) => {
      const actor = access(c, "GET");
      const id = idParam(c);
      // Most item reads carry no query: no parameters to parse then.
      const url = c.req.url;
      const params = url.includes("?") ? queryParams(url) : undefined;
      const triedJson = storedTextRead && params === undefined;
      if (triedJson) {
        const stored = await service.getByIdJson(id, actor);
        if (stored?.etag !== undefined) {
          return storedItemResponse(c, stored, stored.etag, requestTraceOf(c));
        }
      }
      return await inRequestTrace(c, () => readItem(c, actor, id, params, triedJson));
    }),
  );

  if (definition.additionalLookup) {
    const lookup = definition.additionalLookup;
    app.get(`${base}/:lookup{${lookup.url}}`, async (c) => {
      const actor = access(c, "GET");
      const value = c.req.param("lookup");
      const doc = await service.findOne({ [lookup.field]: value }, actor);
      if (!doc) throw new NotFoundError(`${definition.name} item "${value}" not found`);
      return await itemResponse(c, doc, queryParams(c.req.url).get("embedded"));
    });
  }

  const itemResponse = async (c: Ctx, doc: Doc, embedded: string | null) => {
    const etag = String(doc._etag);
    const updated = doc._updated instanceof Date ? doc._updated : undefined;
    const headers = itemHeaders(etag, updated);
    if (notModified(c, etag, updated)) return c.body(null, 304, headers);
    const body = foundItemBody(definition, service.toPublic(doc));
    await embedRelations([body], embedded, {
      definition,
      registry,
      actor: c.get("actor") ?? anonymous,
    });
    return wireJson(body, 200, headers);
  };

  // `itemResponse` for a document the store gave as JSON text (nothing to embed).
  // `trace`: the request's, when it is not current (`scopeFree`).
  const storedItemResponse = (c: Ctx, doc: JsonDoc, etag: string, trace?: RequestTrace) => {
    const updated = doc.updated === undefined ? undefined : new Date(doc.updated);
    const headers = itemHeaders(etag, updated);
    if (notModified(c, etag, updated)) return c.body(null, 304, headers);
    return wireJsonText(foundItemBodyJson(definition, doc), 200, headers, trace);
  };

  serve(definition.itemMethods, "PATCH", item, async (c) => {
    const actor = access(c, "PATCH");
    const body = asDocument(await readJsonBody(c.req.raw));
    const options = { etag: ifMatch(c), actor, lateVersioning: true };
    const stored = await service.updateJson(idParam(c), body, options);
    if (stored) {
      return wireJsonText(writeBodyJson(definition, stored), 200, { ETag: `"${stored.etag}"` });
    }
    const doc = await service.update(idParam(c), body, options);
    return wireJson(writeBody(definition, service.toPublic(doc)), 200, {
      ETag: `"${doc._etag}"`,
    });
  });

  serve(definition.itemMethods, "PUT", item, async (c) => {
    const actor = access(c, "PUT");
    const body = asDocument(await readJsonBody(c.req.raw));
    const { doc, created } = await service.replace(idParam(c), body, {
      etag: ifMatch(c),
      actor,
      lateVersioning: true,
    });
    const headers: Record<string, string> = { ETag: `"${doc._etag}"` };
    if (created) headers.Location = new URL(c.req.path, c.req.url).href;
    else headers["Last-Modified"] = httpDate(doc._updated as Date);
    return wireJson(writeBody(definition, service.toPublic(doc)), created ? 201 : 200, headers);
  });

  serve(definition.itemMethods, "DELETE", item, async (c) => {
    const actor = access(c, "DELETE");
    await service.delete(idParam(c), { etag: ifMatch(c), actor });
    return c.body(null, 204);
  });
}

const anonymous: Actor = Object.freeze({
  kind: "user",
  privileges: new Set<string>(),
  isAdmin: false,
});

/**
 * The query parameters of a request URL (as `new URL(url).searchParams`, without parsing the
 * rest of the URL: a request target has no fragment).
 */
function queryParams(url: string): URLSearchParams {
  const at = url.indexOf("?");
  return new URLSearchParams(at < 0 ? "" : url.slice(at + 1));
}

/** Characters of a path and id that `new URL` keeps as they are. */
const URL_SAFE = /^[\w\-.~/]*$/;

/**
 * The absolute URL of item `id` under the collection at `path` (the request's), as
 * `new URL(`${path}/${id}`, url).href`: spelt out when nothing needs escaping or resolving.
 */
export function itemLocation(url: string, path: string, id: string): string {
  const item = `${path.replace(/\/$/, "")}/${id}`;
  if (!URL_SAFE.test(item) || item.includes("/.")) return new URL(item, url).href;
  return url.slice(0, url.indexOf("/", url.indexOf("//") + 2)) + item;
}

function idParam(c: Ctx): string {
  return c.req.param("id") ?? "";
}

function ifMatch(c: Ctx): string | undefined {
  const header = c.req.header("if-match");
  return header === undefined ? undefined : normalizeEtag(header);
}

/**
 * Eve's conditional GET: If-None-Match equality, If-Modified-Since with 1 s of slack. An
 * If-Modified-Since that is not a date is ignored, as RFC 9110 (13.1.3) requires.
 */
function notModified(c: Ctx, etag: string, updated: Date | undefined): boolean {
  const noneMatch = c.req.header("if-none-match");
  const modifiedSince = c.req.header("if-modified-since");
  const since = modifiedSince === undefined ? NaN : Date.parse(modifiedSince);
  if (noneMatch === undefined && Number.isNaN(since)) return false;
  let fresh = true;
  if (noneMatch !== undefined) fresh &&= normalizeEtag(noneMatch) === etag;
  if (!Number.isNaN(since)) {
    fresh &&= updated !== undefined && Math.floor(updated.getTime() / 1000) * 1000 <= since;
  }
  return fresh;
}

/** An item's `ETag` and `Last-Modified`. */
function itemHeaders(etag: string, updated: Date | undefined) {
  const headers: Record<string, string> = { ETag: `"${etag}"` };
  if (updated) headers["Last-Modified"] = httpDate(updated);
  return headers;
}

/** A list's `X-Total-Count` (when counted) and `Last-Modified` (its newest `_updated`). */
function listHeaders(total: number | undefined, newest: Date | undefined) {
  const headers: Record<string, string> = {};
  if (total !== undefined) headers["X-Total-Count"] = String(total);
  if (newest) headers["Last-Modified"] = httpDate(newest);
  return headers;
}

function latestUpdate(docs: Doc[]): Date | undefined {
  let latest: Date | undefined;
  for (const doc of docs) {
    const updated = doc._updated;
    if (updated instanceof Date && (!latest || updated.getTime() > latest.getTime())) {
      latest = updated;
    }
  }
  return latest;
}

function latestJsonUpdate(docs: JsonDoc[]): Date | undefined {
  let latest = -Infinity;
  for (const { updated } of docs) if (updated !== undefined && updated > latest) latest = updated;
  return latest === -Infinity ? undefined : new Date(latest);
}
