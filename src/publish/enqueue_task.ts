/**
 * The enqueue step (Superdesk's `publish:enqueue`): under one lock across all workers, published
 * copies still `pending` are taken in the order they were stored (an item's versions oldest
 * first) a page at a time, numbered (`publish_sequence_no`, the transmission order), routed and
 * formatted into the publish queue (one write for a page's entries, whose ids follow from the
 * copy, so a copy routed twice is queued once), recorded as queued, and their destinations'
 * transmissions requested. A scheduled copy waits until its time, then the archive item becomes
 * `published` (a new version) first; a copy whose item is no longer scheduled for that time is
 * dropped. A copy whose action has not reached the archive yet holds back its item's later
 * copies, so versions leave in order; one whose action failed (it never reaches the archive) is
 * dropped after a minute. One copy of an item is routed per page.
 */
import { epochMs } from "../epoch_ms.ts";
import type { Logger } from "../log.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import { currentSequence, nextSequence, nextSequences } from "../resources/sequences.ts";
import { type LockService, withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { TaskQueue } from "../tasks/task_queue.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { pushContentUpdate } from "../newsroom/content_events.ts";
import {
  enqueueForRoutes,
  type RoutedCopy,
  routingSnapshot,
  subscribersFor,
} from "./enqueue_copy.ts";
import { packageCopies } from "./enqueue_package.ts";
import type { PublishedService } from "./published_service.ts";
import { deliverToContentApi } from "./content_api_delivery.ts";
import { requestTransmission } from "./transmit_task.ts";

/** The task's name. */
export const ENQUEUE_TASK = "publish:enqueue";

const LOCK_NAME = "publish:enqueue";
const LOCK_TTL_MS = 5 * 60_000;
const PAGE = 200;
/** How long a copy may wait for its action to reach the archive before it is dropped. */
const UNCOMMITTED_GRACE_MS = 60_000;

/** The counter of published copies' `publish_sequence_no` (Superdesk's name). */
export const PUBLISH_SEQUENCE = "published_item_sequence_no";

/** What the enqueue step needs. */
export interface EnqueueServices {
  registry: ResourceRegistry;
  documents: DocumentStore;
  locks: LockService;
  queue: TaskQueue;
}

/**
 * The counter of enqueue runs that looked for pending copies after a request (`bumpGeneration`):
 * a request that reads generation `g` is served by the run that ends generation `g`.
 */
export const ENQUEUE_GENERATION = "publish_enqueue_generation";

/** Per store: the generation this thread last requested a run for. */
const requested = new WeakMap<DocumentStore, { queue: TaskQueue; generation: number }>();

/**
 * Asks the workers to run the enqueue step for copies stored before the call (now, or at `at`).
 * Requests are coalesced: every request of generation `g` names the same task (unique key
 * `publish:enqueue:<g>`), which ends `g` only after a last look for pending copies, so a copy
 * whose request read `g` is always seen; a thread that already asked for `g` does not ask again.
 */
export async function requestEnqueue(
  queue: TaskQueue,
  documents: DocumentStore,
  at?: Date,
): Promise<void> {
  const task = { name: ENQUEUE_TASK, queue: "publish" as const };
  if (at) return void await queue.enqueue(task, {}, { at });
  const generation = await currentSequence(documents, ENQUEUE_GENERATION);
  const last = requested.get(documents);
  if (last?.queue === queue && last.generation === generation) return;
  await queue.enqueue(task, {}, { uniqueKey: `${ENQUEUE_TASK}:${generation}` });
  requested.set(documents, { queue, generation });
}

/** Ends the current generation: requests made from now on ask for another run. */
async function bumpGeneration(documents: DocumentStore): Promise<void> {
  await nextSequence(documents, ENQUEUE_GENERATION);
}

/** Routes every due pending copy, a page at a time; returns how many were routed. */
export async function enqueuePublished(
  services: EnqueueServices,
  { log, signal, now = () => new Date() }: { log: Logger; signal?: AbortSignal; now?: () => Date },
): Promise<number> {
  const published = services.registry.service<PublishedService>("published");
  let routed = 0;
  for (;;) {
    signal?.throwIfAborted();
    const { ready, abandoned } = await duePending(services.registry, now);
    if (ready.length === 0 && abandoned.length === 0) return routed;
    await published.transitionAll(abandoned.map((copy) => ({
      id: String(copy._id),
      expect: { queue_state: "pending" },
      set: { queue_state: "error", error_message: "The publishing action did not complete" },
    })));
    routed += await routeCopies(services, ready, { log, now });
  }
}

/**
 * A page of pending copies that can go now and of those whose action failed, one per item
 * (later versions of an item wait for the earlier one, routed in a page of their own: a
 * correction goes to the subscribers the entries of the publish name).
 */
async function duePending(
  registry: ResourceRegistry,
  now: () => Date,
): Promise<{ ready: Doc[]; abandoned: Doc[] }> {
  const published = registry.service<PublishedService>("published");
  const ready: Doc[] = [];
  const abandoned: Doc[] = [];
  const page = await published.pending(PAGE, now());
  if (page.length === 0) return { ready, abandoned };
  const lowest = await published.lowestPendingVersions(page);
  // The first copy of each item in the page; the item's others wait for it.
  const items = new Set<string>();
  const heads = page.filter((copy) =>
    !items.has(String(copy.item_id)) && items.add(String(copy.item_id))
  );
  const versions = await registry.service<ArchiveService>("archive").versions!.getEach(
    heads.map((copy) => ({ id: String(copy.item_id), version: Number(copy._current_version) })),
    ["versioncreated", "operation"],
  );
  for (const [i, copy] of heads.entries()) {
    const readiness = readinessOf(
      copy,
      versions[i] ?? null,
      now(),
      lowest.get(String(copy.item_id)),
    );
    if (readiness === "go") ready.push(copy);
    else if (readiness === "abandoned") abandoned.push(copy);
  }
  return { ready, abandoned };
}

/**
 * Whether a pending copy can go now, must wait, or belongs to an action that failed; `version`
 * is the archive's version of the item the copy names (null: not stored), `lowestPending` the
 * lowest version among its item's pending copies.
 */
function readinessOf(
  copy: Doc,
  version: Doc | null,
  now: Date,
  lowestPending = Infinity,
): "go" | "wait" | "abandoned" {
  const committed = version !== null &&
    epochMs(version.versioncreated) === epochMs(copy.versioncreated) &&
    version.operation === copy.operation;
  if (!committed) {
    const age = now.getTime() - epochMs(copy._created);
    return age > UNCOMMITTED_GRACE_MS ? "abandoned" : "wait";
  }
  if (copy.state === "scheduled" && scheduleOf(copy) > now.getTime()) return "wait";
  return lowestPending < Number(copy._current_version) ? "wait" : "go";
}

/** The copy's publish time (ms), or 0 when it has none. */
export function scheduleOf(copy: Doc): number {
  const settings = (copy.schedule_settings ?? {}) as Doc;
  const at = epochMs(settings.utc_publish_schedule ?? copy.publish_schedule);
  return Number.isNaN(at) ? 0 : at;
}

/**
 * Routes a page of ready copies: scheduled ones are fired first (claimed one by one, as a new
 * action may drop them, and left pending as published copies), then every copy's entries are
 * formatted and stored in one write with ids derived from the copy (routing a copy twice stores
 * its entries once), the copies are stored in the content API (idempotent too), the pending copies are recorded as queued in one write, and one transmission
 * is requested for every destination. Should storing fail, every copy is still pending.
 */
async function routeCopies(
  services: EnqueueServices,
  ready: Doc[],
  { log, now }: { log: Logger; now: () => Date },
): Promise<number> {
  const published = services.registry.service<PublishedService>("published");
  const copies: Doc[] = [];
  for (const copy of ready) {
    if (copy.state !== "scheduled") {
      copies.push(copy);
      continue;
    }
    const claimed = await published.transition(String(copy._id), { queue_state: "pending" }, {
      queue_state: "in_progress",
      last_queue_event: now(),
    });
    if (!claimed) continue;
    try {
      const fired = await fireSchedule(services, claimed);
      if (fired) copies.push(fired);
    } catch (error) {
      await recordFailure(published, claimed, error, log);
    }
  }
  const numbers = await nextSequences(services.documents, PUBLISH_SEQUENCE, {
    count: copies.length,
  });
  copies.forEach((copy, i) => copy.publish_sequence_no = numbers[i]);
  const snapshot = await routingSnapshot(services.registry);
  const routed: RoutedCopy[] = [];
  for (const copy of copies) {
    if (copy.type === "composite") continue;
    try {
      routed.push({ copy, routes: await subscribersFor(services.registry, copy, snapshot) });
    } catch (error) {
      await recordFailure(published, copy, error, log);
    }
  }
  const { entries, destinations } = await enqueueForRoutes(services.registry, routed, {
    log,
    ids: "derived",
    context: snapshot.context,
  });
  // A package goes where its items went: routed once their entries are stored, one at a time
  // (an inner package, stored before the package holding it, first).
  for (const copy of copies) {
    if (copy.type !== "composite") continue;
    try {
      const parts = await packageCopies(services.registry, copy, snapshot);
      const queued = await enqueueForRoutes(services.registry, parts, {
        log,
        ids: "derived",
        context: snapshot.context,
      });
      entries.push(...queued.entries);
      for (const destination of queued.destinations) destinations.add(destination);
      routed.push({ copy, routes: [] });
    } catch (error) {
      await recordFailure(published, copy, error, log);
    }
  }
  // Before the copies are recorded queued: a run that fails here routes them again.
  await deliverToContentApi(services.registry, routed);
  const queued = new Set(entries.map((entry) => String(entry.item_id)));
  await published.transitionAll(routed.map(({ copy }) => ({
    id: String(copy._id),
    expect: { queue_state: "pending" },
    set: {
      queue_state: queued.has(String(copy.item_id)) ? "queued" : "queued_not_transmitted",
      publish_sequence_no: copy.publish_sequence_no,
      last_published_version: true,
      error_message: null,
    },
  })));
  await published.supersede(routed.map(({ copy }) => copy));
  await requestTransmission(services.queue, destinations);
  log.info("published items queued", { items: routed.length, entries: entries.length });
  return routed.length;
}

/** Marks a copy whose routing failed with the reason. */
async function recordFailure(published: PublishedService, copy: Doc, error: unknown, log: Logger) {
  log.error("enqueue of a published item failed", { itemId: copy.item_id, error });
  await published.transition(String(copy._id), {}, {
    queue_state: "error",
    error_message: error instanceof Error ? error.message : String(error),
  });
}

/** Refuses to fire a copy whose item is no longer scheduled for the copy's time. */
class StaleSchedule extends Error {}

/**
 * A scheduled copy's time has come: the archive item becomes published (a new version). A copy
 * whose item was descheduled or rescheduled meanwhile (its removal raced this run, or never
 * happened) is removed instead, and null returned: nothing goes out that the item no longer says.
 */
async function fireSchedule(services: EnqueueServices, copy: Doc): Promise<Doc | null> {
  const archive = services.registry.service<ArchiveService>("archive");
  const published = services.registry.service<PublishedService>("published");
  const versioncreated = new Date();
  let written;
  try {
    written = await archive.updateChecked(String(copy.item_id), SYSTEM_ACTOR, (current) => {
      if (current.state !== "scheduled" || scheduleOf(current) !== scheduleOf(copy)) {
        throw new StaleSchedule();
      }
      return Promise.resolve({ state: "published", versioncreated: versioncreated.toISOString() });
    });
  } catch (error) {
    if (!(error instanceof StaleSchedule)) throw error;
    await published.discard(String(copy._id));
    return null;
  }
  const { original, stored } = written;
  // Pending again, now as a published copy: if routing fails below, the next run routes it
  // without firing it twice.
  const fired = await published.transition(String(copy._id), {}, {
    state: "published",
    versioncreated,
    _current_version: stored._current_version,
    queue_state: "pending",
  });
  await pushContentUpdate(archive.notify, undefined, [original, stored]);
  await archive.signals.emit("item:operation", {
    item: stored,
    operation: "publish",
    updates: { state: "published", versioncreated: stored.versioncreated },
  });
  await published.announcePublished(stored, { afterScheduled: true });
  return fired ?? copy;
}

/** The task: one sweep at a time across workers. */
export const enqueueTask = defineTask<Record<string, never>, EnqueueServices>({
  name: ENQUEUE_TASK,
  queue: "publish",
  timeoutMs: LOCK_TTL_MS,
  async handler(_args, { services, log, signal }) {
    // A run that finds the lock taken leaves its copies to the holder, which looks again after
    // releasing it. A run ends its generation (`requestEnqueue`) before it stops, and looks for
    // copies that can go after that (itself, or through a holder it saw after ending it): a
    // request that read the generation stored its copy and the item's version before, so the
    // copy is always seen, ready. A copy whose version is not stored yet is left to the request
    // that will store it (it reads a later generation), or, should that request never come, to
    // the periodic sweep once the copy is abandoned: runs never wait on it by looking again.
    let ended = false;
    for (;;) {
      const outcome = await withLock(
        services.locks,
        LOCK_NAME,
        LOCK_TTL_MS,
        (lost) => enqueuePublished(services, { log, signal: AbortSignal.any([signal, lost]) }),
      );
      if (!outcome.acquired) {
        if (ended) return log.debug("enqueue running elsewhere; left to it");
        await bumpGeneration(services.documents);
        ended = true;
        continue;
      }
      ended = false;
      await bumpGeneration(services.documents);
      const due = await duePending(services.registry, () => new Date());
      if (due.ready.length === 0 && due.abandoned.length === 0) return;
    }
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
