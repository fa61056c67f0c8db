/**
 * The completion writes of one transmission run, coalesced across the destinations it drains in
 * parallel: a destination that has sent its batch hands its entries' new states over and waits;
 * once every destination that was sending has handed its own over (or `MAX_HOLD_MS` after the
 * first one waits), they are all written in one round: one commit on the embedded store and one
 * post of their `publish_queue:update` notifications, instead of one per destination. A run's
 * destinations start together (their locks are taken in one write, their entries read in one
 * query: `transmit_reads.ts`), so they go on in step, round after round. A slow destination
 * holds the others' writes back by `MAX_HOLD_MS` at most; what was sent is already sent, and an
 * entry not yet written is sent again after a crash, with the same key, as before.
 */
import type { Doc } from "../storage/document_store.ts";

/** Longest a finished batch's writes wait for the other destinations' batches. */
const MAX_HOLD_MS = 10;

/** A change of one entry (see `PublishQueueService.advance`). */
export interface EntryChange {
  entry: Doc;
  set: Doc;
}

/** What completes entries (`PublishQueueService`, or one batch's share of a run's writes). */
export interface EntryWriter {
  /** Applies each change in one round: the stored entry, or null where it changed meanwhile. */
  advanceAll(changes: readonly EntryChange[]): Promise<Array<Doc | null>>;
}

/** One batch's share: its writes (at most once), and its end (always; idempotent). */
export interface BatchWrites extends EntryWriter {
  end(): void;
}

/** A run's coalesced writes: each batch being sent begins its share. */
export interface TransmitWrites {
  begin(): BatchWrites;
}

/** Coalesced writes over `queue` for one run. */
export function sharedTransmitWrites(queue: EntryWriter): TransmitWrites {
  let sending = 0;
  let held: Array<{ changes: readonly EntryChange[] } & PromiseWithResolvers<Array<Doc | null>>> =
    [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const round = held;
    held = [];
    for (const { changes, resolve, reject } of round) {
      queue.advanceAll(changes).then(resolve, reject);
    }
  };
  const settle = () => {
    if (sending === 0 && held.length > 0) flush();
  };
  return {
    begin() {
      sending++;
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        sending--;
      };
      return {
        advanceAll(changes) {
          const waiter = Promise.withResolvers<Array<Doc | null>>();
          held.push({ changes, ...waiter });
          close();
          settle();
          // Armed only while other batches are still sending (a lone destination's never is).
          if (held.length > 0) timer ??= setTimeout(flush, MAX_HOLD_MS);
          return waiter.promise;
        },
        end() {
          close();
          settle();
        },
      };
    },
  };
}
