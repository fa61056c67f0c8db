/** Reads a dotted path of a document (`a.b` → `doc.a.b`), or a literal dotted key when present. */
import type { Doc } from "./document_store.ts";

/** The value at `path` in `doc`, or undefined. */
export function valueAt(doc: Doc, path: string): unknown {
  if (path in doc) return doc[path];
  let current: unknown = doc;
  for (const segment of path.split(".")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Doc)[segment];
  }
  return current;
}
