/**
 * Sending one destination's queue (Superdesk's `transmit_subscriber_items`): the entries still to
 * send are read in transmission order (publish sequence, hence version order) in batches; a
 * batch's entries are sent one after the other and completed (`success`) in one round of
 * writes, and a batch still sending after a second is claimed `in-progress` (one round)
 * meanwhile, so a destination costs one or two rounds per batch instead of two writes per entry
 * in turn. A permanent failure (HTTP 4xx, a bad configuration, an inactive subscriber) marks
 * the entry `failed` with the reason and goes on; a temporary one marks it `retrying` with
 * Superdesk's `retry_attempt` and `next_retry_attempt_at` (backoff), gives the rest of the batch
 * back and stops: the entries behind it wait, so order is kept. After `maxAttempts` temporary
 * failures the entry is `failed` too. An entry left `pending` or `in-progress` by a worker that
 * died is sent again with the same key and file name.
 */
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { backoffDelay } from "../tasks/backoff.ts";
import type { Backoff } from "../tasks/task_queue.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";
import type { TransmitReads } from "./transmit_reads.ts";
import type { EntryWriter, TransmitWrites } from "./transmit_writes.ts";
import { type Delivery, TransmitError, type Transmitter } from "./transmitters/transmitter.ts";

/** Entries read, sent and completed together. */
const BATCH = 50;

/** Retry settings of transmissions (Superdesk's MAX_TRANSMIT_RETRY_ATTEMPT and delay). */
export interface TransmitRetry {
  maxAttempts: number;
  backoff: Backoff;
}

/** What draining a destination needs. */
export interface DrainOptions {
  transmitters: ReadonlyMap<string, Transmitter>;
  retry: TransmitRetry;
  log: Logger;
  signal: AbortSignal;
  /** Reads a subscriber once per run. */
  subscriberOf(id: unknown): Promise<Doc | null>;
  /** How long a batch may be sending before its entries are shown `in-progress` (1 s). */
  claimAfterMs?: number;
  /** The reads of the run this drain belongs to (default: the queue's own, unshared). */
  reads?: TransmitReads;
  /** The completion writes of the run this drain belongs to (default: each batch's own). */
  writes?: TransmitWrites;
}

/** How a drain ended: nothing due is left, or the head entry waits for its retry time. */
export type DrainEnd = { done: true } | { done: false; retryAt: Date };

/** Sends every due entry of `destinationId`, in order. */
export async function drainDestination(
  registry: ResourceRegistry,
  destinationId: string,
  options: DrainOptions,
): Promise<{ sent: number; end: DrainEnd }> {
  const queue = registry.service<PublishQueueService>("publish_queue");
  let sent = 0;
  for (;;) {
    options.signal.throwIfAborted();
    const batch = await (options.reads ?? queue).waiting(destinationId, BATCH);
    const head = batch[0];
    if (!head) return { sent, end: { done: true } };
    const retryAt = retryTimeOf(head);
    if (retryAt && retryAt.getTime() > Date.now()) return { sent, end: { done: false, retryAt } };
    const outcome = await sendBatch(queue, batch, options);
    sent += outcome.sent;
    if (outcome.stopped) return { sent, end: outcome.stopped };
    // A short batch was all there was; what was stored since is found by the caller's look
    // after releasing the lock (`hasDue`), so no further read is needed here.
    if (batch.length < BATCH && outcome.whole) {
      return { sent, end: { done: true } };
    }
  }
}

