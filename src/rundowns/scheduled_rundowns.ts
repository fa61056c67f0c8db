/**
 * Scheduled rundowns (Superdesk's `create_scheduled_rundowns`, every 15 minutes): for every
 * repeating template whose rundown is due (`autocreate_on` passed), the rundown of its
 * `scheduled_on` is made from it unless one exists already, and the template moves on to its
 * next occurrence (or stops repeating when there is none). One run at a time across workers
 * (a lock, as Superdesk's); the template moves on by compare-and-set on its etag, so an edit made
 * meanwhile is kept.
 */
import { toWallMs } from "../content/wall_clock.ts";
import type { Logger } from "../log.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { withLock } from "../tasks/lock.ts";
import { defineSchedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import { nextOccurrence, type Recurrence } from "./recurrence.ts";
import type { RundownTemplatesService } from "./rundown_templates_service.ts";
import type { RundownsService } from "./rundowns_service.ts";
import { setAutocreate } from "./template_schedule.ts";

/** The task's name. */
export const SCHEDULED_RUNDOWNS_TASK = "rundowns:create_scheduled_rundowns";
const LOCK = "rundowns-create-scheduled-rundowns";
const LOCK_MS = 300_000;

/** Makes the rundowns due at `now`; returns those made. */
export async function createScheduledRundowns(
  services: ServiceContext,
  log: Logger,
  now = new Date(),
): Promise<Doc[]> {
  const outcome = await withLock(services.locks, LOCK, LOCK_MS, async () => {
    const templates = services.registry.service<RundownTemplatesService>("rundown_templates");
    const rundowns = services.registry.service<RundownsService>("rundowns");
    const { settings } = templates;
    const made: Doc[] = [];
    for (const template of await templates.due(now)) {
      const scheduledOn = template.scheduled_on as Date;
      const localWall = toWallMs(scheduledOn.getTime(), settings.timeZone);
      if (!(await rundowns.findOne({ template: template._id, scheduled_on: scheduledOn }))) {
        try {
          made.push(
            ...await rundowns.create(
              [{
                show: template.show,
                template: template._id,
                airtime_date: new Date(localWall).toISOString().slice(0, 10),
                scheduled_on: scheduledOn,
              }],
              SYSTEM_ACTOR,
              { trusted: true },
            ),
          );
        } catch (error) {
          log.error("could not make the scheduled rundown", { template: template._id, error });
        }
      }
      const updates: Doc = {};
      const next = nextOccurrence(template.schedule as Recurrence, localWall, {
        nowWall: toWallMs(now.getTime(), settings.timeZone),
      });
      if (next === null) updates.repeat = false;
      else setAutocreate(updates, next, template, settings);
      // Changed meanwhile (false): its new schedule stands.
      await templates.advance(template, updates);
    }
    return made;
  });
  return outcome.acquired ? outcome.value : [];
}

/** The task. */
export const scheduledRundownsTask = defineTask<unknown, ServiceContext>({
  name: SCHEDULED_RUNDOWNS_TASK,
  timeoutMs: 300_000,
  async handler(_args, { services, log }) {
    await createScheduledRundowns(services, log);
  },
});

/** Every 15 minutes, as Superdesk's beat schedule. */
export const scheduledRundownsSchedule = defineSchedule({
  name: "rundowns:create-scheduled-rundowns",
  task: { name: SCHEDULED_RUNDOWNS_TASK, queue: "default" },
  everyMs: 15 * 60_000,
});
