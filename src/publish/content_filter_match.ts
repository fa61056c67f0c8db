/**
 * Whether an item matches a content filter (Superdesk's `ContentFilterService.does_match`): a
 * filter matches when any of its statements does; a statement matches when all of its filter
 * conditions (`fc`) and all of its referenced filters (`pf`) do. A missing filter matches
 * everything; a missing filter condition matches nothing. The filters and conditions are read
 * once per enqueue into `FilterSet`.
 */
import type { Doc } from "../storage/document_store.ts";
import {
  type FieldTypes,
  type FilterCondition,
  matchesCondition,
} from "./filter_condition_match.ts";

/** Every content filter and filter condition, by id, and the vocabularies' field types. */
export interface FilterSet {
  contentFilters: ReadonlyMap<string, Doc>;
  conditions: ReadonlyMap<string, Doc>;
  fieldTypes?: FieldTypes;
}

/** True when `item` matches `filter`; references deeper than 20 levels count as no match. */
export function matchesContentFilter(
  filter: Doc | undefined,
  item: Doc,
  filters: FilterSet,
  depth = 0,
): boolean {
  if (!filter) return true;
  if (depth > 20) return false;
  const statements = Array.isArray(filter.content_filter) ? filter.content_filter as Doc[] : [];
  return statements.some((statement) => {
    const expression = (statement?.expression ?? {}) as { fc?: string[]; pf?: string[] };
    if (!expression.fc && !expression.pf) return false;
    const conditionsMatch = (expression.fc ?? []).every((id) => {
      const condition = filters.conditions.get(id);
      return condition !== undefined &&
        matchesCondition(condition as unknown as FilterCondition, item, filters.fieldTypes);
    });
    if (!conditionsMatch) return false;
    return (expression.pf ?? []).every((id) =>
      matchesContentFilter(filters.contentFilters.get(id), item, filters, depth + 1)
    );
  });
}
