/**
 * Delivery to the content API (Superdesk's `EnqueueService.publish_content_api`): every routed
 * copy of a publishing action is handed to the content API's store (the `items` resource of the
 * content API app, `src/content_api/`) with the ids of the subscribers it reached through their
 * api products — an empty list too, as Superdesk does — unless a content filter marked
 * `api_block` matches it (Superdesk's `PublishService._filter_item`). Without that app (Superdesk's
 * `CONTENTAPI_ENABLED` off) nothing is stored. Publishing knows the store by its resource name
 * only, so the content API app depends on publishing and not the other way round.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ResourceService } from "../resources/resource_service.ts";
import type { Doc } from "../storage/document_store.ts";
import type { Route } from "./subscriber_routing.ts";
import type { ContentFiltersService } from "./content_filters_service.ts";
import { matchesContentFilter } from "./content_filter_match.ts";

/** The destination of Superdesk's content API queue entries (`get_destinations`). */
export const CONTENT_API_DESTINATION: Readonly<Doc> = Object.freeze({
  name: "content api",
  delivery_type: "content_api",
  format: "ninjs",
});

/** The content API's store: the resource that keeps the items its consumers read. */
export const CONTENT_API_ITEMS = "items";

/** What publishing asks of the content API's store. */
export interface ContentApiStore extends ResourceService {
  /** Stores each copy (a published copy) for its `subscribers` (ids), in order; idempotent. */
  publishItems(entries: ReadonlyArray<{ copy: Doc; subscribers: string[] }>): Promise<void>;
}

/** Whether a queue entry's destination is the content API. */
export function isContentApi(destination: unknown): boolean {
  return (destination as Doc | undefined)?.delivery_type === "content_api";
}

/** Stores each copy in the content API for the subscribers its routes reach through the API. */
export async function deliverToContentApi(
  registry: ResourceRegistry,
  routed: ReadonlyArray<{ copy: Doc; routes: readonly Route[] }>,
): Promise<void> {
  if (!registry.has(CONTENT_API_ITEMS)) return;
  const store = registry.service<ContentApiStore>(CONTENT_API_ITEMS);
  const filters = await registry.service<ContentFiltersService>("content_filters").filterSet();
  const blocking = [...filters.contentFilters.values()].filter((f) => f.api_block === true);
  const allowed = routed.filter(({ copy }) =>
    !blocking.some((filter) => matchesContentFilter(filter, copy, filters))
  );
  if (allowed.length === 0) return;
  await store.publishItems(allowed.map(({ copy, routes }) => ({
    copy,
    subscribers: routes.filter((route) => route.api).map((route) => String(route.subscriber._id)),
  })));
}
