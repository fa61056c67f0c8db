/**
 * `search_capi` (Superdesk's `content_api.search` `SearchService`): the newsroom's search of the
 * content API's items, for users with the `search_capi` privilege. It takes the consumer
 * endpoint's parameters (`consumer_query.ts`: `q`, `filter`, codes, dates, field lists) and
 * `subscribers` (one subscriber's items), searches the `items` index through the items service
 * (packages left out, newest `versioncreated` first), and shows each item as Superdesk's search
 * does (`search_capi_item.ts`).
 */
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Doc, Filter, Projection } from "../storage/document_store.ts";
import { withFieldLists } from "./consumer_item.ts";
import { consumerQuery } from "./consumer_query.ts";
import { searchCapiItem } from "./search_capi_item.ts";

/** The `search_capi` service. */
export class SearchCapiService extends ResourceService {
  /** One page of the search; every query parameter is read from `query.args`. */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const params = new URLSearchParams(query.args ?? {});
    const { list, include, exclude } = consumerQuery(params, this.ctx.config, { newsroom: true });
    const result = await this.#items().find(list, actor);
    const subscriber = params.get("subscribers") || undefined;
    return {
      ...result,
      items: result.items.map((doc) =>
        withFieldLists(searchCapiItem(doc, subscriber), { include, exclude, kept: "_id" })
      ),
    };
  }

  /** An item of the store as the search shows it (no subscriber named: no associations). */
  override async findOne(
    filter: Filter,
    actor: Actor = SYSTEM_ACTOR,
    options: { projection?: Projection } = {},
  ): Promise<Doc | null> {
    const doc = await this.#items().findOne(filter, actor, options);
    return doc && searchCapiItem(doc, undefined);
  }

  #items() {
    return this.ctx.registry.service("items");
  }
}
