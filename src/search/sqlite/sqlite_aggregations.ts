/**
 * Aggregations of the embedded index, answered in Elasticsearch's response shape: `terms`
 * (field, size, order by `_count`/`_key`, min_doc_count ≥ 1), `date_histogram` (minute, hour,
 * day, week, month, year; UTC; empty buckets filled between the first and last) and `filter`.
 * Sub-aggregations and other options answer 400. Counts are per document, across every
 * searched resource.
 */
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { BadRequestError } from "../../errors.ts";
import { compileQuery } from "./compile_query.ts";
import { addUnits, type DateUnit, truncate } from "./date_math.ts";
import { integerOption, node, only, type QueryScope } from "./leaf_conditions.ts";
import type { IndexLayout } from "./sqlite_tables.ts";
import { MATCHED, type ValueSource, valueSources } from "./agg_sources.ts";
import { withScratchTable } from "./scratch_table.ts";

/** SQL with its parameters. */
export interface Sql {
  sql: string;
  params: SQLInputValue[];
}

/** One searched index and the condition its matching documents satisfy. */
export interface AggTarget {
  layout: IndexLayout;
  cond: Sql;
  now: number;
}

const INTERVALS: Record<string, DateUnit> = {
  minute: "m",
  "1m": "m",
  hour: "h",
  "1h": "h",
  day: "d",
  "1d": "d",
  week: "w",
  "1w": "w",
  month: "M",
  "1M": "M",
  year: "y",
  "1y": "y",
};

/** Runs every aggregation of `spec` (the `aggs` object) over the targets. */
export function runAggregations(
  db: DatabaseSync,
  targets: AggTarget[],
  spec: unknown,
): Record<string, unknown> {
  return withScratchTable(db, MATCHED, () => aggregate(db, targets, spec));
}

/** `runAggregations` over its empty temporary table. */
function aggregate(
  db: DatabaseSync,
  targets: AggTarget[],
  spec: unknown,
): Record<string, unknown> {
  const aggs = Object.entries(node(spec, "aggs"));
  const sources = aggs.length ? valueSources(db, targets) : [];
  const out: Record<string, unknown> = {};
  for (const [name, agg] of aggs) {
    const kinds = Object.keys(node(agg, name));
    if (kinds.length !== 1) {
      throw new BadRequestError(
        `[${name}] sub-aggregations and options beside the aggregation type are not supported ` +
          "by the embedded search index",
      );
    }
    const kind = kinds[0]!;
    const body = (agg as Record<string, unknown>)[kind];
    if (kind === "terms") out[name] = terms(db, targets, sources, body);
    else if (kind === "date_histogram") out[name] = dateHistogram(db, targets, sources, body);
    else if (kind === "filter") {
      out[name] = { doc_count: filterCount(db, targets, sources, body) };
    } else {
      throw new BadRequestError(
        `[${kind}] aggregation is not supported by the embedded search index`,
      );
    }
  }
  return out;
}

function terms(
  db: DatabaseSync,
  targets: AggTarget[],
  sources: ValueSource[],
  body: unknown,
) {
  const spec = only(body, "terms", ["field", "size", "order", "min_doc_count", "shard_size"]);
  const field = String(spec.field);
  const size = integerOption(spec.size, "terms.size", 10);
  const minCount = integerOption(spec.min_doc_count, "terms.min_doc_count", 1);
  if (minCount < 1) {
    throw new BadRequestError(
      "[terms] min_doc_count below 1 is not supported by the embedded index",
    );
  }
  const counts = new Map<SQLInputValue, number>();
  let type: string | undefined;
  for (const [t, target] of targets.entries()) {
    const leaf = fieldLeaf(target, field, "terms");
    if (!leaf) continue;
    type ??= leaf.type;
    const source = sources[t]!;
    const rows = db.prepare(
      `SELECT v.val AS key, COUNT(DISTINCT v.rid) AS n FROM ${source.from}
       WHERE v.path = ? AND v.val IS NOT NULL${source.where}
       GROUP BY v.val`,
    ).all(field) as Array<{ key: SQLInputValue; n: number }>;
    for (const { key, n } of rows) counts.set(key, (counts.get(key) ?? 0) + n);
  }
  const order = termsOrder(spec.order);
  const all = [...counts].filter(([, n]) => n >= minCount).sort(order);
  const shown = all.slice(0, size);
  const total = all.reduce((sum, [, n]) => sum + n, 0);
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: total - shown.reduce((sum, [, n]) => sum + n, 0),
    buckets: shown.map(([key, n]) => bucket(type, key, n)),
  };
}

