/**
 * The `news` resource (Superdesk's `apps/archive/news.py`): a read-only view of every archive
 * item whatever its state (published, killed ... included, which `archive` lists leave to
 * `published`), never-saved drafts excepted, under the archive's visibility rules. Items link to
 * themselves in `archive`. Its lists read the document store, like `workqueue`; a list with
 * `source=` (an Elasticsearch body, what the web client's personal space sends) is searched in the
 * archive's index with the same filter (`archive_view_routes.ts`).
 */
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { defineResource, type ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Filter } from "../storage/document_store.ts";
import { archiveResource } from "./archive_resource.ts";
import { VisibilityScopes, visibleItemsFilter } from "./archive_visibility.ts";

/** Superdesk's `elastic_filter` of news, `must_not: {term: {version: 0}}`: drafts never saved
 * are not news yet. */
export const NEWS_FILTER: Filter = { _current_version: { $ne: 0 } };

/** The `news` definition: lists only (Superdesk's `item_methods = []`). */
export const newsResource = defineResource({
  name: "news",
  nouns: { one: "news item", many: "news items" },
  schema: archiveResource.schema,
  resourceMethods: ["GET"],
  itemMethods: [],
  datasource: {
    source: "archive",
    filter: NEWS_FILTER,
    defaultSort: [["_updated", -1]],
  },
  itemHref: "/archive/{_id}",
  itemLinkTitle: "Archive",
});

/** Lists archive items as `archive` would show them to `actor`, in any state. */
export class NewsService extends ResourceService {
  #scopes: VisibilityScopes;

  constructor(definition: ResourceDefinition, ctx: ServiceContext) {
    super(definition, ctx);
    this.#scopes = new VisibilityScopes(ctx.registry);
  }

  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    return await super.find(query, await this.#scopes.scoped(actor));
  }

  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system") return undefined;
    return visibleItemsFilter(this.#scopes.scopeOf(actor));
  }
}
