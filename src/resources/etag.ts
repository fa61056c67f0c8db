/**
 * Document etags: SHA-1 over the document's canonical JSON (sorted keys), as Eve does, minus
 * `_etag` itself and the resource's `etag_ignore_fields`. Clients treat it as opaque.
 */
import { createHash } from "node:crypto";
import type { Doc } from "../storage/document_store.ts";

/** Computes the etag of `doc` (synchronous `node:crypto`: it runs on every write). */
export function computeEtag(doc: Doc, ignore: readonly string[] = []): string {
  const skip = new Set(["_etag", ...ignore]);
  return createHash("sha1").update(canonicalJson(doc, skip)).digest("hex");
}

/**
 * The etag of a stored document after `changes`, from its previous etag and the changes alone:
 * as unique as `computeEtag` (every write gets a new one) without reading the whole document
 * again, for frequent state changes of large documents (publish queue entries, published copies).
 */
export function nextEtag(previous: unknown, changes: Doc): string {
  return computeEtag({ _previous: String(previous ?? ""), changes });
}

/**
 * JSON text with object keys sorted (dates as their ISO text), built as one string: the
 * sorted-entry arrays of a `map`/`join` version made it about 1.5× slower, and it runs on every
 * write.
 */
function canonicalJson(value: unknown, skipTopLevel?: Set<string>): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return `"${value.toISOString()}"`;
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) text += (i === 0 ? "" : ",") + canonicalJson(value[i]);
    return `${text}]`;
  }
  let text = "{";
  for (const key of Object.keys(value).sort()) {
    if (skipTopLevel?.has(key)) continue;
    text += (text.length === 1 ? "" : ",") + JSON.stringify(key) + ":" +
      canonicalJson((value as Doc)[key]);
  }
  return `${text}}`;
}

/** Strips quotes and a weak `W/` prefix from an `If-Match`/`If-None-Match` value. */
export function normalizeEtag(header: string): string {
  // The usual form, `"<etag>"`, without the regular expressions (a header has no line breaks).
  const last = header.length - 1;
  if (last > 0 && header.charCodeAt(0) === 34 && header.charCodeAt(last) === 34) {
    return header.slice(1, last);
  }
  return header.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}
