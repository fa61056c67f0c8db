/**
 * Example app: fact checks. Every claim with a figure in a story becomes a `fact_checks` entry
 * to verify: a worker task scans each story when it is created, updated or published (signals),
 * editors judge the claims (`PATCH /api/fact_checks/<id> {status}`, privilege `fact_check`), and
 * `superdesk fact_checks:pending` lists what still waits.
 *
 * Load it with `INSTALLED_APPS=examples/apps/fact_checks/mod.ts`.
 */
import { defineApp } from "@superdesk/app";
import { FACT_CHECK_PRIVILEGE, factChecksResource, STATUSES } from "./fact_checks_resource.ts";
import { FactChecksService } from "./fact_checks_service.ts";
import { pendingCommand } from "./pending_command.ts";
import { enqueueScan, scanTask } from "./scan_task.ts";

export default defineApp({
  name: "fact_checks",
  commands: [pendingCommand],
  register(app) {
    app.privileges({
      name: FACT_CHECK_PRIVILEGE,
      label: "Fact checking",
      description: "Add, judge and remove the fact checks of stories",
      category: "fact_checks",
    });
    app.resource(factChecksResource, new FactChecksService(factChecksResource, app.services));
    app.tasks(scanTask);
    const scan = ({ item }: { item: { _id?: unknown } }) =>
      enqueueScan(app.services, String(item._id));
    app.on("item:created", scan);
    app.on("item:updated", scan);
    app.on("item:published", scan);
    app.clientConfig({ fact_checks: { statuses: [...STATUSES] } });
    app.userPreference("fact_checks:show_pending", {
      type: "bool",
      enabled: true,
      default: true,
    }, { label: "Show claims waiting for a check", category: "fact_checks" });
  },
});