/** When a `retrying` entry may be sent again (undefined when it may go now). */
function retryTimeOf(entry: Doc): Date | undefined {
  if (entry.state !== "retrying" || !entry.next_retry_attempt_at) return undefined;
  const at = new Date(entry.next_retry_attempt_at as string | Date);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * Sends one batch and completes it in one round of writes; `stopped` when a temporary failure
 * ended the drain, `whole` when every entry of the batch was settled. The entries are claimed
 * `in-progress` (one round) only when the batch is still sending after `claimAfterMs`: a short
 * send goes from `pending` to `success` directly, one durable write and one notification per
 * entry instead of two. A failed claim fails the batch once the send in flight returns: its
 * entries are left as they are, to be sent again. Crash safety does not rest on the claim: the destination's lock
 * keeps every other sender away, and an entry a dead worker left `pending` or `in-progress` is
 * sent again, with the same key, by the next holder.
 */
async function sendBatch(
  queue: PublishQueueService,
  batch: Doc[],
  options: DrainOptions,
): Promise<{ sent: number; stopped?: DrainEnd; whole: boolean }> {
  const writes = options.writes?.begin();
  try {
    return await sendAndComplete(queue, batch, options, writes ?? queue);
  } finally {
    writes?.end();
  }
}

/** `sendBatch` completing the batch through `completer` (the late claim writes at once). */
async function sendAndComplete(
  queue: PublishQueueService,
  batch: Doc[],
  options: DrainOptions,
  completer: EntryWriter,
): Promise<{ sent: number; stopped?: DrainEnd; whole: boolean }> {
  /** Each entry as stored now (the base of its next compare-and-set); null once changed by another. */
  const live: Array<Doc | null> = [...batch];
  /** The first entry not yet settled: a late claim takes it and those behind it. */
  let next = 0;
  /** The late claim, handled from its start: a worker thread dies of an unhandled rejection. */
  let claiming: Promise<void> | undefined;
  let claimFailure: { error: unknown } | undefined;
  const claimTimer = setTimeout(() => {
    const transmit_started_at = new Date();
    const unsettled = live.flatMap((entry, i) => entry && i >= next ? [i] : []);
    claiming = queue.advanceAll(unsettled.map((i) => ({
      entry: live[i]!,
      set: { state: "in-progress", transmit_started_at },
    }))).then(
      (claims) => claims.forEach((claim, k) => live[unsettled[k]!] = claim),
      (error) => void (claimFailure = { error }),
    );
  }, options.claimAfterMs ?? 1_000);
  /** Waits for the claim, if one started; throws what made it fail. */
  const claimed = async () => {
    if (claiming) await claiming;
    if (claimFailure) throw claimFailure.error;
  };
  const done: Array<{ entry: Doc; set: Doc }> = [];
  let stopped: DrainEnd | undefined;
  try {
    const texts = await (options.reads ?? queue).formattedItems(batch);
    for (; next < batch.length; next++) {
      await claimed();
      const entry = live[next];
      // Changed by someone else since it was read (a user cancelled it): this run stops here, what
      // lies behind is read again.
      if (!entry || options.signal.aborted) break;
      const transmit_started_at = new Date();
      const result = await sendOne(entry, texts.get(String(entry._id)) ?? "", options);
      // Cut off by the run itself (lease or lock lost): it stays as it is, to be sent again.
      if (result === "aborted") break;
      await claimed();
      const current = live[next];
      const set = result.ok
        ? { state: "success", transmit_started_at, completed_at: new Date(), error_message: null }
        : { transmit_started_at, ...result.set };
      if (current) done.push({ entry: current, set });
      else if (result.ok) changedMeanwhile(entry, options.log);
      if (!result.ok && result.retryAt) {
        stopped = { done: false, retryAt: result.retryAt };
        next++;
        break;
      }
    }
  } finally {
    clearTimeout(claimTimer);
    if (claiming) await claiming;
  }
  await claimed();
  // Entries claimed but not sent get their previous state back.
  const giveBack = live.slice(next).flatMap((entry, i) =>
    entry && entry.state !== batch[next + i]!.state
      ? [{ entry, set: { state: batch[next + i]!.state } }]
      : []
  );
  const stored = await completer.advanceAll([...done, ...giveBack]);
  let sent = 0;
  done.forEach(({ entry, set }, i) => {
    if (set.state !== "success") return;
    if (stored[i]) sent++;
    else changedMeanwhile(entry, options.log);
  });
  options.signal.throwIfAborted();
  return { sent, stopped, whole: next === batch.length && !stopped };
}

/** A sent entry someone else changed meanwhile (a user cancelled it) keeps their change. */
function changedMeanwhile(entry: Doc, log: Logger): void {
  log.warn("sent entry was changed meanwhile", {
    queueId: entry._id,
    destinationId: (entry.destination as Doc | undefined)?._id,
  });
}

type SendResult = { ok: true } | { ok: false; set: Doc; retryAt?: Date } | "aborted";

/** Sends one entry (`text`: its formatted item); on failure, its new fields (and when to retry it). */
async function sendOne(entry: Doc, text: string, options: DrainOptions): Promise<SendResult> {
  const destination = (entry.destination ?? {}) as Doc;
  const subscriber = await options.subscriberOf(entry.subscriber_id);
  const transmitter = options.transmitters.get(String(destination.delivery_type));
  const refusal = !subscriber
    ? "Subscriber not found"
    : subscriber.is_active !== true
    ? "Subscriber inactive"
    : !transmitter
    ? `Unknown delivery type "${destination.delivery_type}"`
    : undefined;
  if (refusal) return { ok: false, set: { state: "failed", error_message: refusal } };
  try {
    await transmitter!.transmit(deliveryOf(entry, text, subscriber!), { signal: options.signal });
    return { ok: true };
  } catch (error) {
    if (options.signal.aborted) return "aborted";
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof TransmitError && error.permanent;
    const attempts = Number(entry.retry_attempt ?? 0) + 1;
    const failed = permanent || attempts >= options.retry.maxAttempts;
    options.log.warn("transmission failed", {
      queueId: entry._id,
      destinationId: destination._id,
      permanent,
      attempts,
      error: message,
    });
    if (failed) {
      return {
        ok: false,
        set: { state: "failed", error_message: message, retry_attempt: attempts },
      };
    }
    const retryAt = new Date(
      Date.now() + backoffDelay(options.retry.backoff, attempts, { random: () => 1 }),
    );
    return {
      ok: false,
      set: {
        state: "retrying",
        error_message: message,
        retry_attempt: attempts,
        next_retry_attempt_at: retryAt,
      },
      retryAt,
    };
  }
}

function deliveryOf(entry: Doc, text: string, subscriber: Doc): Delivery {
  return {
    key: String(entry._id),
    itemId: String(entry.item_id),
    itemVersion: Number(entry.item_version ?? 0),
    sequence: Number(entry.published_seq_num ?? 0),
    text,
    mimeType: String(entry.mime_type ?? "application/json"),
    extension: String(entry.file_extension ?? "txt"),
    destination: (entry.destination ?? {}) as Doc,
    subscriber,
  };
}
