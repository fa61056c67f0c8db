/**
 * `Sort` → SQL `ORDER BY`. Fields use the same `json_extract` expression as the indexes, so a
 * sort on an indexed field reads the index. Missing and null values sort first ascending, as in
 * MongoDB. Known difference: a field holding values of several JSON types orders them by
 * SQLite's classes (null, numbers and booleans, strings, then dates) rather than by BSON type
 * order, and an array-valued field sorts by its JSON text, not by its smallest element.
 */
import type { Sort } from "../document_store.ts";
import { fieldExpression } from "./json_path.ts";

/** The `ORDER BY …` clause (with its leading space), or "" for no sort (already validated). */
export function sortToSql(sort: Sort | undefined): string {
  if (!sort || sort.length === 0) return "";
  const terms = sort.map(([field, direction]) => {
    const expression = field === "_id" ? "id" : fieldExpression(field);
    return `${expression} ${direction === 1 ? "ASC" : "DESC"}`;
  });
  return ` ORDER BY ${terms.join(", ")}`;
}
