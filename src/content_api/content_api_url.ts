/**
 * `CONTENTAPI_URL` (Superdesk's setting of that name, no trailing slash): the public URL of the
 * content API's consumer endpoint, from which an item's `uri` is made (`<url>/items/<id>`). By
 * default this server's own, `http://localhost:<PORT>/api/contentapi`; set it to the address
 * consumers reach (a proxy's, say).
 */
import { ConfigError } from "../errors.ts";

/** The setting's value, checked; `port` is the API's port. */
export function contentApiUrl(value: string | undefined, port: number): string {
  if (value === undefined || value === "") return `http://localhost:${port}/api/contentapi`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("CONTENTAPI_URL", `expected an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError("CONTENTAPI_URL", `expected an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, "");
}

/** An item's `uri` (Superdesk's `_get_uri`: the id percent-encoded). */
export function itemUri(base: string, id: unknown): string {
  return `${base}/items/${encodeURIComponent(String(id))}`;
}
