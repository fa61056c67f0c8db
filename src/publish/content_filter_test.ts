/**
 * `POST /api/content_filters/test` (Superdesk's `ContentFilterTestService`): a content filter,
 * stored (`filter_id`) or given (`filter`), tried on one item (`article_id`, looked up in
 * `archive`, then `ingest`: `match_results` is true or false) or on the archive (the 200 newest
 * items the caller can see in the archive's working states that match it, or with
 * `return_matching: false` that do not; a spiked item never matches, as in Superdesk's query).
 * Matching is the publishing matcher's (`content_filter_match.ts`); the archive is read newest
 * first, a page at a time, until 200 are found.
 */
import { BadRequestError } from "../errors.ts";
import { type Actor, hasPrivilege } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { type FilterSet, matchesContentFilter } from "./content_filter_match.ts";
import type { ContentFiltersService } from "./content_filters_service.ts";

/** How many items a test of the archive answers with (Superdesk's `size`). */
const RESULTS = 200;
const PAGE = 200;

/** One test as posted. */
export interface FilterTest {
  filter_id?: string;
  article_id?: string;
  return_matching?: boolean;
  filter?: Doc;
}

/** Runs `test` for `actor`; returns its `match_results`. */
export async function testContentFilter(
  { registry, documents }: { registry: ResourceRegistry; documents: DocumentStore },
  test: FilterTest,
  actor: Actor,
): Promise<boolean | Doc[]> {
  const filters = registry.service<ContentFiltersService>("content_filters");
  const filter = test.filter_id ? await filters.findOne({ _id: test.filter_id }) : test.filter;
  if (!filter) throw new BadRequestError("Content filter not found");
  const set = await filters.filterSet();
  if (test.article_id !== undefined) {
    const article = await findArticle(registry, test.article_id, actor);
    if (!article) throw new BadRequestError("Article not found!");
    assertStatements(filter, "article");
    return matchesContentFilter(filter, article, set);
  }
  assertStatements(filter, "archive");
  return await archiveResults({ registry, documents }, filter, set, {
    matching: test.return_matching ?? true,
    actor,
  });
}

/** The item in `archive` (as `actor` sees it), else in `ingest` (when `actor` may read it). */
async function findArticle(
  registry: ResourceRegistry,
  id: string,
  actor: Actor,
): Promise<Doc | null> {
  const article = await registry.service<ArchiveService>("archive").findOne({ _id: id }, actor);
  if (article || !registry.has("ingest")) return article;
  const ingest = registry.service("ingest");
  const privilege = ingest.definition.privileges.GET;
  if (privilege && !hasPrivilege(actor, privilege)) return null;
  return await ingest.findOne({ _id: id }, actor);
}

/**
 * Superdesk refuses a statement without an expression (`_does_match`), and answers any other
 * error of the test as a 400: here, references that are not lists of ids.
 */
function assertStatements(filter: Doc, what: "article" | "archive") {
  const statements = filter.content_filter ?? [];
  if (!Array.isArray(statements)) {
    throw new BadRequestError(`Error in testing ${what}: content_filter must be a list`);
  }
  statements.forEach((statement, index) => {
    const expression = (statement as Doc | null)?.expression;
    if (!expression || typeof expression !== "object") {
      throw new BadRequestError(
        `Error in testing ${what}: Filter statement ${index + 1} does not have a filter condition`,
      );
    }
    for (const key of ["fc", "pf"]) {
      const ids = (expression as Doc)[key];
      if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === "string"))) {
        throw new BadRequestError(
          `Error in testing ${what}: ${key} of filter statement ${index + 1} must be a list of ids`,
        );
      }
    }
  });
}

/** The newest archive items that match `filter` (or, not `matching`, that do not). */
async function archiveResults(
  { registry, documents }: { registry: ResourceRegistry; documents: DocumentStore },
  filter: Doc,
  set: FilterSet,
  { matching, actor }: { matching: boolean; actor: Actor },
): Promise<Doc[]> {
  const archive = registry.service<ArchiveService>("archive");
  const scope = await archive.searchFilter(actor);
  const found: Doc[] = [];
  for (let skip = 0; found.length < RESULTS; skip += PAGE) {
    const page = await documents.collection(archive.definition.datasource.source).find(scope, {
      sort: [["versioncreated", -1], ["_id", -1]],
      skip,
      limit: PAGE,
    });
    for (const item of page) {
      const matches = item.state !== "spiked" && matchesContentFilter(filter, item, set);
      if (matches === matching) found.push(archive.toPublic(item));
      if (found.length === RESULTS) break;
    }
    if (page.length < PAGE) break;
  }
  return found;
}
