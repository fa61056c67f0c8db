/**
 * The content-expiry task (Superdesk's `RemoveExpiredContent`, beat every 30 minutes, lock
 * `archive-remove_expired`): removes spiked items whose `expiry` has passed, with their
 * versions, in batches. Idempotent: an item already gone or changed meanwhile (unspiked) is
 * skipped, so overlapping or repeated runs remove each item once and nothing else.
 */
import type { Logger } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { type LockService, withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { ArchiveService } from "./archive_service.ts";

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

/** Removes expired spiked items (and versions) in batches of `batchSize`. */
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
  let removed = 0;
  let batches = 0;
  let afterId: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const batch = await archive.expiredSpiked({ now, afterId, limit: batchSize });
    if (batch.length === 0) break;
    batches++;
    const ids: Record<string, 1> = {};
    for (const item of batch) {
      if (await archive.deleteIfUnchanged(item)) ids[String(item._id)] = 1;
    }
    const count = Object.keys(ids).length;
    if (count > 0) await archive.notify("item:expired", { items: ids });
    removed += count;
    afterId = String(batch[batch.length - 1]!._id);
    if (batch.length < batchSize) break;
  }
  if (removed > 0) await archive.notify("content:expired", {});
  log.info("expired content removed", { removed, batches });
  return { removed, batches };
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
