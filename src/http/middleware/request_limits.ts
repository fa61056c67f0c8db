/**
 * Request size and time limits, applied before any route runs: a request target longer than
 * `maxUrlLength` is a 414; a body announced (`Content-Length`) or found while streaming
 * (chunked) to exceed its limit is a 413 without reading the rest; a body still arriving after
 * `bodyTimeoutMs` is a 408. A body of announced length (up to 1 MiB) is read before the route
 * runs, so a route that ignores its body still waits for it; a JSON one is handed to the routes
 * as text (`buffered_body.ts`), others in a new `Request`. Every answer is the JSON envelope.
 * Limits are per route prefix where `routeBodyBytes` says so (uploads), else `maxBodyBytes`.
 *
 * Deno.serve has no timeout for request heads (measured: a connection that sends half a head is
 * held for minutes) and answers a 100 KB head with an empty 400 of its own, so
 * production should sit behind a reverse proxy with a header timeout (README, "Limits").
 */
import type { Context, MiddlewareHandler, Next } from "hono";
import { HttpError } from "../../errors.ts";
import { isJsonType, keepBody } from "../buffered_body.ts";
import { type Deadline, DeadlineSweeper } from "../../deadline_sweeper.ts";
import { errorBody } from "../error_body.ts";
import { requestWithBody } from "../request_with_body.ts";
import { plainJson } from "../wire_json.ts";

/**
 * The limits; `routeBodyBytes` entries win over `maxBodyBytes` for paths under their prefix
 * (and, with `contentType`, for bodies of that type only).
 */
export interface RequestLimitOptions {
  maxBodyBytes: number;
  maxUrlLength: number;
  bodyTimeoutMs: number;
  routeBodyBytes?: ReadonlyArray<{ prefix: string; maxBytes: number; contentType?: RegExp }>;
}

type Breach = { status: 408 | 413; message: string };

/** Announced bodies up to this size are read into memory before the route runs. */
const BUFFERED_BYTES = 1024 * 1024;

/**
 * The deadlines of `buffered`'s reads in progress, all checked by one interval
 * (`deadline_sweeper.ts`): a read is refused at the first check after its deadline (at most
 * `CHECK_MS` late).
 */
const CHECK_MS = 50;
const reads = new DeadlineSweeper(CHECK_MS);

/** What `read` makes of a request's body; a 408 when it has not all arrived within `timeoutMs`. */
async function buffered<T>(read: () => Promise<T>, timeoutMs: number): Promise<T> {
  const { promise, resolve, reject } = Promise.withResolvers<T>();
  const entry: Deadline = {
    deadline: performance.now() + timeoutMs,
    expire: () => reject(new HttpError(408, `The request body took over ${timeoutMs} ms`)),
  };
  reads.watch(entry);
  // Settling after the deadline's 408 changes nothing (the client went away meanwhile).
  read().then(resolve, reject);
  try {
    return await promise;
  } finally {
    reads.forget(entry);
  }
}

/**
 * Creates the middleware. A request without a body to limit (a GET or HEAD announcing none)
 * costs two header reads and no promise of its own: it returns `next()`'s.
 */
export function requestLimits(
  { maxBodyBytes, maxUrlLength, bodyTimeoutMs, routeBodyBytes = [] }: RequestLimitOptions,
): MiddlewareHandler {
  const routes = routeBodyBytes.map(({ prefix, maxBytes, contentType }) => ({
    prefix,
    under: `${prefix}/`,
    maxBytes,
    contentType,
  }));
  const bodyLimitOf = (path: string, type: string) =>
    routes.find(({ prefix, under, contentType }) =>
      (path === prefix || path.startsWith(under)) && (!contentType || contentType.test(type))
    )?.maxBytes ?? maxBodyBytes;
  const limitBody = async (c: Context, next: Next, declared: string | null, unread: boolean) => {
    const limit = bodyLimitOf(c.req.path, c.req.raw.headers.get("content-type") ?? "");
    const tooLarge = `The request body is larger than ${limit} bytes`;
    if (declared !== null && Number(declared) > limit) throw new HttpError(413, tooLarge);
    // A body of announced length cannot outgrow it (HTTP framing): only its time is limited.
    // Read at once, in one piece: streaming it through a limiting stream cost a write request
    // about a third of its CPU.
    const length = Number(declared);
    if (!unread && length > 0 && length <= BUFFERED_BYTES) {
      const request = c.req.raw;
      if (isJsonType(request.headers.get("content-type") ?? "")) {
        // Handed to `readJsonBody` as text (`buffered_body.ts`): no new Request to read back.
        // Decoded by the runtime in one call: cheaper than the bytes then a `TextDecoder`.
        keepBody(request, await buffered(() => request.text(), bodyTimeoutMs));
      } else {
        const bytes = await buffered(() => request.arrayBuffer(), bodyTimeoutMs);
        c.req.raw = requestWithBody(request, bytes);
      }
      return await next();
    }
    const body = unread ? null : c.req.raw.body;
    if (!body) return await next();

    let breach: Breach | undefined;
    const reader = body.getReader();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let received = 0;
    const limited = new ReadableStream<Uint8Array>({
      start(controller) {
        timer = setTimeout(() => {
          breach = { status: 408, message: `The request body took over ${bodyTimeoutMs} ms` };
          controller.error(new HttpError(408, breach.message));
          reader.cancel().catch(() => {});
        }, bodyTimeoutMs);
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (breach) return;
          if (done) {
            clearTimeout(timer);
            controller.close();
            return;
          }
          received += value.byteLength;
          if (received > limit) {
            breach = { status: 413, message: tooLarge };
            clearTimeout(timer);
            controller.error(new HttpError(413, tooLarge));
            await reader.cancel();
            return;
          }
          controller.enqueue(value);
        } catch (error) {
          clearTimeout(timer);
          if (!breach) controller.error(error);
        }
      },
      cancel(reason) {
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    c.req.raw = requestWithBody(c.req.raw, limited);
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
    if (breach) {
      c.res = undefined;
      c.res = plainJson(errorBody(breach.status, breach.message), breach.status);
    }
  };
  return function requestLimitsMiddleware(c, next) {
    const request = c.req.raw;
    const url = request.url;
    if (url.length - url.indexOf("/", url.indexOf("//") + 2) > maxUrlLength) {
      throw new HttpError(414, `The request target is longer than ${maxUrlLength} characters`);
    }
    const declared = request.headers.get("content-length");
    // No route reads the body of a GET or HEAD, so only its announced size is checked (reading
    // `Request#body` builds a stream: measurable on the hottest requests).
    const unread = request.method === "GET" || request.method === "HEAD";
    return unread && declared === null ? next() : limitBody(c, next, declared, unread);
  };
}
