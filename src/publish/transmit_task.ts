/**
 * Transmission (Superdesk's `transmit_subscriber_items` and `transmit_item`): one task per
 * destination, run by the worker threads from the `publish` queue. Under a lock per destination
 * (so one thread at a time sends to it: the per-destination concurrency limit), it sends the
 * destination's entries one by one in transmission order (publish sequence, hence version
 * order): `pending` → `in-progress` → `success`. A permanent failure marks the entry `failed`
 * with the reason and goes on; a temporary one marks it `retrying` and fails the task, which
 * the queue retries with backoff, holding back the entries behind it so order is kept; after
 * the last attempt the entry is `failed` and the task dead-lettered. An entry left `in-progress`
 * by a worker that died is sent again with the same key and file name.
 */
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { backoffDelay } from "../tasks/backoff.ts";
import { type LockService, withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask, type TaskDefinition } from "../tasks/task_definition.ts";
import type { Backoff, TaskQueue } from "../tasks/task_queue.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";
import type { Delivery, Transmitter } from "./transmitters/transmitter.ts";
import { TransmitError } from "./transmitters/transmitter.ts";

/** The task's name. */
export const TRANSMIT_TASK = "publish:transmit";

/**
 * How long a destination's lock lives without renewal (renewed every third of it while the task
 * runs): after a worker dies, its destinations wait at most this long for another one.
 */
const LOCK_TTL_MS = 15_000;

/** What the task needs from the worker's platform. */
export interface TransmitServices {
  registry: ResourceRegistry;
  locks: LockService;
}

/** Retry settings of transmissions (Superdesk's MAX_TRANSMIT_RETRY_ATTEMPT and delay). */
export interface TransmitRetry {
  maxAttempts: number;
  backoff: Backoff;
}

/** Asks the workers to transmit the entries of `entry`'s destination. */
export async function requestTransmission(queue: TaskQueue, entry: Doc): Promise<void> {
  const destination = String((entry.destination as Doc | undefined)?._id ?? "");
  if (!destination) return;
  await queue.enqueue({ name: TRANSMIT_TASK, queue: "publish" }, { destination }, {
    uniqueKey: `${TRANSMIT_TASK}:${destination}`,
  });
}

/** The task, sending with `transmitters`. */
export function createTransmitTask(
  transmitters: ReadonlyMap<string, Transmitter>,
  retry: TransmitRetry,
): TaskDefinition<{ destination: string }, TransmitServices> {
  return defineTask<{ destination: string }, TransmitServices>({
    name: TRANSMIT_TASK,
    queue: "publish",
    maxAttempts: retry.maxAttempts,
    backoff: retry.backoff,
    timeoutMs: 30 * 60_000,
    async handler({ destination }, { services, signal, log, attempt }) {
      const outcome = await withLock(
        services.locks,
        `publish:transmit:${destination}`,
        LOCK_TTL_MS,
        (lost) =>
          transmitDestination(services.registry, destination, {
            transmitters,
            log,
            signal: AbortSignal.any([signal, lost]),
            lastAttempt: attempt >= retry.maxAttempts,
            retryAt: () =>
              new Date(
                Date.now() + backoffDelay(retry.backoff, attempt, {
                  random: () => 1,
                }),
              ),
          }),
      );
      if (!outcome.acquired) log.debug("destination already being transmitted", { destination });
    },
  });
}

/** Entries read per round trip; each is still claimed and completed one by one, in order. */
const BATCH = 50;

