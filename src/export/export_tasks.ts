/**
 * The export's housekeeping: every ten minutes the zips past their expiry go
 * (`export_files.ts`), as sessions' purge does for abandoned logins.
 */
import { defineSchedule, defineTask } from "../app_api.ts";
import { expireExportFiles } from "./export_files.ts";

export const expireExportFilesTask = defineTask({
  name: "export:expire-files",
  queue: "expiry",
  async handler(_args, { services, log }) {
    const removed = await expireExportFiles(services);
    if (removed > 0) log.info("expired export files removed", { removed });
  },
});

export const expireExportFilesSchedule = defineSchedule({
  name: "export:expire-files",
  task: { name: expireExportFilesTask.name, queue: "expiry" },
  everyMs: 10 * 60_000,
});
