/**
 * The `npm:mongodb` client for `MONGO_URI`, with our defaults for the options the URI leaves
 * unset. The driver lets an option in its options object win over the same option in the URI's
 * query (`parseOptions`: the object's value first), so a default of ours is passed only when
 * the URI does not name that option: an option in MONGO_URI always takes effect.
 */
import { MongoClient, type MongoClientOptions } from "mongodb";
import { SERVER_SELECTION_TIMEOUT_MS } from "./wire_target.ts";

/** Our defaults, each passed only when the URI does not name it. */
const DEFAULTS: Readonly<MongoClientOptions> = {
  serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
};

/** Creates the client for `uri` (it connects on its first operation). */
export function createMongoClient(uri: string): MongoClient {
  const named = uriOptionNames(uri);
  const defaults = Object.entries(DEFAULTS).filter(([name]) => !named.has(name.toLowerCase()));
  return new MongoClient(uri, Object.fromEntries(defaults));
}

/**
 * The option names in `uri`'s query, lower-cased (the driver reads them case-insensitively).
 * The driver refuses `?` and `#` unescaped in credentials, so a fragment starts at the first `#`
 * and the query at the first `?` before it (a `?` in the fragment names no option).
 */
function uriOptionNames(uri: string): Set<string> {
  const fragment = uri.indexOf("#");
  const beforeFragment = fragment < 0 ? uri : uri.slice(0, fragment);
  const start = beforeFragment.indexOf("?");
  if (start < 0) return new Set();
  const query = beforeFragment.slice(start + 1);
  return new Set([...new URLSearchParams(query).keys()].map((name) => name.toLowerCase()));
}
