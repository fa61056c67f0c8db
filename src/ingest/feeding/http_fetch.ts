/**
 * One HTTP GET for the HTTP feeding services, with Superdesk's error codes: conditional headers
 * (`If-None-Match`, `If-Modified-Since`) from the provider's saved state, Basic authentication
 * when the provider has credentials, a timeout, a bounded body, and 401/403 → 4007, 404 → 4006,
 * timeout → 4001, unreachable → 4009, a URL no request can name (e.g. a host IDNA cannot
 * encode) → 4003, a redirect loop → 4002 (`follow_redirects.ts`), any other
 * failure → 4000.
 */
import { basicAuthorization } from "../../net/basic_auth.ts";
import { readBounded } from "../../net/read_bounded.ts";
import { IngestError } from "../ingest_error.ts";
import { getFollowing } from "./follow_redirects.ts";

/** What a GET returned: 304 (nothing new) or a body with its validators. */
export type FetchOutcome =
  | { notModified: true }
  | {
    notModified: false;
    body: Uint8Array;
    etag?: string;
    lastModified?: string;
    contentType?: string;
  };

/** Options of one GET. */
export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  username?: string;
  password?: string;
  /** Credential headers of the API's own (e.g. `apikey`), kept to the URL's origin. */
  credentialHeaders?: Record<string, string>;
  timeoutMs: number;
  maxBytes: number;
  signal: AbortSignal;
  /** Vets the URL and every redirect before each is asked (`content_url_check.ts`). */
  checkHop?: (url: URL) => Promise<void>;
}

/** GETs `url`. */
export async function fetchFeed(url: string, options: FetchOptions): Promise<FetchOutcome> {
  if (!/^https?:\/\//i.test(url)) throw new IngestError(2001, `"${url}" is not an HTTP URL`);
  // As Superdesk's `requests` (InvalidURL, a RequestException): no request can name this URL.
  if (!URL.canParse(url)) throw new IngestError(4003, `"${url}" is not a valid URL`);
  const headers: Record<string, string> = { "User-Agent": "superdesk-deno-ingest" };
  if (options.etag) headers["If-None-Match"] = options.etag;
  if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;
  if (options.username && options.password) {
    headers.Authorization = basicAuthorization(options.username, options.password);
  }
  Object.assign(headers, options.credentialHeaders);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await getFollowing(url, {
      headers,
      signal: AbortSignal.any([options.signal, timeout]),
      credentials: Object.keys(options.credentialHeaders ?? {}),
      checkHop: options.checkHop,
    });
  } catch (error) {
    if (error instanceof IngestError) throw error;
    if (timeout.aborted) {
      throw new IngestError(4001, `${url}: no answer in ${options.timeoutMs} ms`);
    }
    options.signal.throwIfAborted();
    throw new IngestError(4009, `${url}: ${(error as Error).message}`, { cause: error });
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { notModified: true };
  }
  if (!response.ok) {
    await response.body?.cancel();
    const detail = `${url} answered ${response.status} ${response.statusText}`;
    if (response.status === 401 || response.status === 403) throw new IngestError(4007, detail);
    if (response.status === 404) throw new IngestError(4006, detail);
    throw new IngestError(4000, detail);
  }
  const body = await boundedBody(response, options.maxBytes, url);
  return {
    notModified: false,
    body,
    etag: response.headers.get("etag") ?? undefined,
    lastModified: response.headers.get("last-modified") ?? undefined,
    contentType: response.headers.get("content-type") ?? undefined,
  };
}

/**
 * GETs `url` (no conditional headers, no Basic credentials); failures name it without its query,
 * which may carry a token or a password (Reuters', Ritzau's APIs).
 */
export async function fetchHidingQuery(
  url: URL,
  options: Pick<FetchOptions, "timeoutMs" | "maxBytes" | "signal" | "credentialHeaders">,
): Promise<FetchOutcome> {
  try {
    return await fetchFeed(url.href, options);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    const shown = `${url.origin}${url.pathname}`;
    throw new IngestError(error.code, error.detail.replaceAll(url.href, shown));
  }
}

/**
 * The body of an API's answer at `address` with `params` in its query (`fetchHidingQuery`); an
 * API that answers 304 to an unconditional GET is 4000.
 */
export async function fetchApi(
  address: string,
  params: Record<string, string>,
  options: Parameters<typeof fetchHidingQuery>[1],
): Promise<Uint8Array> {
  if (!/^https?:\/\//i.test(address)) {
    throw new IngestError(2001, `"${address}" is not an HTTP URL`);
  }
  if (!URL.canParse(address)) throw new IngestError(4003, `"${address}" is not a valid URL`);
  const url = new URL(address);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  const outcome = await fetchHidingQuery(url, options);
  if (outcome.notModified) {
    throw new IngestError(4000, `${url.origin}${url.pathname}: unexpected 304`);
  }
  return outcome.body;
}

function boundedBody(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  return readBounded(
    response.body,
    maxBytes,
    () => new IngestError(4003, `${url}: the feed is larger than ${maxBytes} bytes`),
  );
}
