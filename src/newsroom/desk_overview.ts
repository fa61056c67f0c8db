/**
 * A desk's overview (Superdesk's `desk_overview`, `GET|POST /api/desks/<id|all>/overview/<kind>`):
 * `stages` counts the items in the workflow per stage, optionally narrowed by text `filters`
 * (`{"slugline": ["a", "b"], "headline": [...], "byline": [...]}`, any of them matching);
 * `users` groups the desk's members by role with how many items each holds locked. Counts come
 * from the search index's aggregations, limited to what the caller may see.
 */
import { BadRequestError } from "../errors.ts";
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { whereToDsl } from "../search/elastic/where_to_dsl.ts";
import type { SearchIndex } from "../search/search_index.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { ARCHIVE_SEARCH_STATES } from "./item_state.ts";

/** States an item has left the desk's workflow in (Superdesk's overview leaves them out). */
const DONE_STATES = ["published", "spiked", "killed", "corrected", "scheduled", "recalled"];

/** Fields `filters` may match. */
const FILTER_FIELDS = new Set(["slugline", "headline", "byline"]);

/** Most buckets an overview answers (Superdesk's SIZE_MAX). */
const SIZE = 1000;

type Clause = Record<string, unknown>;

/** What an overview needs. */
export interface OverviewDeps {
  registry: ResourceRegistry;
  search: SearchIndex;
}

/** The overview `_items` of `kind` for desk `deskId` (or `"all"`). */
export async function deskOverview(
  deps: OverviewDeps,
  actor: Actor,
  { deskId, kind, filters }: { deskId: string; kind: string; filters?: unknown },
): Promise<Doc[]> {
  if (deskId !== "all") await deps.registry.service("desks").getById(deskId, actor);
  if (kind === "stages") return await stagesOverview(deps, actor, deskId, filters);
  if (kind === "users") return await usersOverview(deps, actor, deskId);
  throw new BadRequestError(`Invalid overview aggregation type: ${kind}`);
}

async function stagesOverview(deps: OverviewDeps, actor: Actor, deskId: string, filters: unknown) {
  // Stage counts include others' drafts, as Superdesk's (which counts every item there).
  const filter: Clause[] = [await visible(deps, actor, { othersDrafts: true })];
  if (deskId !== "all") filter.push({ term: { "task.desk": deskId } });
  const matches = textFilters(filters);
  if (matches.length > 0) filter.push({ bool: { should: matches, minimum_should_match: 1 } });
  const buckets = await termCounts(deps, "task.stage", {
    filter,
    must_not: [{ terms: { state: DONE_STATES } }, { term: { version: 0 } }],
  });
  return buckets.map(({ key, count }) => ({ count, stage: key }));
}

async function usersOverview(deps: OverviewDeps, actor: Actor, deskId: string) {
  const desks = await deps.registry.service("desks").find({
    filter: deskId === "all" ? {} : { _id: deskId },
    page: 1,
    maxResults: SIZE,
    projection: { members: 1 },
    skipCount: true,
  });
  const members = [
    ...new Set(desks.items.flatMap((desk) => listOf(desk.members).map((m) => String(m.user)))),
  ];
  if (members.length === 0) return [];
  const users = await deps.registry.service("users").find({
    filter: { _id: { $in: members } },
    page: 1,
    maxResults: members.length,
    projection: { role: 1 },
    skipCount: true,
  });
  const filter: Clause[] = [
    await visible(deps, actor),
    { terms: { state: [...ARCHIVE_SEARCH_STATES] } },
    { terms: { lock_user: members } },
  ];
  if (deskId !== "all") filter.push({ term: { "task.desk": deskId } });
  const locked = new Map(
    (await termCounts(deps, "lock_user", { filter, must_not: [{ term: { version: 0 } }] }))
      .map(({ key, count }) => [key, count]),
  );
  const byRole = new Map<string, { role: unknown; authors: Record<string, Doc> }>();
  for (const user of users.items) {
    const role = user.role ?? null;
    const entry = byRole.get(String(role)) ?? { role, authors: {} };
    entry.authors[String(user._id)] = { assigned: 0, locked: locked.get(String(user._id)) ?? 0 };
    byRole.set(String(role), entry);
  }
  return [...byRole.values()];
}

/** The caller's view of the archive as a search clause (`othersDrafts`: counting those too). */
async function visible(
  deps: OverviewDeps,
  actor: Actor,
  { othersDrafts = false }: { othersDrafts?: boolean } = {},
): Promise<Clause> {
  const archive = deps.registry.service<ArchiveService>("archive");
  const where = othersDrafts
    ? await archive.overviewFilter(actor)
    : await archive.searchFilter(actor);
  return Object.keys(where).length > 0 ? whereToDsl(where) : { match_all: {} };
}

/** `match` clauses for the request's `filters`, refusing fields it does not know. */
function textFilters(filters: unknown): Clause[] {
  if (filters === undefined || filters === null) return [];
  if (typeof filters !== "object" || Array.isArray(filters)) {
    throw new BadRequestError("filters must be a dict", {
      issues: { filters: "must be of dict type" },
    });
  }
  const clauses: Clause[] = [];
  for (const [field, texts] of Object.entries(filters)) {
    if (!FILTER_FIELDS.has(field) || !Array.isArray(texts)) {
      throw new BadRequestError(`Unknown overview filter "${field}"`, {
        issues: { filters: { [field]: "unknown field" } },
      });
    }
    for (const text of texts) clauses.push({ match: { [field]: String(text) } });
  }
  return clauses;
}

/** Document counts per value of `field` among the archive items matching `bool`. */
async function termCounts(
  deps: OverviewDeps,
  field: string,
  bool: Clause,
): Promise<Array<{ key: string; count: number }>> {
  const result = await deps.search.search(["archive"], {
    size: 0,
    query: { bool },
    aggs: { overview: { terms: { field, size: SIZE } } },
  });
  const overview = result.aggregations?.overview as { buckets?: Doc[] } | undefined;
  return (overview?.buckets ?? []).map((bucket) => ({
    key: String(bucket.key),
    count: Number(bucket.doc_count),
  }));
}

function listOf(value: unknown): Doc[] {
  return Array.isArray(value) ? value : [];
}