function termsOrder(
  spec: unknown,
): (a: [SQLInputValue, number], b: [SQLInputValue, number]) => number {
  const rules =
    (spec === undefined
      ? [{ _count: "desc" }, { _key: "asc" }]
      : Array.isArray(spec)
      ? spec
      : [spec])
      .map((rule) => {
        const [key, dir] = Object.entries(node(rule, "order"))[0] ?? [];
        if ((key !== "_count" && key !== "_key") || (dir !== "asc" && dir !== "desc")) {
          throw new BadRequestError("[terms] order must be _count or _key, asc or desc");
        }
        return { key, sign: dir === "asc" ? 1 : -1 };
      });
  if (!rules.some((r) => r.key === "_key")) rules.push({ key: "_key", sign: 1 });
  return (a, b) => {
    for (const { key, sign } of rules) {
      const x = key === "_count" ? a[1] : a[0];
      const y = key === "_count" ? b[1] : b[0];
      if (x! < y!) return -sign;
      if (x! > y!) return sign;
    }
    return 0;
  };
}

function bucket(type: string | undefined, key: SQLInputValue, n: number) {
  if (type === "boolean") return { key, key_as_string: key ? "true" : "false", doc_count: n };
  if (type === "date") {
    const epoch = Date.parse(String(key));
    return { key: epoch, key_as_string: new Date(epoch).toISOString(), doc_count: n };
  }
  return { key, doc_count: n };
}

function dateHistogram(
  db: DatabaseSync,
  targets: AggTarget[],
  sources: ValueSource[],
  body: unknown,
) {
  const spec = only(body, "date_histogram", [
    "field",
    "calendar_interval",
    "interval",
    "min_doc_count",
    "time_zone",
  ]);
  const field = String(spec.field);
  const interval = String(spec.calendar_interval ?? spec.interval);
  const unit = INTERVALS[interval];
  if (!unit) {
    throw new BadRequestError(
      `[date_histogram] interval [${interval}] is not supported by the embedded search index`,
    );
  }
  if (spec.time_zone !== undefined && !["UTC", "Z", "+00:00"].includes(String(spec.time_zone))) {
    throw new BadRequestError("[date_histogram] only the UTC time_zone is supported");
  }
  const minCount = integerOption(spec.min_doc_count, "date_histogram.min_doc_count", 0);
  const buckets = new Map<number, Set<string>>();
  targets.forEach((target, t) => {
    const leaf = fieldLeaf(target, field, "date_histogram");
    if (!leaf) return;
    if (leaf.type !== "date") {
      throw new BadRequestError(
        `Field [${field}] of type [${leaf.type}] is not supported for aggregation [date_histogram]`,
      );
    }
    const source = sources[t]!;
    const rows = db.prepare(
      `SELECT DISTINCT v.rid AS rid, v.val AS val FROM ${source.from}
       WHERE v.path = ?${source.where}`,
    ).all(field) as Array<{ rid: number; val: string }>;
    for (const { rid, val } of rows) {
      const key = truncate(Date.parse(val), unit);
      const docs = buckets.get(key) ?? new Set<string>();
      docs.add(`${t}:${rid}`);
      buckets.set(key, docs);
    }
  });
  const keys = [...buckets.keys()].sort((a, b) => a - b);
  const out: Array<{ key_as_string: string; key: number; doc_count: number }> = [];
  if (keys.length) {
    for (let key = keys[0]!; key <= keys[keys.length - 1]!; key = addUnits(key, 1, unit)) {
      const n = buckets.get(key)?.size ?? 0;
      if (n >= minCount) {
        out.push({ key_as_string: new Date(key).toISOString(), key, doc_count: n });
      }
    }
  }
  return { buckets: out };
}

function filterCount(
  db: DatabaseSync,
  targets: AggTarget[],
  sources: ValueSource[],
  filter: unknown,
): number {
  let total = 0;
  for (const [t, target] of targets.entries()) {
    const few = sources[t]!.few;
    const scope: QueryScope = {
      db,
      layout: target.layout,
      params: [],
      positive: [],
      now: target.now,
      // Few matching documents: the filter's values looked up for each.
      ...(few ? { probe: true } : {}),
    };
    const cond = compileQuery(filter, scope);
    const row = (few
      ? db.prepare(`SELECT COUNT(*) AS n FROM ${few} WHERE ${cond}`).get(...scope.params)
      : db.prepare(
        `SELECT COUNT(*) AS n FROM ${target.layout.docs} d WHERE (${target.cond.sql}) AND (${cond})`,
      ).get(...target.cond.params, ...scope.params)) as { n: number };
    total += row.n;
  }
  return total;
}

function fieldLeaf(target: AggTarget, field: string, agg: string) {
  const leaf = target.layout.leaves.get(field);
  if (leaf?.type === "text") {
    throw new BadRequestError(
      `Text fields are not optimised for operations that require per-document field data like ` +
        `aggregations and sorting: [${agg}] on [${field}]; use ${field}.keyword`,
    );
  }
  return leaf;
}
