/**
 * Request size and time limits, applied before any route runs: a request target longer than
 * `maxUrlLength` is a 414; a body announced (`Content-Length`) or found while streaming
 * (chunked) to exceed its limit is a 413 without reading the rest; a body still arriving after
 * `bodyTimeoutMs` is a 408. Every answer is the JSON envelope. Limits are per route prefix where
 * `routeBodyBytes` says so (uploads), else `maxBodyBytes`.
 *
 * Deno.serve has no timeout for request heads (measured: a connection that sends half a head is
 * held for minutes) and answers a 100 KB head with an empty 400 of its own, so
 * production should sit behind a reverse proxy with a header timeout (README, "Limits").
 */
import type { MiddlewareHandler } from "hono";
import { HttpError } from "../../errors.ts";
import { errorBody } from "../error_body.ts";

/** The limits; `routeBodyBytes` entries win over `maxBodyBytes` for paths under their prefix. */
export interface RequestLimitOptions {
  maxBodyBytes: number;
  maxUrlLength: number;
  bodyTimeoutMs: number;
  routeBodyBytes?: ReadonlyArray<{ prefix: string; maxBytes: number }>;
}

type Breach = { status: 408 | 413; message: string };

/** Creates the middleware. */
export function requestLimits(
  { maxBodyBytes, maxUrlLength, bodyTimeoutMs, routeBodyBytes = [] }: RequestLimitOptions,
): MiddlewareHandler {
  const bodyLimitOf = (path: string) =>
    routeBodyBytes.find(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))
      ?.maxBytes ?? maxBodyBytes;
  return async function requestLimitsMiddleware(c, next) {
    const url = c.req.url;
    const target = url.slice(url.indexOf("/", url.indexOf("//") + 2));
    if (target.length > maxUrlLength) {
      throw new HttpError(414, `The request target is longer than ${maxUrlLength} characters`);
    }
    const declared = c.req.header("content-length");
    // No route reads the body of a GET or HEAD, so only its announced size is checked (reading
    // `Request#body` builds a stream: measurable on the hottest requests).
    const unread = c.req.method === "GET" || c.req.method === "HEAD";
    if (unread && declared === undefined) return await next();
    const limit = bodyLimitOf(c.req.path);
    const tooLarge = `The request body is larger than ${limit} bytes`;
    if (declared !== undefined && Number(declared) > limit) throw new HttpError(413, tooLarge);
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
    c.req.raw = new Request(c.req.raw, { body: limited, duplex: "half" } as RequestInit);
    try {
      await next();
    } finally {
      clearTimeout(timer);
    }
    if (breach) {
      c.res = undefined;
      c.res = c.json(errorBody(breach.status, breach.message), breach.status);
    }
  };
}
