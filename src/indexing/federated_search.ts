/**
 * `GET /api/search` (Superdesk's `SearchService`): one search over several search-backed
 * resources at once. Each requested repo must be a registered search-backed resource the user
 * may GET; each contributes its own scope filter (datasource filter, soft delete, the service's
 * visibility filter), joined per resource so one resource's filter never hides another's
 * documents. Hits come back in Superdesk's envelope with `_type` naming the resource.
 * Superdesk's own repositories (`ingest`, `archive`, `published`, `archived`) may always be
 * named: one no module registers (publishing or ingest not installed) holds nothing, so it adds
 * no hits rather than failing the search (the web client's desk output card asks for
 * `archive,published`). `projections` always keep `_id`, `_etag` and what each resource's
 * public view is made from (`publicSourceFields`).
 */
import { BadRequestError, ForbiddenError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import { itemTitle, type ResourceDefinition } from "../resources/resource_definition.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { ResourceService } from "../resources/resource_service.ts";
import { withSharedReads } from "../resources/shared_reads.ts";
import { whereToDsl } from "../search/elastic/where_to_dsl.ts";
import { addFilters, perResourceFilter, type QueryClause } from "../search/search_body.ts";
import type { SearchBody, SearchIndex } from "../search/search_index.ts";
import type { Doc } from "../storage/document_store.ts";
import { resourceMapping } from "./resource_mapping.ts";
import { HTML_ORIGINALS, wireDocFromSearchSource, withOriginals } from "./search_doc.ts";
import { commonAggregations, highlightOnOriginals, highlightSpec } from "./search_extras.ts";
import type { SearchRequest } from "./search_request.ts";
import { flatText } from "../text/flat_text.ts";

/** Superdesk's default repositories (`superdesk/es_utils.py` REPOS). */
export const DEFAULT_REPOS = ["ingest", "archive", "published", "archived"];

/**
 * Runs `request` for `actor`; returns the response body in wire form (dates already RFC 1123
 * strings, no `Date` left), so it is serialised as it is.
 */
export function federatedSearch(
  deps: SearchDeps,
  actor: Actor,
  request: SearchRequest,
): Promise<Record<string, unknown>> {
  const targets = chooseRepos(deps.registry, actor, request.repos);
  if (targets.length === 0) return Promise.resolve(emptyResult(request));
  const { inTrace } = deps;
  if (targets.every(({ service }) => searchesWithBaseMethods(service))) {
    return searchTargets(deps, actor, request, targets);
  }
  // The resources' scopes share their lookups (the user's desks and hidden stages): one read.
  const searching = withSharedReads(actor);
  return inTrace
    ? inTrace(() => searchTargets(deps, searching, request, targets))
    : searchTargets(deps, searching, request, targets);
}

/** What `federatedSearch` needs. */
export interface SearchDeps {
  registry: ResourceRegistry;
  search: SearchIndex;
  /**
   * For a caller running without the request's trace current (`request_trace.ts`'s
   * `scopeFree`): runs `fn` with it current. The search runs in it when a service involved
   * overrides `searchFilter`, `toPublic` or `publicSourceFields` (an override may read other
   * resources, whose hooks may enqueue, notify or open spans); the base methods read nothing.
   */
  inTrace?: <T>(fn: () => T) => T;
  /**
   * The scope of a resource's documents for `actor` in place of its service's `searchFilter`:
   * for a resource searched in another's index with its own filter (`/api/tasks` in archive's).
   */
  scopeOf?: (definition: ResourceDefinition, actor: Actor) => Promise<Record<string, unknown>>;
}

const BASE = ResourceService.prototype;

/** Whether `service` does the search's per-resource work with the base methods alone. */
function searchesWithBaseMethods(service: ResourceService): boolean {
  return service.searchFilter === BASE.searchFilter && service.toPublic === BASE.toPublic &&
    service.publicSourceFields === BASE.publicSourceFields;
}

/** The search itself, over `targets` (at least one). */
async function searchTargets(
  deps: SearchDeps,
  actor: Actor,
  request: SearchRequest,
  targets: Target[],
): Promise<Record<string, unknown>> {
  const filters: Record<string, QueryClause | undefined> = {};
  for (const { definition, service } of targets) {
    const where = await (deps.scopeOf?.(definition, actor) ?? service.searchFilter(actor));
    filters[definition.name] = Object.keys(where).length ? whereToDsl(where) : undefined;
  }
  const perResource = perResourceFilter(filters);
  let body = perResource ? addFilters(request.body, [perResource]) : request.body;
  if (request.aggregations && !body.aggs && !body.aggregations) {
    body = { ...body, aggs: commonAggregations(targets.map((t) => resourceMapping(t.definition))) };
  }
  if (request.highlight && !body.highlight) {
    body = { ...body, highlight: highlightSpec(targets.map((t) => resourceMapping(t.definition))) };
  }
  if (Array.isArray(body._source)) {
    const kept = targets.flatMap((t) => t.service.publicSourceFields());
    body = {
      ...body,
      _source: [...new Set([...body._source as string[], "_id", "_etag", ...kept])],
    };
  }
  const byName = new Map(targets.map((t) => [t.definition.name, t]));
  const result = await deps.search.search([...byName.keys()], withOriginals(body));
  const items = result.hits.map((hit) => {
    const { definition, service } = byName.get(hit._resource)!;
    const originals = hit._source[HTML_ORIGINALS] as Doc | undefined;
    const doc: Doc = service.toPublic(wireDocFromSearchSource(definition, hit._source));
    doc._type = definition.name;
    const href = flatText(definition.url, "/", hit._id);
    doc._links = { self: { title: titleOf(definition), href } };
    if (request.highlight && hit.highlight) {
      doc.es_highlight = originals
        ? highlightOnOriginals(hit.highlight, originals, body.highlight)
        : hit.highlight;
    }
    return doc;
  });
  const response = envelope(body, items, result.total);
  if (request.aggregations || result.aggregations) {
    response._aggregations = result.aggregations ?? {};
  }
  return response;
}

/** A resource a search covers. */
interface Target {
  definition: ResourceDefinition;
  service: ReturnType<ResourceRegistry["service"]>;
}

/** The resources to search: the requested repos (checked) or the permitted defaults. */
export function chooseRepos(
  registry: ResourceRegistry,
  actor: Actor,
  requested: string[],
): Target[] {
  if (!requested.length) {
    const searchable = searchableTargets(registry);
    const defaults = searchable.filter((t) => DEFAULT_REPOS.includes(t.definition.name));
    return (defaults.length ? defaults : searchable).filter((t) => mayRead(actor, t.definition));
  }
  const targets: Target[] = [];
  for (const name of new Set(requested)) {
    const service = registry.has(name) ? registry.service(name) : undefined;
    if (!service || !isSearchable(service.definition)) {
      if (!service && DEFAULT_REPOS.includes(name)) continue;
      const names = searchableTargets(registry).map((t) => t.definition.name);
      throw new BadRequestError(
        `Unknown repo "${name}": searchable repos are ${names.join(", ") || "none"}`,
        { issues: { repo: name } },
      );
    }
    const definition = service.definition;
    if (!mayRead(actor, definition)) {
      throw new ForbiddenError(
        `Insufficient privileges to search "${name}": "${definition.privileges.GET}" is required`,
      );
    }
    targets.push({ definition, service });
  }
  return targets;
}

function searchableTargets(registry: ResourceRegistry): Target[] {
  return registry.services().filter((service) => isSearchable(service.definition))
    .map((service) => ({ definition: service.definition, service }));
}

function isSearchable(definition: ResourceDefinition): boolean {
  return definition.searchBacked && !definition.internal;
}

function mayRead(actor: Actor, definition: ResourceDefinition): boolean {
  return definition.resourceMethods.includes("GET") &&
    (!definition.privileges.GET || hasPrivilege(actor, definition.privileges.GET));
}

const titles = new WeakMap<ResourceDefinition, string>();

/** The `_links.self.title` of `definition`'s hits (its item title). */
function titleOf(definition: ResourceDefinition): string {
  let title = titles.get(definition);
  if (title === undefined) titles.set(definition, title = itemTitle(definition));
  return title;
}

/** The answer when every requested repository is one nothing fills yet. */
function emptyResult(request: SearchRequest): Record<string, unknown> {
  const response = envelope(request.body, [], 0);
  if (request.aggregations) response._aggregations = {};
  return response;
}

/** Superdesk's search envelope around `items`. */
function envelope(body: SearchBody, items: Doc[], total: number): Record<string, unknown> {
  const size = Number(body.size);
  return {
    _items: items,
    _links: { parent: { title: "home", href: "/" }, self: { title: "search", href: "search" } },
    _meta: {
      page: size > 0 ? Math.floor(Number(body.from ?? 0) / size) + 1 : 1,
      max_results: size,
      total,
    },
  };
}
