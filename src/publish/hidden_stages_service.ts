/**
 * The base of the `published` and `archived` services (Superdesk's `PublishedItemService`, which
 * `ArchivedService` extends): their lists and searches leave out the copies on stages hidden from
 * the user (`hidden_stages.ts`).
 */
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ListQuery, ListResult } from "../resources/list_query.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { Filter } from "../storage/document_store.ts";
import { andFilters, hiddenStagesFilter } from "./hidden_stages.ts";

export class HiddenStagesService extends ResourceService {
  /** Lists hide the copies on stages the user cannot see. */
  override async find(query: ListQuery, actor: Actor = SYSTEM_ACTOR): Promise<ListResult> {
    const hidden = await hiddenStagesFilter(this.ctx.registry, actor);
    if (!hidden) return await super.find(query, actor);
    return await super.find({ ...query, filter: andFilters(query.filter, hidden) }, actor);
  }

  /** So do searches (`/api/search?repo=published,archived`, a list's `source`). */
  override async searchFilter(actor: Actor): Promise<Filter> {
    return andFilters(
      await super.searchFilter(actor),
      await hiddenStagesFilter(this.ctx.registry, actor),
    );
  }
}
