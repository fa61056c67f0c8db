/**
 * The content-expiry task (Superdesk's `RemoveExpiredContent`, beat every 30 minutes, lock
 * `archive-remove_expired`): expires items whose `expiry` has passed, in batches
 * (`expire_items.ts`: spiked items deleted, published ones moved to `archived` ...), after
 * finishing what an earlier run recorded and left half-done. Idempotent:
 * an item changed meanwhile is skipped, so overlapping or repeated runs remove each item once
 * and nothing else.
 */
import type { Logger } from "../log.ts";
import { loadArchivedFilters, retirePublishedCopies } from "../publish/published_expiry.ts";
import type { PublishQueueService } from "../publish/publish_queue_service.ts";
import { objectIdAt } from "../resources/ids.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Filter } from "../storage/document_store.ts";
import { type LockService, withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { ArchiveService } from "./archive_service.ts";
import type { DesksService } from "./desks_service.ts";
import { expireBatch, type ExpiryRun } from "./expire_items.ts";
import { associationLookup, packageLookup } from "./expiry_referrers.ts";
import { clearIntent, pendingIntents } from "./expiry_intents.ts";

/** The task's name (Superdesk's CLI name for the same job). */
export const CONTENT_EXPIRY_TASK = "archive:remove_expired";

/** The single-flight lock a run holds, as Superdesk names it. */
const LOCK_NAME = "archive-remove_expired";
const LOCK_TTL_MS = 10 * 60_000;

/** What a run removed. */
export interface ExpiryResult {
  removed: number;
  batches: number;
}

/** Removes expired items (and versions, and published copies) in batches of `batchSize`. */
export async function removeExpiredContent(
  registry: ResourceRegistry,
  { now = new Date(), batchSize = 100, log, signal }: {
    now?: Date;
    batchSize?: number;
    log: Logger;
    signal?: AbortSignal;
  },
): Promise<ExpiryResult> {
  const archive = registry.service<ArchiveService>("archive");
  await finishRetired(registry, signal);
  const run = await expiryRun(registry, now);
  let removed = 0;
  let batches = 0;
  let afterId: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const batch = await archive.expiredItems({ now, afterId, limit: batchSize });
    if (batch.length === 0) break;
    batches++;
    const ids: Record<string, 1> = {};
    for (const id of await expireBatch(run, batch)) ids[id] = 1;
    const count = Object.keys(ids).length;
    if (count > 0) await archive.notify("item:expired", { items: ids });
    removed += count;
    afterId = String(batch[batch.length - 1]!._id);
    if (batch.length < batchSize) break;
  }
  await removeExpiredQueueEntries(registry, now);
  if (removed > 0) await archive.notify("content:expired", {});
  log.info("expired content removed", { removed, batches });
  return { removed, batches };
}

/**
 * Superdesk's `_remove_expired_publish_queue_items`: entries queued longer ago than
 * `PUBLISH_QUEUE_EXPIRY_MINUTES` go (Superdesk reads that time from their ids); with the legal
 * archive, only those already copied there, so the legal record loses none.
 */
async function removeExpiredQueueEntries(registry: ResourceRegistry, now: Date) {
  const { publishQueueExpiryMinutes: minutes, legalArchive } =
    registry.service<ArchiveService>("archive").options;
  if (!minutes) return;
  const cutoff = now.getTime() - minutes * 60_000;
  // An entry's id carries its copy's time, which a scheduled copy has from when it was made:
  // `_created` (when the entry was queued) decides, the id narrowing the read on its index.
  const filter: Filter = {
    _id: { $lt: objectIdAt(cutoff) },
    $or: [{ _created: { $lt: new Date(cutoff) } }, { _created: null }],
  };
  if (legalArchive) filter.moved_to_legal = true;
  await registry.service<PublishQueueService>("publish_queue").removeWhere(filter);
}

/** What every batch of a run shares: desks preserving published content, archived filters. */
async function expiryRun(registry: ResourceRegistry, now: Date): Promise<ExpiryRun> {
  const archive = registry.service<ArchiveService>("archive");
  return {
    registry,
    now,
    preservingDesks: await registry.service<DesksService>("desks").preservingPublished(),
    legalArchive: archive.options.legalArchive === true,
    archivedFilters: await loadArchivedFilters(registry),
    associatedWith: associationLookup(archive),
    packagesOf: packageLookup(archive),
  };
}

/**
 * Finishes the retirements a run recorded and did not complete (it stopped): where the item is
 * gone, its published copies are retired as recorded; where it is still there, it was not
 * deleted and stays.
 */
async function finishRetired(registry: ResourceRegistry, signal?: AbortSignal): Promise<void> {
  const archive = registry.service<ArchiveService>("archive");
  for (const intent of await pendingIntents(archive.documents)) {
    signal?.throwIfAborted();
    const [item] = await archive.storedItems([intent.itemId]);
    if (!item) await retirePublishedCopies(registry, intent.itemId, { archive: intent.archive });
    await clearIntent(archive.documents, intent.itemId);
  }
}

/** What the task needs from the worker's services container. */
export interface ContentExpiryServices {
  registry: ResourceRegistry;
  locks: LockService;
}

/** The task: one run at a time across workers, under Superdesk's lock name. */
export const contentExpiryTask = defineTask<{ batchSize?: number }, ContentExpiryServices>({
  name: CONTENT_EXPIRY_TASK,
  queue: "expiry",
  timeoutMs: LOCK_TTL_MS,
  async handler({ batchSize } = {}, { services, log, signal }) {
    const outcome = await withLock(
      services.locks,
      LOCK_NAME,
      LOCK_TTL_MS,
      (lost) =>
        removeExpiredContent(services.registry, {
          batchSize,
          log,
          signal: AbortSignal.any([signal, lost]),
        }),
    );
    if (!outcome.acquired) log.info("content expiry already running elsewhere; skipped");
  },
});

/** Every 30 minutes, as Superdesk's beat entry `apps.archive.content_expiry`. */
export const contentExpirySchedule = defineSchedule({
  name: "content_expiry",
  task: { name: CONTENT_EXPIRY_TASK, queue: "expiry" },
  everyMs: 30 * 60_000,
});
