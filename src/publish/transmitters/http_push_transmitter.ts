/**
 * HTTP push (Superdesk's `HTTPPushService`): `POST` the formatted document to the destination's
 * `config.resource_url`, with `x-superdesk-signature: sha1=<hmac>` when `config.secret_token` is
 * set, any `config.headers` given, and `Idempotency-Key` (the queue entry id) so the receiver can
 * recognise a repeated delivery. A 4xx answer is permanent (not retried, as Superdesk); a 5xx,
 * a timeout or a refused connection is retried.
 *
 * When the destination has a `config.assets_url`, the binaries the document refers to (its
 * renditions and its associations') are sent there first (`http_push_media.ts`), so the item
 * never arrives before its pictures; a failure there fails the delivery as the item's would.
 *
 * Credentials in the URL (`https://user:pass@host/path`) are sent as `Authorization: Basic`
 * unless `config.headers` names an `Authorization`; they never appear in the request target or
 * in error messages.
 *
 * Requests go over keep-alive connections kept per origin (`src/net/http1_pool.ts`): `fetch`
 * cost about twice the CPU per delivery. A redirect answer is followed with `fetch`, as is every
 * request when an HTTP proxy is configured in the environment (which `fetch` honours): any of
 * `HTTP_PROXY`, `HTTPS_PROXY` (either case) sends every push through `fetch`, whatever
 * `NO_PROXY` excludes.
 */
import type { Doc } from "../../storage/document_store.ts";
import { basicAuthorization } from "../../net/basic_auth.ts";
import { Http1Pool, Http1TimeoutError } from "../../net/http1_pool.ts";
import type { MediaStorage } from "../../media/media_storage.ts";
import { pushMedia } from "./http_push_media.ts";
import { formattedDocument, publishedMedia } from "./published_media.ts";
import { configOf, type Delivery, TransmitError, type Transmitter } from "./transmitter.ts";

/**
 * Origins whose connections are kept; beyond it the least recently used with no request under
 * way is closed (a pool sending a push is never closed under it).
 */
const MAX_ORIGINS = 64;

/** Idle connections kept per origin (one sender per destination sends at a time). */
const MAX_IDLE = 4;

/** The HTTP push transmitter; `close()` closes its kept connections. */
export interface HttpPushTransmitter extends Transmitter {
  close(): void;
}

/** An answer, as either client gives it. */
interface Answer {
  status: number;
  body: string;
}

/**
 * Creates the transmitter; `timeoutMs` bounds each request (Superdesk's HTTP_PUSH_TIMEOUT);
 * binaries are read from `media` (without it, none are sent).
 */
export function httpPushTransmitter(
  { timeoutMs, media }: { timeoutMs: number; media?: MediaStorage },
): HttpPushTransmitter {
  const pools = new Map<string, Http1Pool>();
  const proxied = proxyConfigured();
  const poolFor = (url: URL) => {
    let pool = pools.get(url.origin);
    if (pool) pools.delete(url.origin);
    else pool = new Http1Pool(url, { maxIdle: MAX_IDLE });
    pools.set(url.origin, pool);
    if (pools.size > MAX_ORIGINS) {
      for (const [origin, stale] of pools) {
        if (stale === pool || stale.busy > 0) continue;
        pools.delete(origin);
        stale.close();
        break;
      }
    }
    return pool;
  };
  return {
    type: "http_push",
    name: "HTTP Push",
    async transmit(delivery: Delivery, { signal }) {
      const config = configOf(delivery);
      const { url, bare, path, authorization } = targetOf(config.resource_url);
      const secret = typeof config.secret_token === "string" && config.secret_token
        ? config.secret_token
        : undefined;
      if (media && typeof config.assets_url === "string" && config.assets_url.trim()) {
        const assets = targetOf(config.assets_url.trim(), "assets_url");
        const document = formattedDocument(delivery.text);
        await pushMedia(publishedMedia(document, { internal: true }).values(), {
          url: assets.bare.replace(/\/+$/, ""),
          headers: authHeaders(config, assets.authorization),
          secret,
        }, { storage: media, signal, timeoutMs });
      }
      const headers: Record<string, string> = {
        "Content-Type": delivery.mimeType,
        Accept: "application/json",
        "Idempotency-Key": delivery.key,
        ...authHeaders(config, authorization),
      };
      if (secret) headers["x-superdesk-signature"] = await signature(delivery.text, secret);
      let answer: Answer;
      try {
        answer = proxied
          ? await post(bare, delivery.text, headers, signal, timeoutMs)
          : await poolFor(url).request({
            method: "POST",
            path,
            headers,
            body: delivery.text,
            signal,
            timeoutMs,
          }).then(({ status, body }) => ({ status, body: decoder.decode(body) }));
        if (answer.status >= 300 && answer.status < 400) {
          answer = await post(bare, delivery.text, headers, signal, timeoutMs);
        }
      } catch (error) {
        throw new TransmitError(`Error pushing item to ${bare}: ${describe(error)}`, {
          cause: error,
        });
      }
      if (answer.status >= 200 && answer.status < 300) return;
      throw new TransmitError(
        `Error pushing item ${answer.status}: ${answer.body.slice(0, 200)}`,
        { permanent: answer.status >= 400 && answer.status < 500 },
      );
    },
    close() {
      for (const pool of pools.values()) pool.close();
      pools.clear();
    },
  };
}

