/**
 * The enqueue step (Superdesk's `publish:enqueue`): under one lock across all workers, published
 * copies still `pending` are taken in publish sequence order, each claimed with a
 * compare-and-set (so a copy is routed once, however many sweeps run), routed and formatted into
 * the publish queue, and their destinations' transmissions requested. A scheduled copy waits
 * until its time, then the archive item becomes `published` (a new version) first. A copy whose
 * action has not reached the archive yet holds back its item's later copies, so versions leave in
 * order; one whose action failed (it never reaches the archive) is dropped after a minute.
 */
import { epochMs } from "../epoch_ms.ts";
import type { Logger } from "../log.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { type LockService, withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { pushContentUpdate } from "../newsroom/content_events.ts";
import {
  enqueueForRoutes,
  type RoutingSnapshot,
  routingSnapshot,
  subscribersFor,
} from "./enqueue_copy.ts";
import type { PublishedService } from "./published_service.ts";
import { requestTransmission } from "./transmit_task.ts";

/** The task's name. */
export const ENQUEUE_TASK = "publish:enqueue";

const LOCK_NAME = "publish:enqueue";
const LOCK_TTL_MS = 5 * 60_000;
const PAGE = 200;
/** How long a copy may wait for its action to reach the archive before it is dropped. */
const UNCOMMITTED_GRACE_MS = 60_000;

/** What the enqueue step needs. */
export interface EnqueueServices {
  registry: ResourceRegistry;
  locks: LockService;
  queue: TaskQueue;
}

/** Asks the workers to run the enqueue step (now, or at `at`). */
export async function requestEnqueue(queue: TaskQueue, at?: Date): Promise<void> {
  const key = at ? `${ENQUEUE_TASK}:${at.getTime()}` : ENQUEUE_TASK;
  await queue.enqueue({ name: ENQUEUE_TASK, queue: "publish" }, {}, { uniqueKey: key, at });
}

/** Routes every due pending copy; returns how many were routed. */
export async function enqueuePublished(
  services: EnqueueServices,
  { log, signal, now = () => new Date() }: { log: Logger; signal?: AbortSignal; now?: () => Date },
): Promise<number> {
  const published = services.registry.service<PublishedService>("published");
  let routed = 0;
  for (;;) {
    signal?.throwIfAborted();
    const blocked = new Set<string>();
    let progress = false;
    let snapshot: RoutingSnapshot | undefined;
    for (const copy of await published.pending(PAGE)) {
      const itemId = String(copy.item_id);
      if (blocked.has(itemId)) continue;
      const readiness = await readinessOf(services.registry, copy, now());
      if (readiness === "wait") {
        blocked.add(itemId);
        continue;
      }
      if (readiness === "abandoned") {
        await published.transition(String(copy._id), { queue_state: "pending" }, {
          queue_state: "error",
          error_message: "The publishing action did not complete",
        });
        progress = true;
        continue;
      }
      const claimed = await published.transition(String(copy._id), { queue_state: "pending" }, {
        queue_state: "in_progress",
        last_queue_event: now(),
      });
      if (!claimed) continue;
      progress = true;
      snapshot ??= await routingSnapshot(services.registry);
      routed += await routeCopy(services, claimed, { log, snapshot }) ? 1 : 0;
    }
    if (!progress) return routed;
  }
}

/** Whether a pending copy can go now, must wait, or belongs to an action that failed. */
async function readinessOf(
  registry: ResourceRegistry,
  copy: Doc,
  now: Date,
): Promise<"go" | "wait" | "abandoned"> {
  const archive = registry.service<ArchiveService>("archive");
  const version = await archive.versions!.get(String(copy.item_id), Number(copy._current_version));
  const committed = version !== null &&
    epochMs(version.versioncreated) === epochMs(copy.versioncreated) &&
    version.operation === copy.operation;
  if (!committed) {
    const age = now.getTime() - epochMs(copy._created);
    return age > UNCOMMITTED_GRACE_MS ? "abandoned" : "wait";
  }
  if (copy.state === "scheduled" && scheduleOf(copy) > now.getTime()) return "wait";
  return "go";
}

/** The copy's publish time (ms), or 0 when it has none. */
export function scheduleOf(copy: Doc): number {
  const settings = (copy.schedule_settings ?? {}) as Doc;
  const at = epochMs(settings.utc_publish_schedule ?? copy.publish_schedule);
  return Number.isNaN(at) ? 0 : at;
}

/** Routes one claimed copy; records the outcome on it. */
async function routeCopy(
  services: EnqueueServices,
  claimed: Doc,
  { log, snapshot }: { log: Logger; snapshot: RoutingSnapshot },
): Promise<boolean> {
  const published = services.registry.service<PublishedService>("published");
  let copy = claimed;
  try {
    if (copy.state === "scheduled") copy = await fireSchedule(services, copy);
    const routes = await subscribersFor(services.registry, copy, snapshot);
    const { entries, destinations } = await enqueueForRoutes(services.registry, copy, routes, {
      log,
    });
    await published.transition(String(copy._id), {}, {
      queue_state: entries.length > 0 ? "queued" : "queued_not_transmitted",
      error_message: null,
    });
    for (const destination of destinations) {
      await requestTransmission(services.queue, { destination: { _id: destination } });
    }
    log.info("published item queued", {
      itemId: copy.item_id,
      version: copy._current_version,
      entries: entries.length,
    });
    return true;
  } catch (error) {
    log.error("enqueue of a published item failed", { itemId: copy.item_id, error });
    await published.transition(String(copy._id), {}, {
      queue_state: "error",
      error_message: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

/** A scheduled copy's time has come: the archive item becomes published (a new version). */
async function fireSchedule(services: EnqueueServices, copy: Doc): Promise<Doc> {
  const archive = services.registry.service<ArchiveService>("archive");
  const published = services.registry.service<PublishedService>("published");
  const versioncreated = new Date();
  const { original, stored } = await archive.updateChecked(
    String(copy.item_id),
    SYSTEM_ACTOR,
    () => Promise.resolve({ state: "published", versioncreated: versioncreated.toISOString() }),
  );
  const fired = await published.transition(String(copy._id), {}, {
    state: "published",
    versioncreated,
    _current_version: stored._current_version,
  });
  await pushContentUpdate(archive.notify, undefined, [original, stored]);
  await published.announcePublished(stored, { afterScheduled: true });
  return fired ?? copy;
}

/** The task: one sweep at a time across workers. */
export const enqueueTask = defineTask<Record<string, never>, EnqueueServices>({
  name: ENQUEUE_TASK,
  queue: "publish",
  timeoutMs: LOCK_TTL_MS,
  async handler(_args, { services, log, signal }) {
    const outcome = await withLock(
      services.locks,
      LOCK_NAME,
      LOCK_TTL_MS,
      (lost) => enqueuePublished(services, { log, signal: AbortSignal.any([signal, lost]) }),
    );
    if (!outcome.acquired) log.debug("enqueue already running elsewhere; skipped");
  },
});

/** The periodic sweep (Superdesk's beat entry `publish:enqueue`, every 10 s by default). */
export function enqueueSchedule(everyMs: number) {
  return defineSchedule({
    name: "publish_enqueue",
    task: { name: ENQUEUE_TASK, queue: "publish" },
    everyMs,
  });
}
