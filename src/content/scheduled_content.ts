/**
 * Scheduled templates (Superdesk's `create_scheduled_content`): the worker role's scheduler
 * runs this task every `TEMPLATES_SCHEDULE_SECONDS`; each active template whose `next_run` has
 * come creates its item on its schedule desk and stage (through its `schedule_macro` when it names
 * one, as Superdesk runs the macro on the new item), then moves `next_run` on. Exactly one
 * item per template and slot, whatever the number of workers or a crash in between: the item's
 * id is derived from the template and the slot (a second insert is a duplicate and is
 * skipped), and the slot is advanced by compare-and-set on `next_run`.
 */
import type { MacroList } from "../apps/macro_registry.ts";
import { ConflictError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { defineSchedule, type Schedule } from "../tasks/schedule.ts";
import { defineTask } from "../tasks/task_definition.ts";
import type { ContentTemplatesService } from "./content_templates_service.ts";

/** The task's name. */
export const SCHEDULED_CONTENT_TASK = "content_templates:create_scheduled_content";

/** The id of the item template `templateId` creates for `slot`. */
export function scheduledItemId(templateId: unknown, slot: Date): string {
  return `urn:newsml:localhost:scheduled:${String(templateId)}:${slot.getTime()}`;
}

/** What creating scheduled content needs. */
export interface ScheduledContentContext {
  services: ServiceContext;
  /** The registered macros (templates' `schedule_macro`). */
  macros: MacroList;
  log: Logger;
  now?: Date;
}

/** Creates the items of every due slot at `now`; returns those this call created. */
export async function createScheduledContent(
  { services, macros, log, now = new Date() }: ScheduledContentContext,
): Promise<Doc[]> {
  const registry: ResourceRegistry = services.registry;
  const templates = registry.service<ContentTemplatesService>("content_templates");
  const archive = registry.service<ArchiveService>("archive");
  const created: Doc[] = [];
  for (const template of await templates.due(now)) {
    const slot = template.next_run as Date;
    try {
      let draft = itemFrom(template, slot);
      if (template.schedule_macro) {
        draft = await runMacro(draft, String(template.schedule_macro), { services, macros, log });
      }
      const [item] = await archive.create([draft], SYSTEM_ACTOR);
      created.push(item!);
      log.info("scheduled template created an item", { template: template._id, item: item!._id });
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        log.error("scheduled template could not create its item", {
          template: template._id,
          error,
        });
      }
    }
    await templates.advance(template, slot, now);
  }
  return created;
}

/** The new item of `template` for `slot` (Superdesk's `get_item_from_template`). */
function itemFrom(template: Doc, slot: Date): Doc {
  const { firstcreated: _first, versioncreated: _version, ...data } = structuredClone(
    template.data ?? {},
  ) as Doc;
  const item: Doc = { ...data, _id: scheduledItemId(template._id, slot), template: template._id };
  item.guid = item._id;
  if (template.schedule_desk) {
    item.task = { desk: template.schedule_desk, stage: template.schedule_stage ?? null };
    item.state = "submitted";
  }
  return item;
}

/**
 * `draft` after macro `name` ran on it (its id and template kept); a macro that is not
 * registered is logged and skipped, so the slot still gets its item.
 */
async function runMacro(
  draft: Doc,
  name: string,
  { services, macros, log }: Omit<ScheduledContentContext, "now">,
): Promise<Doc> {
  const macro = macros.get(name);
  if (!macro) {
    log.warn("scheduled template names a macro that is not registered", {
      template: draft.template,
      macro: name,
    });
    return draft;
  }
  const output = await macro.callback(structuredClone(draft), {
    actor: SYSTEM_ACTOR,
    services,
    log: log.child({ app: macro.app, macro: name }),
  });
  return { ...output.item, _id: draft._id, guid: draft.guid, template: draft.template };
}

/** The task, running templates' macros from `macros`. */
export function createScheduledContentTask(macros: MacroList) {
  return defineTask<unknown, ServiceContext>({
    name: SCHEDULED_CONTENT_TASK,
    timeoutMs: 120_000,
    async handler(_args, { services, log }) {
      await createScheduledContent({ services, macros, log });
    },
  });
}

/** The schedule: every `everyMs` (Superdesk checks every five minutes). */
export function scheduledContentSchedule(everyMs: number): Schedule {
  return defineSchedule({
    name: "content_templates_schedule",
    task: { name: SCHEDULED_CONTENT_TASK, queue: "default" },
    everyMs,
  });
}
