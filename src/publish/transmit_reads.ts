/**
 * The reads one transmission run shares across the destinations it drains in parallel: the
 * waiting entries of the destinations that ask within one turn of the event loop (every
 * destination at the start of a run, as their locks are taken in one write) are read in one
 * query; so is whether entries are due, for those that look after releasing their locks
 * together (`transmit_writes.ts` keeps the destinations in step); and formatted items are read
 * once per run, those asked for within one turn in one query (the destinations of a NINJS copy
 * share one stored text, which each would otherwise read and decode on its own).
 */
import { setImmediate } from "node:timers";
import type { Doc } from "../storage/document_store.ts";
import { formattedItemsWith, type PublishQueueService } from "./publish_queue_service.ts";

/** Formatted items kept by one run; beyond it the run starts a fresh cache. */
const MAX_CACHED_TEXTS = 1000;

/** What a destination's drain reads (`PublishQueueService` reads alone, or a run's shared ones). */
export interface TransmitReads {
  /** The first `limit` entries of a destination still to transmit, in transmission order. */
  waiting(destinationId: string, limit: number): Promise<Doc[]>;
  /** The formatted item of each of `entries`, by entry id. */
  formattedItems(entries: readonly Doc[]): Promise<Map<string, string>>;
  /** Whether a destination has an entry to send now. */
  hasDue(destinationId: string): Promise<boolean>;
}

/** Shared reads for one run over `queue`. */
export function sharedTransmitReads(queue: PublishQueueService): TransmitReads {
  const waitingBy = new Map<number, (destinationId: string) => Promise<Doc[] | undefined>>();
  const texts = new Map<string, Promise<string | undefined>>();
  const readTexts = perTurn<string, string>((ids) => queue.payloadTexts(ids));
  const readDue = perTurn<string, true>(async (ids) =>
    new Map([...await queue.dueAmong(ids)].map((id) => [id, true]))
  );
  return {
    async hasDue(destinationId) {
      return await readDue(destinationId) === true;
    },
    waiting(destinationId, limit) {
      let read = waitingBy.get(limit);
      if (!read) {
        read = perTurn<string, Doc[]>((ids) => queue.waitingOf(ids, limit));
        waitingBy.set(limit, read);
      }
      return read(destinationId).then((entries) => entries ?? []);
    },
    formattedItems(entries) {
      return formattedItemsWith(entries, async (ids) => {
        if (texts.size + ids.length > MAX_CACHED_TEXTS) texts.clear();
        const reads = ids.map((id) => {
          let text = texts.get(id);
          if (!text) {
            texts.set(id, text = readTexts(id));
            // A failed read is not kept: the next batch asks again.
            text.catch(() => texts.delete(id));
          }
          return text;
        });
        const values = await Promise.all(reads);
        const found = new Map<string, string>();
        ids.forEach((id, i) => values[i] !== undefined && found.set(id, values[i]!));
        return found;
      });
    },
  };
}

/**
 * `load` for the keys asked within one turn of the event loop, in one call (each key once);
 * every caller gets its key's value (undefined when `load` found none) or `load`'s error.
 */
function perTurn<K, V>(
  load: (keys: K[]) => Promise<Map<K, V>>,
): (key: K) => Promise<V | undefined> {
  let asked: Map<K, PromiseWithResolvers<V | undefined>> | undefined;
  return (key) => {
    if (!asked) {
      const batch = asked = new Map();
      setImmediate(() => {
        asked = undefined;
        load([...batch.keys()]).then(
          (values) => batch.forEach((waiter, k) => waiter.resolve(values.get(k))),
          (error) => batch.forEach((waiter) => waiter.reject(error)),
        );
      });
    }
    let waiter = asked.get(key);
    if (!waiter) asked.set(key, waiter = Promise.withResolvers());
    return waiter.promise;
  };
}
