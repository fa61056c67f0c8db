/**
 * A deterministic count of the engine round trips an app makes, for tests that pin how many a
 * request costs (so a later change cannot add one unnoticed): every call of a document-store
 * collection's methods (one query or write on MongoDB, one statement on the embedded store),
 * every call of the search index, every bus publish (Redis when it is configured). `waves` counts
 * the round trips that began while none was in flight: reads awaited one after another are a
 * wave each, reads started together share one, so it is the number of round trips a request
 * waits for in a row (its latency on a networked engine), not their total. Store calls are seen
 * through `documents.collection(name)` as services make them (`ResourceService.collection`); a
 * call through a collection object taken before the counter began is not.
 */
import type { Platform } from "../src/platform.ts";

/** What `countRoundTrips` has counted since it began or was last reset. */
export interface RoundTrips {
  /** Document-store calls, each as `collection.method`, in the order they were made. */
  store: string[];
  /** Search-index calls, by method name, in order. */
  search: string[];
  /** Bus publishes. */
  publishes: number;
  /** Round trips begun while none was in flight. */
  waves: number;
}

/** A counter installed on a platform; `restore` removes it. */
export interface RoundTripCounter {
  readonly counts: RoundTrips;
  reset(): void;
  restore(): void;
}

/** Starts counting `platform`'s round trips (until `restore`). */
export function countRoundTrips(platform: Platform): RoundTripCounter {
  const counts: RoundTrips = { store: [], search: [], publishes: 0, waves: 0 };
  let inFlight = 0;
  const track = <T>(result: T): T => {
    if (!(result instanceof Promise)) return result;
    if (inFlight++ === 0) counts.waves++;
    return result.finally(() => inFlight--) as T;
  };
  const restores: Array<() => void> = [];
  /** Replaces `owner[name]` (a method) by `wrap(original)` until `restore`. */
  const patch = <O extends object>(
    owner: O,
    name: string,
    wrap: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
  ) => {
    const record = owner as Record<string, unknown>;
    const own = Object.hasOwn(owner, name);
    const before = record[name];
    if (typeof before !== "function") return;
    record[name] = wrap((before as (...args: unknown[]) => unknown).bind(owner));
    restores.push(() => own ? record[name] = before : delete record[name]);
  };

  patch(platform.documents, "collection", (collection) => (...args) => {
    const target = collection(...args) as object;
    const name = String(args[0]);
    return new Proxy(target, {
      get(real, property) {
        const value = Reflect.get(real, property, real);
        if (typeof value !== "function" || typeof property !== "string") return value;
        return (...callArgs: unknown[]) => {
          counts.store.push(`${name}.${property}`);
          return track(Reflect.apply(value, real, callArgs));
        };
      },
    });
  });
  const search = platform.search as unknown as Record<string, unknown>;
  for (const name of ["search", "count", "get", "getVersions", "scanVersions"]) {
    patch(search, name, (original) => (...args) => {
      counts.search.push(name);
      return track(original(...args));
    });
  }
  patch(platform.bus, "publish", (original) => (...args) => {
    counts.publishes++;
    return track(original(...args));
  });
  return {
    counts,
    reset() {
      counts.store = [];
      counts.search = [];
      counts.publishes = 0;
      counts.waves = 0;
    },
    restore() {
      for (const restore of restores.reverse()) restore();
    },
  };
}
