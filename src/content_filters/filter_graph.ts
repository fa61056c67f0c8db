/**
 * Loading the content filters a set of ids reaches (nested filters included) and their filter
 * conditions, in as few reads as the nesting depth, for `filterMatches`.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ContentFilter, FilterGraph } from "./content_filter_match.ts";
import { referencedIds } from "./content_filter_match.ts";
import type { FilterCondition } from "./filter_condition_match.ts";

/** The graph of filters `ids` and everything they reference. */
export async function loadFilterGraph(
  registry: ResourceRegistry,
  ids: readonly string[],
): Promise<FilterGraph> {
  const filters = new Map<string, ContentFilter>();
  const conditions = new Map<string, FilterCondition>();
  const conditionIds = new Set<string>();
  let wanted = [...new Set(ids)];
  for (let depth = 0; wanted.length && depth < 10; depth++) {
    const found = await registry.service("content_filters").find({
      filter: { _id: { $in: wanted } },
      page: 1,
      maxResults: wanted.length,
      skipCount: true,
    });
    const next = new Set<string>();
    for (const doc of found.items) {
      const filter = doc as ContentFilter;
      filters.set(String(doc._id), filter);
      const refs = referencedIds(filter);
      refs.fc.forEach((id) => conditionIds.add(id));
      refs.pf.filter((id) => !filters.has(id)).forEach((id) => next.add(id));
    }
    wanted = [...next];
  }
  if (conditionIds.size) {
    const found = await registry.service("filter_conditions").find({
      filter: { _id: { $in: [...conditionIds] } },
      page: 1,
      maxResults: conditionIds.size,
      skipCount: true,
    });
    for (const doc of found.items) {
      conditions.set(String(doc._id), doc as unknown as FilterCondition);
    }
  }
  return { filters, conditions };
}
