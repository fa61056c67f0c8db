/**
 * Transmission (Superdesk's `publish:transmit`): a task run by the worker threads from the
 * `publish` queue, naming the destinations with entries to send. A run sends to all of them at
 * once, each under a lock of its own (one sender per destination across every thread and
 * process: the per-destination concurrency limit) and in order (`transmit_destination.ts`).
 *
 * No request is ever lost: a run that finds a destination locked leaves it to the holder, and a
 * holder looks again after releasing its lock (and takes it again if something is due), so an
 * entry stored while a run was finishing is still sent. An entry waiting for its retry time gets
 * a delayed request for that time; the periodic sweep requests every destination with due
 * entries, which covers a request lost with a crash between storing and enqueueing.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { type LockService, withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask, type TaskDefinition } from "../tasks/task_definition.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { PublishQueueService } from "./publish_queue_service.ts";
import { drainDestination, type DrainOptions, type TransmitRetry } from "./transmit_destination.ts";
import { sharedTransmitReads, type TransmitReads } from "./transmit_reads.ts";
import { sharedTransmitWrites } from "./transmit_writes.ts";
import type { Transmitter } from "./transmitters/transmitter.ts";

export type { TransmitRetry } from "./transmit_destination.ts";

/** The task's name. */
export const TRANSMIT_TASK = "publish:transmit";

/**
 * How long a destination's lock lives without renewal (renewed every third of it while the run
 * holds it): after a worker dies, its destinations wait at most this long for another one.
 */
const LOCK_TTL_MS = 15_000;

/** Destinations one run sends to at once; more are handed to another run. */
const MAX_DESTINATIONS = 32;

/** What the task needs from the worker's platform. */
export interface TransmitServices {
  registry: ResourceRegistry;
  locks: LockService;
  queue: TaskQueue;
}

/** The task's arguments. */
export interface TransmitArgs {
  destinations: string[];
}

/** Asks the workers to send the due entries of `destinations` (now, or at `at`). */
export async function requestTransmission(
  queue: TaskQueue,
  destinations: Iterable<string>,
  at?: Date,
): Promise<void> {
  const list = [...new Set(destinations)].filter(Boolean).sort();
  if (list.length === 0) return;
  await queue.enqueue({ name: TRANSMIT_TASK, queue: "publish" }, { destinations: list }, { at });
}

/** The task, sending with `transmitters`. */
export function createTransmitTask(
  transmitters: ReadonlyMap<string, Transmitter>,
  retry: TransmitRetry,
): TaskDefinition<TransmitArgs, TransmitServices> {
  return defineTask<TransmitArgs, TransmitServices>({
    name: TRANSMIT_TASK,
    queue: "publish",
    timeoutMs: 30 * 60_000,
    async handler({ destinations = [] }, { services, signal, log }) {
      const mine = destinations.slice(0, MAX_DESTINATIONS);
      await requestTransmission(services.queue, destinations.slice(MAX_DESTINATIONS));
      const subscribers = services.registry.service("subscribers");
      const subscriberOf = memoize((id: unknown) => subscribers.findOne({ _id: id }));
      const queue = services.registry.service<PublishQueueService>("publish_queue");
      const reads = sharedTransmitReads(queue);
      const writes = sharedTransmitWrites(queue);
      const options = { transmitters, retry, log, signal, subscriberOf, reads, writes };
      const results = await Promise.allSettled(
        mine.map((destination) => serveDestination(services, destination, options)),
      );
      const failure = results.find((result) => result.status === "rejected");
      if (failure) throw failure.reason;
    },
  });
}

/**
 * Drains `destination` under its lock, then looks again once the lock is released: what was
 * stored meanwhile is sent by this run, or by the run that holds the lock now.
 */
async function serveDestination(
  services: TransmitServices,
  destination: string,
  options: DrainOptions & { reads: TransmitReads },
): Promise<void> {
  for (;;) {
    const outcome = await withLock(
      services.locks,
      `publish:transmit:${destination}`,
      LOCK_TTL_MS,
      (lost) =>
        drainDestination(services.registry, destination, {
          ...options,
          signal: AbortSignal.any([options.signal, lost]),
        }),
    );
    if (!outcome.acquired) return;
    const { end } = outcome.value;
    if (!end.done) {
      await requestTransmission(services.queue, [destination], end.retryAt);
      return;
    }
    if (!await options.reads.hasDue(destination)) return;
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

/** The name of the sweep that requests transmission of every destination with work left. */
export const TRANSMIT_SWEEP_TASK = "publish:transmit_sweep";

/** What the sweep needs. */
export interface TransmitSweepServices {
  registry: ResourceRegistry;
  queue: TaskQueue;
}

/**
 * Requests a transmission for every destination with due entries (Superdesk's beat entry
 * `publish:transmit`): catches requests lost to a crash between storing and enqueueing.
 */
export const transmitSweepTask = defineTask<Record<string, never>, TransmitSweepServices>({
  name: TRANSMIT_SWEEP_TASK,
  queue: "publish",
  async handler(_args, { services }) {
    const queue = services.registry.service<PublishQueueService>("publish_queue");
    const subscribers = await services.registry.service("subscribers").find({
      page: 1,
      maxResults: 100_000,
      skipCount: true,
      projection: { destinations: 1 },
    });
    const known = subscribers.items.flatMap((subscriber) =>
      ((subscriber.destinations as Doc[] | undefined) ?? []).map((d) => String(d._id ?? ""))
    );
    const due: string[] = [];
    for (const destination of known) {
      if (destination && await queue.hasDue(destination)) due.push(destination);
    }
    due.push(...await queue.orphanDestinations(new Set(known)));
    await requestTransmission(services.queue, due);
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
