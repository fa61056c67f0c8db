/**
 * How document values become index values in the embedded index: found at dotted paths through
 * arrays at any level (as Elasticsearch flattens objects), then coerced per the mapping as
 * Elasticsearch would (keyword → text, long/double → number, boolean → 1/0, date → ISO
 * string, text → NULL presence marker); a value that cannot be coerced refuses the document.
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

/** Every value found at a dotted path, through arrays at any level; nulls dropped. */
export function valuesAt(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  const walk = (value: unknown, parts: string[]) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, parts);
      return;
    }
    if (!parts.length) {
      out.push(value);
      return;
    }
    if (typeof value === "object" && !(value instanceof Date)) {
      walk((value as Record<string, unknown>)[parts[0]!], parts.slice(1));
    }
  };
  walk(doc, path.split("."));
  return out;
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
      return null;
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
  for (const [path, leaf] of leaves) {
    for (const value of valuesAt(source, leaf.source)) {
      const val = normalise(leaf, value, path);
      if (val !== undefined) out.push([path, val]);
    }
  }
  return out;
}
