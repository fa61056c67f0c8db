/**
 * A deterministic count of the engine calls an app makes, for tests that pin how many a request
 * costs (so a later change cannot add one unnoticed): every call of a document-store
 * collection's methods (one query or write on MongoDB, one statement on the embedded store),
 * every call of the search index, every call of the bus but `subscribe` (a publish is Redis when
 * it is configured). `waves` counts the calls that began while none was in flight: calls awaited
 * one after another are a wave each, calls started together share one, so it is the number of
 * round trips a request waits for in a row (its latency on a networked engine), not their total.
 *
 * Every call is seen, whenever its object was taken: the counter wraps the methods of the
 * seams' objects themselves (both stores hand out one object per collection name, so a
 * collection a service kept from before the counter began, like the login's rate-limit counters,
 * is the object wrapped), of each registered resource's collection at once and of any other the
 * first time it is asked for, and of the collection a `reserve` body is given. What it does not
 * tell: a count the count cache answers (MongoDB) is counted though it asks nothing; `reserve` is
 * listed but is no wave of its own (the calls in its body are; FerretDB's claim around them is
 * not counted); a `scanVersions` is one call, not one per batch, and a `beginRebuild`'s
 * `Rebuild` is not followed. The task queue, the locks and media storage are not counted.
 */
import type { Platform } from "../src/platform.ts";
import type { NotificationBus } from "../src/notify/notification_bus.ts";
import { within } from "./notify/_collect.ts";
import type { SearchIndex } from "../src/search/search_index.ts";
import type { Collection } from "../src/storage/document_store.ts";

/** What `countRoundTrips` has counted since it began or was last reset. */
export interface RoundTrips {
  /** Document-store calls, each as `collection.method`, in the order they were made. */
  store: string[];
  /** Search-index calls, by method name, in order. */
  search: string[];
  /** Bus calls, by method name, in order. */
  bus: string[];
  /** Calls (but `reserve`) begun while none was in flight. */
  waves: number;
}

/** A counter installed on a platform; `restore` removes it. */
export interface RoundTripCounter {
  readonly counts: RoundTrips;
  reset(): void;
  restore(): void;
}

/**
 * Every collection method (the compiler asks for a new one here): true where a call is a round
 * trip waited for, false for `reserve`, whose body's calls are.
 */
const COLLECTION_METHODS = {
  insertMany: true,
  insertManyJson: true,
  findOne: true,
  find: true,
  findJson: true,
  findOneJson: true,
  count: true,
  updateOne: true,
  modify: true,
  setFieldsJson: true,
  incrementOne: true,
  replaceOne: true,
  deleteOne: true,
  deleteMany: true,
  ensureIndexes: true,
  drop: true,
  reserve: false,
} as const satisfies Record<keyof Collection, boolean>;

/** Every search-index method but `close` (the compiler asks for a new one here). */
const SEARCH_METHODS = {
  ensureIndex: true,
  index: true,
  remove: true,
  search: true,
  getVersions: true,
  scanVersions: true,
  count: true,
  beginRebuild: true,
  drop: true,
  currentIndex: true,
  liveMapping: true,
  ping: true,
} as const satisfies Record<Exclude<keyof SearchIndex, "engine" | "close">, true>;

/** Every bus method that asks the engine (the compiler asks for a new one here). */
const BUS_METHODS = { publish: true, history: true, ping: true } as const satisfies Record<
  Exclude<keyof NotificationBus, "subscribe" | "close">,
  true
>;

type Method = (...args: unknown[]) => unknown;

/** Starts counting `platform`'s round trips (until `restore`). */
export function countRoundTrips(platform: Platform): RoundTripCounter {
  const counts: RoundTrips = { store: [], search: [], bus: [], waves: 0 };
  let inFlight = 0;
  const track = <T>(result: T): T => {
    if (!(result instanceof Promise)) return result;
    if (inFlight++ === 0) counts.waves++;
    return result.finally(() => inFlight--) as T;
  };
  const restores: Array<() => void> = [];
  /** Replaces `owner[name]` (a method) by `wrap(original)` until `restore`. */
  const patch = (owner: object, name: string, wrap: (original: Method) => Method) => {
    const record = owner as Record<string, unknown>;
    const own = Object.hasOwn(owner, name);
    const before = record[name];
    if (typeof before !== "function") return;
    record[name] = wrap((before as Method).bind(owner));
    restores.push(() => own ? record[name] = before : delete record[name]);
  };

  /** `name.method` calls of `collection` counted, in place or (`proxy`) on a stand-in. */
  const counted = new WeakSet<object>();
  const countCollection = (collection: Collection, name: string): Collection => {
    if (counted.has(collection)) return collection;
    counted.add(collection);
    restores.push(() => counted.delete(collection));
    for (const [method, roundTrip] of Object.entries(COLLECTION_METHODS)) {
      patch(collection, method, (original) => (...args) => {
        counts.store.push(`${name}.${method}`);
        if (roundTrip) return track(original(...args));
        // `reserve(id, body)`: the collection `body` is given is counted too.
        const [id, body] = args as [string, (reserved: Collection) => Promise<unknown>];
        return original(id, (reserved: Collection) => body(countCopy(reserved, name)));
      });
    }
    return collection;
  };
  /** A counted copy of `reserved` (a store's own object, or a new one per reservation). */
  const countCopy = (reserved: Collection, name: string): Collection =>
    counted.has(reserved) ? reserved : countCollection(Object.create(reserved), name);

  const { documents } = platform;
  patch(
    documents,
    "collection",
    (collection) => (name) => countCollection(collection(name) as Collection, String(name)),
  );
  for (const { datasource } of platform.registry.definitions()) {
    documents.collection(datasource.source);
  }
  for (const name of Object.keys(SEARCH_METHODS)) {
    patch(platform.search, name, (original) => (...args) => {
      counts.search.push(name);
      return track(original(...args));
    });
  }
  for (const name of Object.keys(BUS_METHODS)) {
    patch(platform.bus, name, (original) => (...args) => {
      counts.bus.push(name);
      return track(original(...args));
    });
  }
  return {
    counts,
    reset() {
      counts.store = [];
      counts.search = [];
      counts.bus = [];
      counts.waves = 0;
    },
    restore() {
      for (const restore of restores.reverse()) restore();
    },
  };
}

/**
 * Resolves once `bus` has delivered here every event published before the call (a marker
 * published now has come back). On Redis a process hears its own events after a round trip: a
 * late echo of a setup's `users` event would drop a warm session from the authenticator's cache
 * while a count runs, so a count that relies on a warm session waits for this first.
 */
export async function busDelivered(bus: NotificationBus): Promise<void> {
  const marker = crypto.randomUUID();
  const { promise, resolve } = Promise.withResolvers<void>();
  const unsubscribe = bus.subscribe(({ extra }) => {
    if (extra.marker === marker) resolve();
  });
  try {
    await bus.publish("test:delivered", { marker });
    await within(promise, "the bus's echo of a marker event");
  } finally {
    unsubscribe();
  }
}
