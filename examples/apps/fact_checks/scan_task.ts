/**
 * The `fact_checks:scan` task: reads a story as it is now and records a pending check for each
 * claim not recorded yet. Idempotent (claims have stable ids), so a retry or two scans of one
 * story record each claim once. The app enqueues it when a story is created, updated or
 * published, one pending scan per story at a time.
 */
import { ConflictError, defineTask, type ServiceContext } from "@superdesk/app";
import { claimId, claimsOf } from "./claims.ts";

/** The task's arguments. */
export interface ScanArgs {
  /** The archive item's id. */
  item: string;
}

/** The task. */
export const scanTask = defineTask<ScanArgs>({
  name: "fact_checks:scan",
  maxAttempts: 3,
  async handler({ item: id }, { services, log }) {
    const item = await services.registry.service("archive").findOne({ _id: id });
    if (!item || item.state === "spiked") return;
    const checks = services.registry.service("fact_checks");
    let added = 0;
    for (const claim of claimsOf(item)) {
      try {
        await checks.create([{ _id: await claimId(id, claim), item: id, claim }]);
        added++;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    log.info("fact checks scanned", { item: id, added });
  },
});

/** Enqueues a scan of item `id` unless one is already waiting. */
export async function enqueueScan(services: ServiceContext, id: string): Promise<void> {
  await services.queue.enqueue(scanTask.name, { item: id } satisfies ScanArgs, {
    uniqueKey: `fact_checks:scan:${id}`,
  });
}