const decoder = new TextDecoder();

/** A destination's `resource_url`, parsed once. */
interface Target {
  /** Without credentials. */
  url: URL;
  /** `url` as text. */
  bare: string;
  /** The request target (path and query). */
  path: string;
  /** `Basic` credentials the URL held, if any. */
  authorization?: string;
}

/** Parsed `resource_url`s, by their text; cleared when full. */
const targets = new Map<string, Target>();
const MAX_TARGETS = 256;

/** The parsed `resource_url` (a permanent failure when it is not an http(s) URL). */
function targetOf(resourceUrl: unknown, field = "resource_url"): Target {
  if (typeof resourceUrl !== "string" || !/^https?:\/\//.test(resourceUrl)) {
    throw new TransmitError(`HTTP push destination has no http(s) ${field}`, {
      permanent: true,
    });
  }
  let target = targets.get(resourceUrl);
  if (target) return target;
  let url: URL;
  try {
    url = new URL(resourceUrl);
  } catch {
    throw new TransmitError(`HTTP push destination's ${field} is not a valid URL`, {
      permanent: true,
    });
  }
  const authorization = urlAuthorization(url);
  url.username = url.password = "";
  target = { url, bare: url.href, path: `${url.pathname}${url.search}`, authorization };
  if (targets.size >= MAX_TARGETS) targets.clear();
  targets.set(resourceUrl, target);
  return target;
}

/** The request through `fetch` (redirects followed, proxies honoured). */
async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    body,
    headers,
    signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
  });
  return { status: response.status, body: await response.text().catch(() => "") };
}

/** `Basic <base64>` of the URL's user name and password (percent-decoded), if it has any. */
function urlAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  return basicAuthorization(percentDecoded(url.username), percentDecoded(url.password));
}

/** `text` percent-decoded; as written when it holds a `%` that starts no escape. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Whether the environment names an HTTP proxy (unreadable environment: assume not). */
function proxyConfigured(): boolean {
  try {
    return ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"].some((name) =>
      Boolean(Deno.env.get(name))
    );
  } catch {
    return false;
  }
}

/** `sha1=<hex hmac>` of `body` with `secret` (Superdesk's `_get_data_hash`). */
export async function signature(body: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body)),
  );
  return "sha1=" + Array.from(mac, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Headers the client sets itself, which a destination's `config.headers` may not repeat. */
const CLIENT_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding"]);

/** `config.headers`, and the URL's `Basic` credentials unless they name an `Authorization`. */
function authHeaders(config: Doc, authorization: string | undefined): Record<string, string> {
  const headers = stringHeaders(config.headers);
  if (authorization && !Object.keys(headers).some((n) => n.toLowerCase() === "authorization")) {
    headers["Authorization"] = authorization;
  }
  return headers;
}

function stringHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(
    Object.entries(value as Doc).filter(([name, v]) =>
      typeof v === "string" && !CLIENT_HEADERS.has(name.toLowerCase())
    ) as [string, string][],
  );
}

function describe(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return "timed out";
  if (error instanceof Http1TimeoutError) return "timed out";
  return error instanceof Error ? error.message : String(error);
}
