/**
 * What content expiry does to an expired item's published copies (Superdesk's
 * `RemoveExpiredContent._move_to_archived` and its killed-items branch): they move to `archived`
 * (unless an archived filter matches the item, or the item was killed or taken down), then
 * leave `published` with their publish queue entries. Every step may be repeated: copies
 * already in `archived` are not copied twice, so a run cut short is finished by the next.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchivedService } from "./archived_service.ts";
import { type FilterSet, matchesContentFilter } from "./content_filter_match.ts";
import type { ContentFiltersService } from "./content_filters_service.ts";
import type { PublishedService } from "./published_service.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";

/** States whose copies are never archived (Superdesk's killed and recalled). */
export const KILLED_STATES: ReadonlySet<string> = new Set(["killed", "recalled"]);

/** The archived filters (`is_archived_filter`) and what they refer to, read once per run. */
export interface ArchivedFilters {
  filters: Doc[];
  set: FilterSet;
}

/** Reads the content filters flagged `is_archived_filter` (and every filter and condition). */
export async function loadArchivedFilters(registry: ResourceRegistry): Promise<ArchivedFilters> {
  const set = await registry.service<ContentFiltersService>("content_filters").filterSet();
  const filters = [...set.contentFilters.values()].filter((filter) =>
    filter.is_archived_filter === true
  );
  return { filters, set };
}

/** Superdesk's `_conforms_to_archived_filter`: no archived filter matches `item`. */
export function conformsToArchived(item: Doc, { filters, set }: ArchivedFilters): boolean {
  return !filters.some((filter) => matchesContentFilter(filter, item, set));
}

/**
 * Takes item `itemId`'s published copies out of production: into `archived` when `archive`,
 * then out of `published` and the publish queue. Returns how many copies there were.
 */
export async function retirePublishedCopies(
  registry: ResourceRegistry,
  itemId: string,
  { archive }: { archive: boolean },
): Promise<number> {
  const published = registry.service<PublishedService>("published");
  const copies = await published.copiesOf(itemId);
  if (copies.length > 0 && archive) {
    await registry.service<ArchivedService>("archived").archiveCopies(copies);
  }
  for (const copy of copies) await published.discard(String(copy._id));
  await registry.service<PublishQueueService>("publish_queue").removeWhere({ item_id: itemId });
  return copies.length;
}
