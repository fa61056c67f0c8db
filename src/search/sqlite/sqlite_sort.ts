/**
 * Sorting in the embedded index, as Elasticsearch sorts: `"field"`, `{field: "asc"|"desc"}`,
 * `{field: {order, missing: "_first"|"_last", unmapped_type, mode: "min"|"max"}}`, `_score` and
 * `_doc`. Arrays sort by their smallest value ascending and largest descending, or by the value
 * `mode` names; documents without a value
 * come last unless `missing: "_first"`. Text fields, `_id`, and unmapped fields without
 * `unmapped_type` answer 400, as they do in Elasticsearch.
 */
import type { SQLInputValue } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import { isNode, only } from "./leaf_conditions.ts";
import type { IndexLayout } from "./sqlite_tables.ts";

/** One sort key. */
export interface SortKey {
  field: string;
  order: "ASC" | "DESC";
  missing: "_first" | "_last";
  unmappedType?: string;
  /** Which value of an array sorts it; by default the smallest ascending, the largest descending. */
  mode?: "min" | "max";
}

/** Parses the `sort` option of a search body. */
export function parseSort(spec: unknown): SortKey[] {
  if (spec === undefined) return [];
  const entries = Array.isArray(spec) ? spec : [spec];
  return entries.map((entry): SortKey => {
    if (typeof entry === "string") return key(entry, undefined, {});
    if (!isNode(entry) || Object.keys(entry).length !== 1) {
      throw new BadRequestError("[sort] entries must be a field name or {field: options}");
    }
    const [field, options] = Object.entries(entry)[0]!;
    if (typeof options === "string") return key(field, options, {});
    const o = only(options, "sort", ["order", "missing", "unmapped_type", "mode"]);
    if (o.mode !== undefined && o.mode !== "min" && o.mode !== "max") {
      throw new BadRequestError(`[sort] mode [${o.mode}] is not supported by the embedded index`);
    }
    return key(field, o.order as string | undefined, o);
  });
}

function key(field: string, order: string | undefined, o: Record<string, unknown>): SortKey {
  const dir = (order ?? (field === "_score" ? "desc" : "asc")).toLowerCase();
  if (dir !== "asc" && dir !== "desc") throw new BadRequestError(`[sort] unknown order [${order}]`);
  const missing = o.missing ?? "_last";
  if (missing !== "_first" && missing !== "_last") {
    throw new BadRequestError("[sort] missing must be _first or _last in the embedded index");
  }
  return {
    field,
    order: dir === "asc" ? "ASC" : "DESC",
    missing,
    unmappedType: o.unmapped_type as string | undefined,
    ...(o.mode === undefined ? {} : { mode: o.mode as "min" | "max" }),
  };
}

/** The SQL column a key sorts by, over the documents table aliased `d`. */
export function sortColumn(
  layout: IndexLayout,
  sort: SortKey,
): { sql: string; params: SQLInputValue[] } {
  if (sort.field === "_score") return { sql: "NULL", params: [] };
  if (sort.field === "_doc") return { sql: "d.rid", params: [] };
  if (sort.field === "_id") {
    throw new BadRequestError("Fielddata access on the _id field is disallowed");
  }
  const leaf = layout.leaves.get(sort.field);
  if (!leaf) {
    if (sort.unmappedType) return { sql: "NULL", params: [] };
    throw new BadRequestError(`No mapping found for [${sort.field}] in order to sort on`);
  }
  if (leaf.type === "text") {
    throw new BadRequestError(
      `Text fields are not optimised for operations that require per-document field data like ` +
        `aggregations and sorting: [${sort.field}]; sort on ${sort.field}.keyword`,
    );
  }
  const fn = sort.mode ? sort.mode.toUpperCase() : sort.order === "ASC" ? "MIN" : "MAX";
  return {
    sql: `(SELECT ${fn}(val) FROM ${layout.vals} WHERE rid = d.rid AND path = ?)`,
    params: [sort.field],
  };
}
