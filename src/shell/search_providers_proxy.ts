/**
 * `search_providers_proxy` (Superdesk's `apps/search_providers/proxy.py`): where the web client
 * searches, and archives from, a configured search provider. `repo` names the provider by id:
 * `GET` asks its type's `find` (the `source` query, the `params` JSON) and gives each item
 * Superdesk's defaults (`_type: externalsource`, `type: picture`, `pubstatus: usable`,
 * `fetch_endpoint: search_providers_proxy`, `ingest_provider`...); `POST {guid, desk, stage}`
 * asks its `fetch` and stores the item in the archive on that desk, as a fetch from ingest
 * (`fetch_item.ts`), stamping the provider's `last_item_update`. A `repo` that is not an id
 * (`archive`, `published,ingest`, empty) is a search of those repositories, as `/api/search`.
 * A missing, closed or unregistered provider is a 400; one the user holds no item privilege for
 * (`resource:search_providers:<id>`) a 403.
 */
import { type Context, Hono } from "hono";
import {
  BadRequestError,
  ForbiddenError,
  HttpError,
  NotFoundError,
  ValidationError,
} from "../errors.ts";
import type { SearchProviderType } from "../apps/search_provider_registry.ts";
import type { ApiApp } from "../http/api_routes.ts";
import { type AuthVariables, requireActor } from "../http/middleware/authenticate.ts";
import { readJsonBody } from "../http/resources/read_body.ts";
import { writeBody } from "../http/resources/render.ts";
import { wireJson, wireReadyJson } from "../http/wire_json.ts";
import { federatedSearch } from "../indexing/federated_search.ts";
import { parseSearchRequest, type SearchLimits } from "../indexing/search_request.ts";
import { fetchIntoArchive } from "../ingest/fetch_item.ts";
import { resolveLocation } from "../newsroom/item_location.ts";
import { ARCHIVE_PRIVILEGE } from "../newsroom/privileges.ts";
import { type Actor, hasPrivilege, SYSTEM_ACTOR } from "../resources/actor.ts";
import { newObjectId } from "../resources/ids.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** The endpoint's name, which found items carry as their `fetch_endpoint`. */
export const PROXY_ENDPOINT = "search_providers_proxy";

/** Fields a found item carries for the client that are not archive fields. */
const PROXY_ONLY = ["_type", "fetch_endpoint", "_fetchable", "search_provider", "desk", "archived"];

const PROVIDER_ID = /^[0-9a-f]{24}$/;

type Ctx = Context<{ Variables: AuthVariables }>;

/** The router of `GET` and `POST /search_providers_proxy`. */
export function searchProvidersProxyRoutes(
  services: ServiceContext,
  { types, limits }: { types: () => readonly SearchProviderType[]; limits: SearchLimits },
): ApiApp {
  const routes: ApiApp = new Hono({ strict: false });
  const { registry } = services;

  /** The provider `repo` names and its type, checked for `actor`. */
  const providerOf = async (repo: string, actor: Actor) => {
    const provider = await registry.service("search_providers").findOne({ _id: repo });
    const type = types().find(({ search_provider }) =>
      search_provider === provider?.search_provider
    );
    if (!provider || !type) throw new BadRequestError(`Search provider "${repo}" not found`);
    if (provider.is_closed === true) {
      throw new BadRequestError(`Search provider "${provider.name ?? repo}" is closed`);
    }
    const privilege = `resource:search_providers:${repo}`;
    if (!hasPrivilege(actor, privilege)) {
      throw new ForbiddenError(`Insufficient privileges: "${privilege}" is required`, {
        issues: { privilege },
      });
    }
    return { provider, type };
  };

  routes.get(`/${PROXY_ENDPOINT}`, async (c) => {
    const actor = requireActor(c.get("actor"));
    const query = c.req.query();
    const repo = requiredRepo(query.repo);
    if (!PROVIDER_ID.test(repo)) {
      const request = parseSearchRequest({ get: (name) => query[name] ?? null }, limits, {
        federated: true,
      });
      return wireReadyJson(await federatedSearch(services, actor, request), 200);
    }
    const { provider, type } = await providerOf(repo, actor);
    const find = implemented(type, "find");
    const source = query.source ? jsonObject(query.source, "source") : { query: { filtered: {} } };
    const params = query.params ? jsonObject(query.params, "params") : {};
    const found = await asProviderCall(services, type, () => find(source, { params, provider }));
    if (!Array.isArray(found) || !found.every(isDoc)) {
      throw providerFailure(type, "its find answered something other than a list of items");
    }
    const now = new Date();
    const items = found.map((item) => withDefaults(item, repo, now));
    return wireJson({
      _items: items,
      _links: {
        parent: { title: "home", href: "/" },
        self: { title: PROXY_ENDPOINT, href: PROXY_ENDPOINT },
      },
      _meta: { page: 1, max_results: items.length, total: items.length },
    });
  });

  routes.post(`/${PROXY_ENDPOINT}`, async (c: Ctx) => {
    const actor = requireActor(c.get("actor"));
    if (!hasPrivilege(actor, ARCHIVE_PRIVILEGE)) {
      throw new ForbiddenError(`Insufficient privileges: "${ARCHIVE_PRIVILEGE}" is required`, {
        issues: { privilege: ARCHIVE_PRIVILEGE },
      });
    }
    const repo = requiredRepo(c.req.query("repo"));
    if (!PROVIDER_ID.test(repo)) {
      throw new BadRequestError("repo must be the id of the search provider to archive from");
    }
    const requests = fetchRequests(await readJsonBody(c.req.raw));
    const { provider, type } = await providerOf(repo, actor);
    const fetch = implemented(type, "fetch");
    const archive = registry.service("archive");
    // Whatever can refuse the request (the provider's items, the destinations) is asked before
    // anything is stored, so a failing provider or a bad desk leaves no item half the batch.
    const sources: Doc[] = [];
    for (const { guid, desk, stage } of requests) {
      await resolveLocation(registry, { desk, stage }, { actor, checkMembership: false });
      const item = await asProviderCall(services, type, () => fetch(guid, { provider }));
      if (!isDoc(item)) throw new BadRequestError(`Search provider item "${guid}" not found`);
      const source = withDefaults({ guid, ...item }, repo, new Date());
      for (const field of PROXY_ONLY) delete source[field];
      sources.push(source);
    }
    const created: Doc[] = [];
    for (const [index, source] of sources.entries()) {
      const { desk, stage } = requests[index]!;
      const stored = await fetchIntoArchive(services, source, {
        desk,
        stage,
        actor,
        ingestId: String(source._id),
      });
      created.push(archive.toPublic(stored.created));
    }
    // The items are stored: a provider removed meanwhile has nothing left to stamp.
    await registry.service("search_providers").update(repo, {
      last_item_update: new Date().toISOString(),
    }, {
      actor: SYSTEM_ACTOR,
    }).catch((error) => {
      if (!(error instanceof NotFoundError)) throw error;
    });
    const bodies = created.map((doc) => writeBody(archive.definition, doc));
    return wireJson(bodies.length === 1 ? bodies[0] : { _status: "OK", _items: bodies }, 201);
  });
  return routes;
}

