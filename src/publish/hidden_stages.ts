/**
 * Published and archived lists hide the items on stages the user cannot see (Superdesk's
 * `get_content_filter`, their `elastic_filter_callback`): the user's `invisible_stages`, kept on
 * the user document (`newsroom/invisible_stages.ts`), or worked out as Superdesk's
 * `get_invisible_stages_ids` does when the document has none.
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
  const user = await registry.service("users").findOne({ _id: actor.userId }, undefined, {
    projection: { invisible_stages: 1 },
  });
  if (Array.isArray(user?.invisible_stages)) return user.invisible_stages.map(String);
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
