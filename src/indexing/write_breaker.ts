/**
 * A circuit breaker on index writes: once the engine is found unreachable, writes fail at once
 * (as `SearchIndexWriteError` with `unavailable`) for `openMs`, so during an outage requests do
 * not each wait for connection retries; their ids go to the outbox as usual. After `openMs` the
 * next write tries the engine again. Reads and everything else pass through untouched.
 */
import { type SearchIndex, SearchIndexWriteError } from "../search/search_index.ts";

/** Options of `withWriteBreaker`. */
export interface WriteBreakerOptions {
  /** How long writes skip the engine after it was found unreachable. */
  openMs?: number;
  now?: () => number;
}

/** `index` whose `index`/`remove` calls short-circuit while the engine is known to be down. */
export function withWriteBreaker(
  index: SearchIndex,
  { openMs = 1_000, now = Date.now }: WriteBreakerOptions = {},
): SearchIndex {
  let openUntil = 0;
  const guarded = async (resource: string, ids: string[], write: () => Promise<void>) => {
    if (ids.length && now() < openUntil) {
      throw new SearchIndexWriteError(
        resource,
        ids.map((_id) => ({ _id, reason: "search engine unreachable (retrying shortly)" })),
        { unavailable: true },
      );
    }
    try {
      await write();
    } catch (error) {
      if (error instanceof SearchIndexWriteError && error.unavailable) openUntil = now() + openMs;
      throw error;
    }
  };
  return {
    ...index,
    engine: index.engine,
    index: (resource, docs, options) =>
      guarded(resource, docs.map((d) => d._id), () => index.index(resource, docs, options)),
    remove: (resource, ids, options) =>
      guarded(resource, ids, () => index.remove(resource, ids, options)),
  };
}