/** Sends every entry of `destinationId` that is due, in order; throws on a temporary failure. */
export async function transmitDestination(
  registry: ResourceRegistry,
  destinationId: string,
  { transmitters, log, signal, lastAttempt = false, retryAt = () => new Date() }: {
    transmitters: ReadonlyMap<string, Transmitter>;
    log: Logger;
    signal: AbortSignal;
    lastAttempt?: boolean;
    retryAt?: () => Date;
  },
): Promise<number> {
  const queue = registry.service<PublishQueueService>("publish_queue");
  const subscribers = registry.service("subscribers");
  const subscriberOf = memoize((id: unknown) => subscribers.findOne({ _id: id }));
  let sent = 0;
  for (;;) {
    const batch = await queue.waiting(destinationId, BATCH);
    if (batch.length === 0) return sent;
    for (const entry of batch) {
      signal.throwIfAborted();
      const id = String(entry._id);
      const destination = (entry.destination ?? {}) as Doc;
      const subscriber = await subscriberOf(entry.subscriber_id);
      const transmitter = transmitters.get(String(destination.delivery_type));
      const refusal = !subscriber
        ? "Subscriber not found"
        : subscriber.is_active !== true
        ? "Subscriber inactive"
        : !transmitter
        ? `Unknown delivery type "${destination.delivery_type}"`
        : undefined;
      if (refusal) {
        if (!await queue.advance(entry, { state: "failed", error_message: refusal })) break;
        continue;
      }
      const claimed = await queue.advance(entry, {
        state: "in-progress",
        transmit_started_at: new Date(),
      });
      if (!claimed) break;
      try {
        await transmitter!.transmit(deliveryOf(claimed, subscriber!), { signal });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const permanent = error instanceof TransmitError && error.permanent;
        const failed = permanent || lastAttempt;
        await queue.advance(claimed, {
          state: failed ? "failed" : "retrying",
          error_message: message,
          retry_attempt: Number(claimed.retry_attempt ?? 0) + 1,
          next_retry_attempt_at: failed ? null : retryAt(),
        });
        log.warn("transmission failed", { queueId: id, destinationId, permanent, error: message });
        if (permanent) continue;
        throw error;
      }
      if (
        !await queue.advance(claimed, {
          state: "success",
          completed_at: new Date(),
          error_message: null,
        })
      ) {
        break;
      }
      sent++;
    }
  }
}

/** `load` called once per key within one run. */
function memoize<T>(load: (key: unknown) => Promise<T>): (key: unknown) => Promise<T> {
  const cache = new Map<unknown, Promise<T>>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, load(key));
    return cache.get(key)!;
  };
}

function deliveryOf(entry: Doc, subscriber: Doc): Delivery {
  return {
    key: String(entry._id),
    itemId: String(entry.item_id),
    itemVersion: Number(entry.item_version ?? 0),
    sequence: Number(entry.published_seq_num ?? 0),
    text: String(entry.formatted_item ?? ""),
    mimeType: String(entry.mime_type ?? "application/json"),
    extension: String(entry.file_extension ?? "txt"),
    destination: (entry.destination ?? {}) as Doc,
    subscriber,
  };
}

/** The name of the sweep that requests transmission of every destination with work left. */
export const TRANSMIT_SWEEP_TASK = "publish:transmit_sweep";

/** What the sweep needs. */
export interface TransmitSweepServices {
  registry: ResourceRegistry;
  queue: TaskQueue;
}

/**
 * Requests a transmission for every destination with entries not yet sent (Superdesk's beat
 * entry `publish:transmit`): catches requests lost to a crash between storing and enqueueing.
 */
export const transmitSweepTask = defineTask<Record<string, never>, TransmitSweepServices>({
  name: TRANSMIT_SWEEP_TASK,
  queue: "publish",
  async handler(_args, { services }) {
    const waiting = await services.registry.service<PublishQueueService>("publish_queue")
      .entries({ state: { $in: ["pending", "retrying", "in-progress"] } });
    const destinations = new Set(
      waiting.map((entry) => String((entry.destination as Doc | undefined)?._id ?? "")),
    );
    for (const destination of destinations) {
      if (destination) {
        await requestTransmission(services.queue, { destination: { _id: destination } });
      }
    }
  },
});

/** The periodic transmission sweep. */
export function transmitSweepSchedule(everyMs: number) {
  return defineSchedule({
    name: "publish_transmit",
    task: { name: TRANSMIT_SWEEP_TASK, queue: "publish" },
    everyMs,
  });
}
