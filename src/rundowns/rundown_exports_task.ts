/**
 * Removes expired rundown export links every hour, so `rundown_exports` does not grow with
 * every export (a link works 7 days, `rundown_export_service.ts`).
 */
import type { ServiceContext } from "../resources/service_context.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { RundownExportService } from "./rundown_export_service.ts";

export const purgeRundownExportsTask = defineTask<Record<string, never>, ServiceContext>({
  name: "rundown_exports:purge-expired",
  queue: "expiry",
  async handler(_args, { services, log }) {
    const exports = services.registry.service<RundownExportService>("rundown_exports");
    const removed = await exports.purgeExpired();
    if (removed > 0) log.info("expired rundown export links removed", { removed });
  },
});

export const purgeRundownExportsSchedule = defineSchedule({
  name: "rundown_exports:purge-expired",
  task: { name: purgeRundownExportsTask.name, queue: "expiry" },
  everyMs: 60 * 60_000,
});
