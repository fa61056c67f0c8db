/**
 * Superdesk's targeted delivery (superdesk.md §6, `websockets_comms.py`): a client that connects
 * on a path containing `/subscribe` keeps its query arguments (`?user=…&company=…`); an event
 * with `filters.include` reaches only clients whose arguments take one of the listed values for
 * every listed key, and `filters.exclude` removes clients whose argument takes a listed value.
 */
import type { NotificationFilters } from "../notify/notification.ts";

/** A client's subscription arguments: the first value of each query parameter. */
export type ClientArgs = Record<string, string>;

/** Query parameters that configure the connection and are never subscription arguments. */
export const RESERVED_PARAMS = ["token", "session_token", "last_event_id"];

/** The subscription arguments of a connection URL; empty unless the path has `/subscribe`. */
export function parseClientArgs(url: URL): ClientArgs {
  const args: ClientArgs = {};
  if (!url.pathname.includes("/subscribe")) return args;
  for (const [key, value] of url.searchParams) {
    if (!RESERVED_PARAMS.includes(key) && !(key in args)) args[key] = value;
  }
  return args;
}

/** True when an event with `filters` should reach a client with `args`. */
export function matchesFilters(
  args: ClientArgs,
  filters: NotificationFilters | undefined,
): boolean {
  const include = Object.entries(filters?.include ?? {});
  const exclude = Object.entries(filters?.exclude ?? {});
  if (include.length && !Object.keys(args).length) return false;
  const listed = (values: unknown, key: string) => {
    if (!Array.isArray(values)) throw new TypeError(`filter values of "${key}" are not a list`);
    return key in args && values.some((value) => String(value) === args[key]);
  };
  try {
    return include.every(([key, values]) => listed(values, key)) &&
      !exclude.some(([key, values]) => listed(values, key));
  } catch {
    // Superdesk excludes the client when the filters cannot be read.
    return false;
  }
}
