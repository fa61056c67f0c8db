/**
 * Item GET with `?version=N|all|diffs` on versioned resources (Eve's document versioning):
 * one version with `_latest_version`, or the paged list of all versions (oldest first), or
 * the diffs between consecutive versions.
 */
import { BadRequestError, NotFoundError } from "../../errors.ts";
import type { Actor } from "../../resources/actor.ts";
import type { ResourceService } from "../../resources/resource_service.ts";
import { versionDiffs } from "../../resources/versions.ts";
import { wireJson } from "../wire_json.ts";
import { type PagingLimits, parseMaxResults, parsePage } from "./parse_list_query.ts";
import { envelope, foundItemBody } from "./render.ts";

/** What `version` may be (a JSON Schema `pattern`): a number from 1, `all` or `diffs`. */
export const VERSION_PATTERN = "^(?:0*[1-9][0-9]*|all|diffs)$";
const VERSION = new RegExp(VERSION_PATTERN);

/** Renders the version view `params.get("version")` of item `id`. */
export async function itemVersionResponse(
  service: ResourceService,
  id: string,
  params: URLSearchParams,
  { actor, limits }: { actor: Actor; limits: PagingLimits },
): Promise<Response> {
  const definition = service.definition;
  const versions = service.versions!;
  const value = params.get("version")!;
  if (!VERSION.test(value)) {
    throw new BadRequestError(`Invalid "version": expected a number ≥ 1, "all" or "diffs"`);
  }
  const current = await service.getById(id, actor);
  const latest = current._current_version;
  if (value === "all" || value === "diffs") {
    const maxResults = parseMaxResults(params.get("max_results"), limits);
    const page = parsePage(params.get("page"));
    const { items, total } = await versions.list(id, {
      skip: (page - 1) * maxResults,
      limit: maxResults,
    });
    const shown = (value === "diffs" ? versionDiffs(items) : items).map((doc) => ({
      ...service.toPublic(doc),
      _latest_version: latest,
    }));
    return wireJson(envelope(shown, {
      href: `${definition.url}/${id}`,
      title: definition.title,
      page,
      maxResults,
      total,
      params,
      defaultMaxResults: limits.paginationDefault,
    }));
  }
  const doc = await versions.get(id, Number(value));
  if (!doc) throw new NotFoundError(`Version ${value} of ${definition.name} "${id}" not found`);
  const body = { ...foundItemBody(definition, service.toPublic(doc)), _latest_version: latest };
  return wireJson(body, 200, { ETag: `"${doc._etag}"` });
}
