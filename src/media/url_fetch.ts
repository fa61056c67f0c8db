/**
 * Downloads the file an upload names in `URL` (Superdesk's `download_file_from_url`) without
 * letting a user reach the server's private network through it: `http:`/`https:` only; the
 * host resolved here and every address it resolves to checked (`address_policy.ts`: loopback,
 * private, link-local, multicast, metadata ... are refused unless `UPLOAD_URL_ALLOWED_NETWORKS`
 * allows them); the connection made to the checked address itself (`Http1Pool`'s `address`:
 * no second lookup a rebinding DNS could answer differently); every redirect checked the same
 * way; the body limited to the media size (413) and the whole download to a timeout. Refusals
 * are 400s naming the reason.
 */
import { BadRequestError, HttpError } from "../errors.ts";
import type { Network } from "../net/address_policy.ts";
import { checkHost, type Resolve, resolveHost } from "../net/host_check.ts";
import {
  Http1BodyTooLarge,
  Http1Pool,
  type Http1Response,
  Http1TimeoutError,
} from "../net/http1_pool.ts";
import { fileFromDataUri, isDataUri } from "./data_uri.ts";
import type { IncomingFile } from "./media_intake.ts";

/** How a URL is fetched. */
export interface UrlFetchOptions {
  /** Largest body taken (413 beyond). */
  maxBytes: number;
  /** The whole download (every redirect, lookups included) may take this long. */
  timeoutMs: number;
  /** Networks allowed even though not public (`UPLOAD_URL_ALLOWED_NETWORKS`). */
  allowed: readonly Network[];
  /** Looks a host name up (default: the system's DNS, A and AAAA); tests give their own. */
  resolve?: Resolve;
  /** PEM certificates trusted for https besides Deno's store (tests' own CA). */
  caCerts?: string[];
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The file an upload's `URL` names: a `data:` URI decoded, an http(s) URL fetched. */
export async function fileAtUrl(url: string, options: UrlFetchOptions): Promise<IncomingFile> {
  if (isDataUri(url)) return fileFromDataUri(url, options.maxBytes);
  return await fetchUrlFile(url, options);
}

/** The file at `url` (http or https), fetched as the module says. */
export async function fetchUrlFile(
  url: string,
  { maxBytes, timeoutMs, allowed, resolve = resolveHost, caCerts }: UrlFetchOptions,
): Promise<IncomingFile> {
  const deadline = performance.now() + timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  let target = parseTarget(url);
  for (let redirects = 0;; redirects++) {
    const addresses = await checkedAddresses(target, allowed, resolve, timeout, timeoutMs);
    const answer = await download(target, addresses, { maxBytes, caCerts, deadline, timeoutMs });
    const location = answer.headers.location;
    if (REDIRECTS.has(answer.status) && location) {
      if (redirects >= MAX_REDIRECTS) {
        throw refused(`it redirects more than ${MAX_REDIRECTS} times`);
      }
      target = parseTarget(location, target);
      continue;
    }
    if (answer.status !== 200 && answer.status !== 201) {
      throw refused(`its server answered ${answer.status}`);
    }
    if (answer.body.byteLength === 0) throw new BadRequestError("The media file is empty");
    return {
      bytes: answer.body,
      filename: fileNameOf(target),
      declaredType: answer.headers["content-type"]?.split(";")[0]?.trim() || undefined,
    };
  }
}

/** The last segment of `url`'s path, decoded unless malformed (then as written), or "upload". */
function fileNameOf(url: URL): string {
  const segment = url.pathname.split("/").pop() || "";
  try {
    return decodeURIComponent(segment) || "upload";
  } catch {
    return segment;
  }
}

/**
 * The answer to a GET of `url` from the first of `addresses` that takes the connection (the
 * others are tried in turn when one cannot be reached).
 */
async function download(
  url: URL,
  addresses: string[],
  { maxBytes, caCerts, deadline, timeoutMs }: {
    maxBytes: number;
    caCerts?: string[];
    deadline: number;
    timeoutMs: number;
  },
): Promise<Http1Response> {
  for (let i = 0;; i++) {
    const pool = new Http1Pool(url, {
      maxIdle: 0,
      maxBodyBytes: maxBytes,
      address: addresses[i],
      caCerts,
    });
    try {
      return await pool.request({
        method: "GET",
        path: `${url.pathname}${url.search}`,
        headers: { "User-Agent": "Superdesk", Accept: "*/*", "Accept-Encoding": "identity" },
        timeoutMs: Math.max(1, deadline - performance.now()),
      });
    } catch (error) {
      if (error instanceof Http1BodyTooLarge) {
        throw new HttpError(413, `The file is larger than ${maxBytes} bytes (MEDIA_MAX_BYTES)`);
      }
      if (error instanceof Http1TimeoutError) throw timedOut(timeoutMs);
      if (i + 1 < addresses.length && unreachable(error)) continue;
      throw refused(`it could not be downloaded (${(error as Error).message})`);
    } finally {
      pool.close();
    }
  }
}

/** Whether `error` says the address took no connection (so another may be tried). */
function unreachable(error: unknown): boolean {
  const cause = error instanceof Error ? error.message : "";
  return /refused|unreachable|no route/i.test(cause);
}

/** `text` as an http(s) URL (relative to `base`, for a redirect), else a 400. */
function parseTarget(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw refused("it is not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw refused(`only http:, https: and data: URLs are fetched, not ${url.protocol}`);
  }
  return url;
}

/** The addresses `url`'s host resolves to, every one of them allowed, else a 400. */
async function checkedAddresses(
  url: URL,
  allowed: readonly Network[],
  resolve: Resolve,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string[]> {
  let checked;
  try {
    checked = await checkHost(url, allowed, { resolve, signal });
  } catch {
    throw timedOut(timeoutMs);
  }
  if (checked.addresses) return checked.addresses;
  if (checked.refused.endsWith("resolved")) throw refused(checked.refused);
  throw refused(
    `${checked.refused}; only public addresses are fetched ` +
      "(UPLOAD_URL_ALLOWED_NETWORKS names others)",
  );
}

function refused(reason: string): BadRequestError {
  return new BadRequestError(`Cannot upload from URL: ${reason}`, { issues: { URL: reason } });
}

function timedOut(timeoutMs: number): BadRequestError {
  return refused(
    `it was not downloaded within ${timeoutMs / 1000} s (UPLOAD_URL_TIMEOUT_SECONDS)`,
  );
}
