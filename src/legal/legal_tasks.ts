/**
 * The legal archive's background work (Superdesk's `apps/legal_archive` Celery tasks): one
 * item's import after each publishing action (`import_into_legal_archive`, retried on
 * failure), the import of transmitted queue entries every 5 minutes
 * (`legal:import_publish_queue`) and, daily, the import of whatever expired without being
 * imported (`legal_archive:import`, which also frees items expiry held back). The two sweeps
 * run one at a time across workers, under Superdesk's lock names.
 */
import type { ServiceContext } from "../resources/service_context.ts";
import { withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import { importItem, importQueueEntries } from "./legal_import.ts";
import { importExpired } from "./legal_sweep.ts";

/** One item's import. */
export const LEGAL_IMPORT_ITEM_TASK = "legal_archive:import_item";
/** The queue entries' import. */
export const LEGAL_QUEUE_TASK = "legal_publish_queue:import";
/** The daily import of what expired without being imported. */
export const LEGAL_ARCHIVE_TASK = "legal_archive:import";

const QUEUE_LOCK = "legal_archive-import_legal_publish_queue";
const ARCHIVE_LOCK = "legal_archive-import_to_legal_archive";

/** Imports item `item_id` (as it is now) and its versions. */
export const legalImportItemTask = defineTask<{ item_id: string }, ServiceContext>({
  name: LEGAL_IMPORT_ITEM_TASK,
  async handler({ item_id }, { services, log }) {
    await importItem(services.registry, item_id, { log });
  },
});

/** Imports the final queue entries not yet in the legal archive. */
export const legalQueueTask = defineTask<Record<string, never>, ServiceContext>({
  name: LEGAL_QUEUE_TASK,
  timeoutMs: 300_000,
  async handler(_args, { services, log, signal }) {
    const outcome = await withLock(services.locks, QUEUE_LOCK, 310_000, async (lost) => {
      const copied = await importQueueEntries(services.registry, {
        signal: AbortSignal.any([signal, lost]),
      });
      log.info("publish queue entries imported into the legal archive", { copied });
    });
    if (!outcome.acquired) log.info("legal publish queue import already running; skipped");
  },
});

/** Imports expired content that is not in the legal archive yet. */
export const legalArchiveTask = defineTask<Record<string, never>, ServiceContext>({
  name: LEGAL_ARCHIVE_TASK,
  timeoutMs: 1_800_000,
  async handler(_args, { services, log, signal }) {
    const outcome = await withLock(
      services.locks,
      ARCHIVE_LOCK,
      1_810_000,
      (lost) => importExpired(services.registry, { log, signal: AbortSignal.any([signal, lost]) }),
    );
    if (!outcome.acquired) log.info("legal archive import already running; skipped");
  },
});

/** Every 5 minutes, as Superdesk's beat entry `legal:import_publish_queue`. */
export const legalQueueSchedule = defineSchedule({
  name: "legal_import_publish_queue",
  task: { name: LEGAL_QUEUE_TASK, queue: "default" },
  everyMs: 5 * 60_000,
});

/** Daily at 00:30 UTC, as Superdesk's `legal:import_legal_archive` (its hour is local). */
export const legalArchiveSchedule = defineSchedule({
  name: "legal_import_legal_archive",
  task: { name: LEGAL_ARCHIVE_TASK, queue: "default" },
  cron: "30 0 * * *",
});
