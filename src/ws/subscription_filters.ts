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

/** Decides for one event whether a client with `args` should get it. */
export type FilterMatcher = (args: ClientArgs) => boolean;

/** The matcher of an event's `filters`, prepared once for all clients: each listed key with the
 * set of its values as text. Filters that cannot be read match no client (Superdesk excludes
 * the client then). */
export function filterMatcher(filters: NotificationFilters | undefined): FilterMatcher {
  const include = valueSets(filters?.include ?? {});
  const exclude = valueSets(filters?.exclude ?? {});
  if (!include || !exclude) return () => false;
  if (!include.length && !exclude.length) return () => true;
  const listed = (args: ClientArgs, [key, values]: [string, Set<string>]) =>
    key in args && values.has(args[key]!);
  return (args) =>
    include.every((entry) => listed(args, entry)) && !exclude.some((entry) => listed(args, entry));
}

/** True when an event with `filters` should reach a client with `args`. */
export function matchesFilters(
  args: ClientArgs,
  filters: NotificationFilters | undefined,
): boolean {
  return filterMatcher(filters)(args);
}

/** Each key with its values as text; undefined when a key's values are not a list. */
function valueSets(
  lists: Record<string, unknown>,
): Array<[string, Set<string>]> | undefined {
  const sets: Array<[string, Set<string>]> = [];
  for (const [key, values] of Object.entries(lists)) {
    if (!Array.isArray(values)) return undefined;
    sets.push([key, new Set(values.map(String))]);
  }
  return sets;
}
