/**
 * Published and archived lists hide the items on stages the user cannot see (Superdesk's
 * `get_content_filter`, their `elastic_filter_callback`): the stages the archive's visibility
 * hides (`visibilityScope`: invisible stages of desks the user is not a member of, what
 * Superdesk's `get_invisible_stages_ids` works out and keeps on the user as `invisible_stages`),
 * so a search over archive, published and archived reads them once.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Filter } from "../storage/document_store.ts";
import { visibilityScope } from "../newsroom/archive_visibility.ts";

/** The stages hidden from `actor` (none for the system). */
async function hiddenStagesOf(
  registry: ResourceRegistry,
  actor: Actor,
): Promise<string[]> {
  if (actor.kind !== "user" || !actor.userId) return [];
  return (await visibilityScope(registry, actor)).hiddenStageIds;
}

/** The filter leaving out the items on stages hidden from `actor`, if any are. */
export async function hiddenStagesFilter(
  registry: ResourceRegistry,
  actor: Actor,
): Promise<Filter | undefined> {
  const stages = await hiddenStagesOf(registry, actor);
  return stages.length > 0 ? { "task.stage": { $nin: stages } } : undefined;
}

/** `filter` and `more` together (either may be absent). */
export function andFilters(filter: Filter | undefined, more: Filter | undefined): Filter {
  if (!more) return filter ?? {};
  return filter && Object.keys(filter).length > 0 ? { $and: [filter, more] } : more;
}
