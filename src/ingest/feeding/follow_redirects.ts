/**
 * A GET that follows redirects itself, so that a redirect loop is Superdesk's "too many
 * redirects" (4002) rather than a connection failure: at most `MAX_REDIRECTS` hops (the limit of
 * Python's requests, which Superdesk's HTTP feeds use), only to http(s) URLs (another scheme or
 * a `Location` that is no URL is 4000), and the
 * `Authorization` header (and any other header named as a credential, such as an API key) is
 * dropped once a hop leaves the first URL's origin (as browsers and requests do), so credentials
 * never go to a host the provider did not name. `checkHop`, when given, vets every URL before it
 * is asked (the first and each redirect's), so a redirect cannot lead where the first URL may not.
 */
import { IngestError } from "../ingest_error.ts";

/** Hops followed before giving up. */
export const MAX_REDIRECTS = 30;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GETs `url` with `headers`, following redirects; the final response. */
export async function getFollowing(
  url: string,
  { headers, signal, credentials = [], checkHop }: {
    headers: Record<string, string>;
    signal: AbortSignal;
    /** Headers besides `Authorization` that hold credentials. */
    credentials?: readonly string[];
    /** Throws when `url` may not be asked (a URL a feed's content names). */
    checkHop?: (url: URL) => Promise<void>;
  },
): Promise<Response> {
  const sent = new Headers(headers);
  const origin = new URL(url).origin;
  let current = new URL(url);
  for (let hops = 0;; hops++) {
    await checkHop?.(current);
    const response = await fetch(current, { headers: sent, signal, redirect: "manual" });
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await response.body?.cancel();
    if (hops === MAX_REDIRECTS) {
      throw new IngestError(4002, `${url}: more than ${MAX_REDIRECTS} redirects`);
    }
    try {
      current = new URL(location, current);
    } catch {
      throw new IngestError(4000, `${url}: redirected to a Location that is not a URL`);
    }
    if (current.protocol !== "http:" && current.protocol !== "https:") {
      throw new IngestError(4000, `${url}: redirected to a URL that is not HTTP`);
    }
    if (current.origin !== origin) {
      for (const name of ["authorization", ...credentials]) sent.delete(name);
    }
  }
}
