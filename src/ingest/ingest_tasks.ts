/**
 * Ingest's background work (Superdesk's `superdesk.io.update_ingest` beat task,
 * `update_provider` and `RemoveExpiredContent`): `ingest:update` runs every
 * INGEST_UPDATE_SECONDS on the worker role's scheduler and enqueues one `ingest:provider` task
 * per open provider that is due (unique per provider, so ticks never stack polls); that task
 * polls the provider under the lock `ingest-<id>`, so one poll of a provider runs at a time
 * across every worker process; `ingest:remove_expired` deletes expired ingest items every 30
 * minutes.
 */
import type { Logger } from "../log.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { withLock } from "../tasks/lock.ts";
import { defineSchedule, type Schedule } from "../tasks/schedule.ts";
import { defineTask, type TaskDefinition } from "../tasks/task_definition.ts";
import { feedingService } from "./feeding/feeding_services.ts";
import type { IngestService } from "./ingest_service.ts";
import { type PollDeps, pollProvider } from "./poll_provider.ts";
import { isDue } from "./provider_status.ts";
import { routeWith } from "./routing/apply_routing.ts";
import { loadScheme } from "./routing/load_scheme.ts";
import type { PublishRoutedItem } from "./routing/publish_action.ts";
import { routingMacros } from "./routing/routing_macro.ts";
import type { MacroList } from "../apps/macro_registry.ts";

/** Task names. */
export const INGEST_UPDATE_TASK = "ingest:update";
export const INGEST_PROVIDER_TASK = "ingest:provider";
export const INGEST_EXPIRY_TASK = "ingest:remove_expired";

/** The lock a provider's poll holds. */
export function providerLockName(providerId: string): string {
  return `ingest-${providerId}`;
}

/** What a poll of `platform`'s provider needs (`macros`: those routing destinations name). */
export function pollDeps(
  platform: ServiceContext,
  { publish, macros }: { publish?: PublishRoutedItem; macros?: MacroList } = {},
): PollDeps {
  const log = platform.log;
  return {
    registry: platform.registry,
    documents: platform.documents,
    log,
    defaultExpiryMinutes: platform.config.ingestExpiryMinutes,
    contentNetworks: platform.config.ingestContentUrlAllowedNetworks,
    notify: (event, extra) => platform.notify(event, extra),
    async routingFor(provider) {
      const loaded = await loadScheme(platform.registry, provider);
      if (!loaded) return undefined;
      return routeWith(
        {
          registry: platform.registry,
          documents: platform.documents,
          queue: platform.queue,
          config: platform.config,
          log,
          publish,
          runMacro: macros ? routingMacros(platform, macros) : undefined,
        },
        loaded,
      );
    },
  };
}

/** Polls `providerId` if nobody else is polling it; false when the lock was held. */
export async function pollUnderLock(
  platform: ServiceContext,
  providerId: string,
  { signal, log, publish, macros }: {
    signal: AbortSignal;
    log: Logger;
    publish?: PublishRoutedItem;
    macros?: MacroList;
  },
): Promise<boolean> {
  // The lock outlives a killed holder by at most two task leases; then another worker polls.
  const ttlMs = Math.max(2 * platform.config.taskLeaseMs, 2_000);
  const outcome = await withLock(
    platform.locks,
    providerLockName(providerId),
    ttlMs,
    (lost) =>
      pollProvider(pollDeps(platform, { publish, macros }), providerId, {
        signal: AbortSignal.any([signal, lost]),
      }),
  );
  if (!outcome.acquired) {
    log.info("provider poll already running elsewhere; skipped", { provider: providerId });
  }
  return outcome.acquired;
}

/** The tasks and schedules, with `publish` and `macros` for routing rules' actions. */
export function ingestTasks(
  { updateEveryMs, publish, macros }: {
    updateEveryMs: number;
    publish?: PublishRoutedItem;
    macros?: MacroList;
  },
): { tasks: TaskDefinition<never, ServiceContext>[]; schedules: Schedule[] } {
  const update = defineTask<unknown, ServiceContext>({
    name: INGEST_UPDATE_TASK,
    queue: "ingest",
    maxAttempts: 1,
    timeoutMs: 60_000,
    async handler(_args, { services }) {
      const now = new Date();
      const providers = await services.registry.service("ingest_providers").find({
        filter: { is_closed: { $ne: true } },
        page: 1,
        maxResults: 10_000,
        skipCount: true,
      });
      for (const provider of providers.items) {
        if (!feedingService(provider.feeding_service) || !isDue(provider, now)) continue;
        const id = String(provider._id);
        await services.queue.enqueue({ name: INGEST_PROVIDER_TASK, queue: "ingest" }, {
          provider_id: id,
        }, {
          uniqueKey: `${INGEST_PROVIDER_TASK}:${id}`,
        });
      }
    },
  });
  const poll = defineTask<{ provider_id: string }, ServiceContext>({
    name: INGEST_PROVIDER_TASK,
    queue: "ingest",
    maxAttempts: 3,
    backoff: { baseMs: 5_000 },
    timeoutMs: 30 * 60_000,
    async handler({ provider_id }, { services, signal, log }) {
      await pollUnderLock(services, provider_id, { signal, log, publish, macros });
    },
  });
  const expiry = defineTask<unknown, ServiceContext>({
    name: INGEST_EXPIRY_TASK,
    queue: "expiry",
    timeoutMs: 10 * 60_000,
    async handler(_args, { services, log }) {
      const removed = await removeExpiredIngest(services.registry.service<IngestService>("ingest"));
      log.info("expired ingest items removed", { removed });
    },
  });
  return {
    tasks: [update, poll, expiry] as TaskDefinition<never, ServiceContext>[],
    schedules: [
      defineSchedule({
        name: "ingest_update",
        task: { name: INGEST_UPDATE_TASK, queue: "ingest" },
        everyMs: updateEveryMs,
      }),
      defineSchedule({
        name: "ingest_expiry",
        task: { name: INGEST_EXPIRY_TASK, queue: "expiry" },
        everyMs: 30 * 60_000,
      }),
    ],
  };
}

/**
 * Deletes ingest items whose expiry passed, in batches; returns how many. Each is deleted only
 * while it is still expired (`DeleteOptions.where`): a poll that moved its expiry on after the
 * batch was read keeps it, and a write that left it expired (a fetch's stamp) is read again.
 */
export async function removeExpiredIngest(
  ingest: IngestService,
  now = new Date(),
): Promise<number> {
  const expired = { expiry: { $lte: now } };
  let removed = 0;
  for (;;) {
    const batch: Doc[] = await ingest.findAll(expired, 200);
    if (batch.length === 0) return removed;
    for (const item of batch) {
      if (await ingest.delete(String(item._id), { where: expired })) removed++;
    }
  }
}
