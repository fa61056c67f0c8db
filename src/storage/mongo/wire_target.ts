/**
 * Whether a `MONGO_URI` can be served by our own connections (`wire_pool.ts`), and where they
 * connect: `mongodb://` to one host, without credentials, TLS or any option that changes what a
 * command needs (authentication, TLS, replica set, read preference, write concern, compression,
 * socket timeouts). Any other URI keeps every command on the `npm:mongodb` driver.
 */

/**
 * Our default `serverSelectionTimeoutMS`: an operation without a server fails after 3 s (the
 * driver's own wait is 30 s), so requests and `/ready` answer 503 promptly while the engine is
 * away. The driver's client gets it (`mongo_client.ts`) and our own connections wait as long to
 * open one. Kept here, apart from the driver, which `wire_pool.ts` does not load.
 */
export const SERVER_SELECTION_TIMEOUT_MS = 3000;

/** Options that leave a standalone server's command exchange as `wire_pool.ts` makes it. */
const NEUTRAL_OPTIONS = new Set([
  "appname",
  "connecttimeoutms",
  "serverselectiontimeoutms",
  "maxpoolsize",
  "minpoolsize",
  "maxidletimems",
  "heartbeatfrequencyms",
  "retryreads",
  "retrywrites",
  "directconnection",
]);

/** The neutral options read as whole numbers. */
const NUMBER_OPTIONS = new Set(["maxpoolsize", "connecttimeoutms", "serverselectiontimeoutms"]);

/** The longest delay `setTimeout` keeps (a longer one fires at once). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Where `wire_pool.ts` connects for `uri`, or undefined when the driver must serve it. */
export interface WireTarget {
  hostname: string;
  port: number;
  /** The URI's `maxPoolSize`, when set. */
  maxConnections?: number;
  /**
   * The URI's `connectTimeoutMS`, else its `serverSelectionTimeoutMS` (which bounds the driver's
   * wait for a server it has no connection to), when set (0: the driver's "no limit").
   */
  connectTimeoutMs?: number;
}

/** The target of `uri` (see the module doc), or undefined. */
export function wireTarget(uri: string): WireTarget | undefined {
  const match = /^mongodb:\/\/([^/?#]*)(?:\/[^?#]*)?(?:\?([^#]*))?$/.exec(uri);
  if (!match) return undefined;
  const [, authority = "", query = ""] = match;
  if (authority.includes("@") || authority.includes(",") || authority.includes("%")) {
    return undefined;
  }
  const host = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!host) return undefined;
  const hostname = host[1]!.replace(/^\[(.*)\]$/, "$1");
  const port = Number(host[2] ?? 27017);
  if (port < 1 || port > 65535) return undefined;
  let maxConnections: number | undefined;
  let connectTimeoutMs: number | undefined;
  let selectionTimeoutMs: number | undefined;
  // An option named twice in different case: the driver reads the first and ignores the others.
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(query)) {
    const key = name.toLowerCase();
    if (!NEUTRAL_OPTIONS.has(key)) return undefined;
    if (seen.has(key)) continue;
    seen.add(key);
    if (NUMBER_OPTIONS.has(key)) {
      const number = Number(value);
      if (!Number.isInteger(number) || number < 0) return undefined;
      // 0 means no limit to the driver, for each (a timer's longest delay stands for it).
      if (key === "maxpoolsize") maxConnections = number || Number.MAX_SAFE_INTEGER;
      else if (key === "connecttimeoutms") connectTimeoutMs = number || LONGEST_TIMER_MS;
      else selectionTimeoutMs = number || LONGEST_TIMER_MS;
    }
  }
  connectTimeoutMs ??= selectionTimeoutMs;
  return {
    hostname,
    port,
    ...(maxConnections === undefined ? {} : { maxConnections }),
    ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
  };
}