/** `repo`, required (an empty one names the default repositories). */
function requiredRepo(repo: string | undefined): string {
  if (repo === undefined) throw new BadRequestError("repo is required", { issues: { repo: 1 } });
  return repo.trim().toLowerCase();
}

/** `{guid, desk, stage}` of a body that is one such object or a list of them. */
function fetchRequests(body: unknown): Array<{ guid: string; desk: unknown; stage: unknown }> {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) throw new BadRequestError("Nothing to archive");
  return list.map((entry) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new BadRequestError("Each item to archive must be an object {guid, desk, stage}");
    }
    const { guid, desk, stage } = entry as Doc;
    if (typeof guid !== "string" || guid === "") {
      throw new ValidationError({ guid: { required: 1 } });
    }
    if (typeof desk !== "string" || desk === "") {
      throw new BadRequestError("Destination desk cannot be empty.", {
        issues: { desk: { required: 1 } },
      });
    }
    return { guid, desk, stage };
  });
}

/** Superdesk's `_set_item_defaults`: what the client needs of an external item. */
function withDefaults(item: Doc, providerId: string, now: Date): Doc {
  return {
    _id: item.guid ?? newObjectId(),
    _type: "externalsource",
    type: "picture",
    pubstatus: "usable",
    firstcreated: now,
    versioncreated: now,
    fetch_endpoint: PROXY_ENDPOINT,
    ingest_provider: providerId,
    ...item,
  };
}

/** Type `type`'s `method`, or a 400 when its app does not implement it. */
function implemented<M extends "find" | "fetch">(
  type: SearchProviderType,
  method: M,
): NonNullable<SearchProviderType[M]> {
  const fn = type[method];
  if (!fn) {
    throw new BadRequestError(
      `Search provider type "${type.search_provider}" cannot ${
        method === "find" ? "search" : "archive"
      }: its app does not implement ${method}`,
    );
  }
  return fn as NonNullable<SearchProviderType[M]>; // bound to the app's object at registration
}

/**
 * Runs a provider's call; a failure that is not an HTTP error is logged and answered as a 502
 * naming the type, without the error's text (it may hold the provider's `config` credentials, a
 * URL with a password in it, that the searching user must not read).
 */
async function asProviderCall<T>(
  services: ServiceContext,
  type: SearchProviderType,
  call: () => Promise<T> | T,
) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    services.log.warn("search provider failed", { search_provider: type.search_provider, error });
    throw providerFailure(type, "its app raised an error (see the server log)");
  }
}

/** The 502 of a provider app that failed or broke its contract. */
function providerFailure(type: SearchProviderType, why: string): HttpError {
  return new HttpError(502, `Search provider "${type.search_provider}" failed: ${why}`);
}

function jsonObject(text: string, name: string): Doc {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequestError(`${name} is not valid JSON`, { issues: { [name]: 1 } });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError(`${name} must be a JSON object`, { issues: { [name]: 1 } });
  }
  return parsed as Doc;
}
