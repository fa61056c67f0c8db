/**
 * Evaluating a content filter (Superdesk's `ContentFilterService.does_match`): a filter is a list
 * of statements joined by OR; a statement's `expression` joins its filter conditions (`fc`) and
 * nested content filters (`pf`) by AND. No filter matches everything. Lookups are synchronous
 * maps the caller loads first (`loadFilterGraph`), so one routing pass reads each filter once.
 * Shared with publishing (subscriber and API-block filters).
 */
import { conditionMatches, type FilterCondition } from "./filter_condition_match.ts";

/** A stored content filter. */
export interface ContentFilter {
  _id?: string;
  name?: string;
  content_filter?: { expression?: { fc?: string[]; pf?: string[] } }[];
}

/** Filter conditions and content filters by id. */
export interface FilterGraph {
  conditions: ReadonlyMap<string, FilterCondition>;
  filters: ReadonlyMap<string, ContentFilter>;
}

/** True when `item` passes `filter` (null or undefined: every item passes). */
export function filterMatches(
  filter: ContentFilter | null | undefined,
  item: Record<string, unknown>,
  graph: FilterGraph,
  depth = 0,
): boolean {
  if (!filter) return true;
  if (depth > 10) throw new Error(`Content filter "${filter.name}" nests too deeply (a cycle?)`);
  for (const statement of filter.content_filter ?? []) {
    const expression = statement.expression ?? {};
    const conditionsHold = (expression.fc ?? []).every((id) => {
      const condition = graph.conditions.get(id);
      return condition !== undefined && conditionMatches(condition, item);
    });
    if (!conditionsHold) continue;
    const filtersHold = (expression.pf ?? []).every((id) => {
      const nested = graph.filters.get(id);
      return nested !== undefined && filterMatches(nested, item, graph, depth + 1);
    });
    if (filtersHold) return true;
  }
  return false;
}

/** Every condition and filter id `filter` refers to, nested filters included. */
export function referencedIds(filter: ContentFilter): { fc: string[]; pf: string[] } {
  const fc = new Set<string>();
  const pf = new Set<string>();
  for (const statement of filter.content_filter ?? []) {
    for (const id of statement.expression?.fc ?? []) fc.add(id);
    for (const id of statement.expression?.pf ?? []) pf.add(id);
  }
  return { fc: [...fc], pf: [...pf] };
}
