/**
 * `_source` filtering for the embedded index, as Elasticsearch does it: `false`, a pattern, a
 * list of patterns, or `{includes, excludes}`; patterns are dotted paths where `*` matches any
 * characters, and including an object includes everything under it. Objects and arrays left
 * empty by the filter are dropped.
 */
import { BadRequestError } from "../../errors.ts";
import { fieldPattern } from "./field_pattern.ts";

type Doc = Record<string, unknown>;

/** A compiled `_source` option: returns the filtered copy of a document. */
export type SourceFilter = (doc: Doc) => Doc;

/** Compiles the `_source` option of a search body. */
export function sourceFilter(spec: unknown): SourceFilter {
  if (spec === undefined || spec === true) return (doc) => doc;
  if (spec === false) return () => ({});
  let includes: string[] = [];
  let excludes: string[] = [];
  if (typeof spec === "string") includes = [spec];
  else if (Array.isArray(spec)) includes = spec.map(String);
  else if (typeof spec === "object" && spec !== null) {
    const s = spec as Record<string, unknown>;
    includes = patterns(s.includes ?? s.include);
    excludes = patterns(s.excludes ?? s.exclude);
  } else {
    throw new BadRequestError("[_source] must be a boolean, a string, a list or an object");
  }
  const inc = includes.map(fieldPattern);
  const exc = excludes.map(fieldPattern);
  const couldInclude = (path: string) =>
    includes.some((p) => p.includes("*") || p.startsWith(path + "."));
  const filter = (value: Doc, prefix: string, inherited: boolean): Doc => {
    const out: Doc = {};
    for (const [key, child] of Object.entries(value)) {
      const path = prefix + key;
      if (exc.some((matches) => matches(path))) continue;
      const included = inherited || !inc.length || inc.some((matches) => matches(path));
      if (included && !exc.length) out[key] = child;
      else if (included || couldInclude(path)) {
        const kept = filterValue(child, path, included);
        if (kept !== undefined) out[key] = kept;
      }
    }
    return out;
  };
  const filterValue = (value: unknown, path: string, included: boolean): unknown => {
    if (Array.isArray(value)) {
      const items = value.map((v) => filterValue(v, path, included)).filter((v) => v !== undefined);
      return items.length || (included && !value.length) ? items : undefined;
    }
    if (typeof value === "object" && value !== null) {
      const kept = filter(value as Doc, path + ".", included);
      const emptied = !Object.keys(kept).length && Object.keys(value).length > 0;
      return emptied || (!included && !Object.keys(kept).length) ? undefined : kept;
    }
    return included ? value : undefined;
  };
  return (doc) => filter(doc, "", false);
}

function patterns(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}
