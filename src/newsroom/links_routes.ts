/**
 * `GET /api/links?where={"guid": ..., "uri": ...}` (Superdesk's `apps/links.py`): the archive
 * items that embed an item, found by their `refs` (`item_refs.ts`): a ref whose `uri` is the
 * `uri` (or, without one, the `guid`), or whose `_id` or `guid` is the `guid`. Items at version
 * 0 (never saved) are left out; the archive's visibility and paging apply.
 */
import { callerOf, createRouter } from "../app_api.ts";
import { BadRequestError } from "../errors.ts";
import { wireReadyJson } from "../http/wire_json.ts";
import { sourceList, type SourceRouteDeps } from "../indexing/source_list.ts";
import { isDoc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";

/** The search body of `where` (the request's JSON); a 400 without a string `guid`. */
export function linksQuery(where: string | null): Record<string, unknown> {
  let params: unknown;
  try {
    params = where ? JSON.parse(where) : undefined;
  } catch {
    throw new BadRequestError("Invalid where: not JSON", { issues: { where } });
  }
  const guid = isDoc(params) ? params.guid : undefined;
  if (typeof guid !== "string" || guid === "") {
    throw new BadRequestError('Links need where={"guid": ...}', { issues: { where: "guid" } });
  }
  const uri = isDoc(params) && typeof params.uri === "string" && params.uri ? params.uri : guid;
  return {
    query: {
      bool: {
        should: [
          { term: { "refs.uri": uri } },
          { term: { "refs._id": guid } },
          { term: { "refs.guid": guid } },
        ],
        minimum_should_match: 1,
        must_not: [{ term: { version: 0 } }],
      },
    },
  };
}

/** Builds the router. */
export function linksRoutes({ registry, search, limits }: SourceRouteDeps) {
  const routes = createRouter();
  routes.get("/links", async (c) => {
    const actor = callerOf(c);
    const url = new URL(c.req.url);
    const source = JSON.stringify(linksQuery(url.searchParams.get("where")));
    const params = {
      get: (name: string) => name === "source" ? source : url.searchParams.get(name),
    };
    const archive = registry.service<ArchiveService>("archive");
    const deps = { registry, search, scopeOf: () => archive.visibleInSearch(actor) };
    const body = await sourceList(deps, archive.definition, actor, params, { limits });
    body._links = {
      parent: { title: "home", href: "/" },
      self: { title: "links", href: "links" },
    };
    return wireReadyJson(body, 200);
  });
  return routes;
}
