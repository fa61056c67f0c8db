/**
 * Refuses client queries that filter or sort on a hidden field (a password hash, a token hash):
 * stripping the field from responses is not enough when `?where={"password": {"$regex": ...}}`
 * could still probe it character by character.
 */
import { BadRequestError } from "../errors.ts";
import type { ListQuery } from "./list_query.ts";

/** Throws a 400 naming the field when `query` filters or sorts on one of `hidden`. */
export function assertNoHiddenFields(query: ListQuery, hidden: readonly string[]): void {
  if (hidden.length === 0) return;
  const used = [
    ...(query.filter ? fieldsIn(query.filter) : []),
    ...(query.sort ?? []).map(([field]) => field),
  ];
  for (const field of used) {
    const top = field.split(".")[0]!;
    if (hidden.includes(top)) {
      throw new BadRequestError(`Cannot query on the field "${top}"`, { issues: { [top]: 1 } });
    }
  }
}

/** Every non-operator key anywhere in a query document. */
function fieldsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(fieldsIn);
  if (typeof node !== "object" || node === null || node instanceof Date) return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(key.startsWith("$") ? [] : [key]),
    ...fieldsIn(value),
  ]);
}
