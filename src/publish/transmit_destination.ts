/**
 * Sending one destination's queue (Superdesk's `transmit_subscriber_items`): the entries still to
 * send are read in transmission order (publish sequence, hence version order) in batches; a batch
 * is claimed `in-progress` in one write, its entries are sent one after the other, and the sent
 * ones are marked `success` in one write, so a destination costs two writes per batch instead of
 * two per entry. A permanent failure (HTTP 4xx, a bad configuration, an inactive subscriber)
 * marks the entry `failed` with the reason and goes on; a temporary one marks it `retrying` with
 * Superdesk's `retry_attempt` and `next_retry_attempt_at` (backoff), gives the rest of the batch
 * back and stops: the entries behind it wait, so order is kept. After `maxAttempts` temporary
 * failures the entry is `failed` too. An entry left `in-progress` by a worker that died is sent
 * again with the same key and file name.
 */
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { backoffDelay } from "../tasks/backoff.ts";
import type { Backoff } from "../tasks/task_queue.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";
import { type Delivery, TransmitError, type Transmitter } from "./transmitters/transmitter.ts";

/** Entries claimed and sent together. */
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
    const batch = await queue.waiting(destinationId, BATCH);
    const head = batch[0];
    if (!head) return { sent, end: { done: true } };
    const retryAt = retryTimeOf(head);
    if (retryAt && retryAt.getTime() > Date.now()) return { sent, end: { done: false, retryAt } };
    const outcome = await sendBatch(queue, batch, options);
    sent += outcome.sent;
    if (outcome.stopped) return { sent, end: outcome.stopped };
  }
}

/** When a `retrying` entry may be sent again (undefined when it may go now). */
function retryTimeOf(entry: Doc): Date | undefined {
  if (entry.state !== "retrying" || !entry.next_retry_attempt_at) return undefined;
  const at = new Date(entry.next_retry_attempt_at as string | Date);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** Claims, sends and completes one batch; `stopped` when a temporary failure ended the drain. */
async function sendBatch(
  queue: PublishQueueService,
  batch: Doc[],
  options: DrainOptions,
): Promise<{ sent: number; stopped?: DrainEnd }> {
  const startedAt = new Date();
  const claims = await queue.advanceAll(
    batch.map((entry) => ({
      entry,
      set: { state: "in-progress", transmit_started_at: startedAt },
    })),
  );
  // Only an unbroken run from the head goes now; what lies behind an entry changed meanwhile is
  // given back and read again.
  const cut = claims.findIndex((claim) => claim === null);
  const claimed = (cut === -1 ? claims : claims.slice(0, cut)) as Doc[];
  const giveBack = cut === -1
    ? []
    : claims.slice(cut + 1).flatMap((claim, i) =>
      claim ? [{ entry: claim, set: { state: batch[cut + 1 + i]!.state } }] : []
    );
  const done: Array<{ entry: Doc; set: Doc }> = [];
  const giveBackFrom = (index: number) =>
    giveBack.push(
      ...claimed.slice(index).map((rest, i) => ({
        entry: rest,
        set: { state: batch[index + i]!.state },
      })),
    );
  const texts = await queue.formattedItems(claimed);
  let stopped: DrainEnd | undefined;
  let sent = 0;
  for (const [index, entry] of claimed.entries()) {
    if (options.signal.aborted) {
      giveBackFrom(index);
      break;
    }
    const result = await sendOne(entry, texts.get(String(entry._id)) ?? "", options);
    // Cut off by the run itself (lease or lock lost): it stays in-progress, to be sent again.
    if (result === "aborted") {
      giveBackFrom(index + 1);
      break;
    }
    if (result.ok) {
      sent++;
      done.push({
        entry,
        set: { state: "success", completed_at: new Date(), error_message: null },
      });
      continue;
    }
    done.push({ entry, set: result.set });
    if (!result.retryAt) continue;
    stopped = { done: false, retryAt: result.retryAt };
    giveBackFrom(index + 1);
    break;
  }
  await queue.advanceAll([...done, ...giveBack]);
  options.signal.throwIfAborted();
  return { sent, stopped };
}

type SendResult = { ok: true } | { ok: false; set: Doc; retryAt?: Date } | "aborted";

/** Sends one claimed entry (`text`: its formatted item); on failure, its new fields (and when to retry it). */
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
