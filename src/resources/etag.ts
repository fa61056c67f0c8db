/**
 * Document etags: SHA-1 over the document's canonical JSON (sorted keys), as Eve does, minus
 * `_etag` itself and the resource's `etag_ignore_fields`. Clients treat it as opaque.
 */
import type { Doc } from "../storage/document_store.ts";

/** Computes the etag of `doc`. */
export async function computeEtag(doc: Doc, ignore: readonly string[] = []): Promise<string> {
  const skip = new Set(["_etag", ...ignore]);
  const canonical = canonicalJson(doc, skip);
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function canonicalJson(value: unknown, skipTopLevel?: Set<string>): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value).sort()
      .filter((key) => !skipTopLevel?.has(key))
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Doc)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Strips quotes and a weak `W/` prefix from an `If-Match`/`If-None-Match` value. */
export function normalizeEtag(header: string): string {
  return header.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}
