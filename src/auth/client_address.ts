/**
 * The client's network address, for per-address login limits. It is the TCP peer from Hono's
 * connection info; `X-Forwarded-For` is deliberately not trusted, because any client can set it
 * to a fresh value on each attempt and so escape the limit. Behind a reverse proxy every client
 * shares the proxy's address until trusted proxies become configurable.
 */
import type { Context } from "hono";
import { getConnInfo } from "hono/deno";

/** Used when the request has no connection (in-process `app.request()` without an env). */
export const UNKNOWN_ADDRESS = "unknown";

/** The peer address of the request behind `c`. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? UNKNOWN_ADDRESS;
  } catch {
    return UNKNOWN_ADDRESS;
  }
}
