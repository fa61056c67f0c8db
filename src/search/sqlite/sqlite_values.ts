/**
 * How document values become index values in the embedded index: found at dotted paths through
 * arrays at any level (as Elasticsearch flattens objects), then coerced per the mapping as
 * Elasticsearch would (keyword → text, long/double → number, boolean → 1/0, date → ISO
 * string, text → a presence marker); a value that cannot be coerced refuses the document.
 */
import type { SQLInputValue } from "node:sqlite";
import type { LeafField } from "../mapping.ts";
import type { SearchDoc } from "../search_index.ts";
import { lowercase } from "../analysis/standard_analyzer.ts";
import { parseDate } from "./date_math.ts";

/** A document the mapping refuses (a value of the wrong type). */
export class RefusedDocError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedDocError";
  }
}

/**
 * What a text field stores in the values table: only that it has a value (`exists`); queries
 * on its words go to FTS5 and none compares it. Not NULL: the table's primary key holds it.
 */
export const TEXT_PRESENT = 0;

/** Dotted paths split into their parts, once per path (a mapping has a few hundred). */
const partsOf = new Map<string, string[]>();

/** Most split paths kept (paths come from mappings and highlight requests). */
const MAX_SPLIT_PATHS = 4096;

/** Every value found at a dotted path, through arrays at any level; nulls dropped. */
export function valuesAt(doc: unknown, path: string): unknown[] {
  let parts = partsOf.get(path);
  if (!parts) {
    if (partsOf.size >= MAX_SPLIT_PATHS) partsOf.clear();
    partsOf.set(path, parts = path.split("."));
  }
  const out: unknown[] = [];
  walk(doc, parts, 0, out);
  return out;
}

function walk(value: unknown, parts: string[], at: number, out: unknown[]) {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) walk(item, parts, at, out);
    return;
  }
  if (at === parts.length) {
    out.push(value);
    return;
  }
  if (typeof value === "object" && !(value instanceof Date)) {
    walk((value as Record<string, unknown>)[parts[at]!], parts, at + 1, out);
  }
}

/** Normalises one value for a leaf, as Elasticsearch would coerce it; undefined = not stored. */
export function normalise(
  leaf: LeafField,
  value: unknown,
  path: string,
): SQLInputValue | undefined {
  const refuse = () =>
    new RefusedDocError(`failed to parse field [${path}] of type [${leaf.type}]: ${String(value)}`);
  if (typeof value === "object" && !(value instanceof Date)) throw refuse();
  switch (leaf.type) {
    case "text":
      return TEXT_PRESENT;
    case "keyword": {
      const text = value instanceof Date ? value.toISOString() : String(value);
      if (leaf.ignoreAbove !== undefined && text.length > leaf.ignoreAbove) return undefined;
      return leaf.lowercase ? lowercase(text) : text;
    }
    case "long":
    case "double": {
      const n = typeof value === "boolean" ? NaN : Number(value);
      if (!Number.isFinite(n) || value === "") throw refuse();
      return leaf.type === "long" ? Math.trunc(n) : n;
    }
    case "boolean":
      if (value === true || value === "true") return 1;
      if (value === false || value === "false") return 0;
      throw refuse();
    case "date":
      try {
        return parseDate(value);
      } catch {
        throw refuse();
      }
  }
}

/** Every (path, value) pair a document stores in the values table. */
export function indexedValues(
  leaves: Map<string, LeafField>,
  resource: string,
  doc: SearchDoc,
): Array<[string, SQLInputValue]> {
  const source = { ...doc, _resource: resource };
  const out: Array<[string, SQLInputValue]> = [];
  for (const [path, leaf] of leaves) pushValues(out, path, leaf, valuesAt(source, leaf.source));
  return out;
}

/** Appends the (path, value) pairs `leaf` stores for `found`, the values at its source path. */
export function pushValues(
  out: Array<[string, SQLInputValue]>,
  path: string,
  leaf: LeafField,
  found: unknown[],
): void {
  for (const value of found) {
    const val = normalise(leaf, value, path);
    if (val !== undefined) out.push([path, val]);
  }
}
