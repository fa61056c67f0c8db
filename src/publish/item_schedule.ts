/**
 * A user's save of an item's publish schedule (Superdesk's `ArchiveService.on_update` and
 * `update`): the schedule is read in `schedule_settings.time_zone` (the wall-clock time there,
 * whatever offset it was sent with) and kept in UTC as `schedule_settings.utc_publish_schedule`;
 * a new schedule in the past is refused; changing the schedule of a `scheduled` item deschedules
 * it (back `in_progress`, the schedule itself kept unless both the item and the save are
 * `auto_publish`; once that is stored, its scheduled copies are removed: a save that fails leaves
 * the schedule and its copy, and a copy whose removal never ran is dropped when its time comes).
 */
import { fromWallMs, isTimeZone } from "../content/wall_clock.ts";
import { epochMs } from "../epoch_ms.ts";
import { BadRequestError } from "../errors.ts";
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { descheduleAssociations, planAssociationsDeschedule } from "./deschedule_associations.ts";
import type { PublishedService } from "./published_service.ts";

/**
 * The hooks; a descheduled item's scheduled copies are removed once it is stored. With
 * `associated` (`PUBLISH_ASSOCIATED_ITEMS`), the associated items scheduled with a story are
 * descheduled with it.
 */
export function itemScheduleHooks(
  published: PublishedService,
  { archive, associated = false }: { archive?: ArchiveService; associated?: boolean } = {},
): ItemHooks {
  return {
    async beforeSave(updates, original, actor) {
      if (!("publish_schedule" in updates) && !("schedule_settings" in updates)) return;
      if (original.state === "scheduled" && "publish_schedule" in updates) {
        deschedule(updates, original);
        if (associated && archive) {
          await planAssociationsDeschedule(archive, { updates, original, actor });
        }
        return;
      }
      if (original.state === "published") return;
      const settings = scheduleSettings({ ...original, ...updates });
      const utc = settings.utc_publish_schedule;
      if (updates.publish_schedule && updates.state !== "published" && utc) {
        if (utc.getTime() < Date.now()) {
          throw new BadRequestError("Schedule cannot be earlier than now");
        }
      }
      updates.schedule_settings = settings;
    },
    async afterSave(updates, original, actor) {
      if (original.state !== "scheduled" || updates.operation !== "deschedule") return;
      await published.discardScheduled(String(original._id));
      if (associated && archive) {
        await descheduleAssociations({ archive, published }, { original, actor });
      }
    },
  };
}

/** The UTC time of `item`'s publish schedule read in its settings' time zone; null without one. */
export function utcPublishSchedule(item: Doc): Date | null {
  const at = epochMs(item.publish_schedule);
  if (item.publish_schedule == null || Number.isNaN(at)) return null;
  const zone = (item.schedule_settings as Doc | null | undefined)?.time_zone;
  return new Date(isTimeZone(zone) ? fromWallMs(at, zone) : at);
}

/** `update_schedule_settings`: the item's settings with the UTC time of its publish schedule. */
function scheduleSettings(item: Doc): Doc & { utc_publish_schedule: Date | null } {
  assertReadableSchedule(item);
  const settings = { ...(item.schedule_settings as Doc | null | undefined) };
  return { ...settings, utc_publish_schedule: utcPublishSchedule(item) };
}

/**
 * Refuses what the schedule cannot be read from: a `publish_schedule` that is no date, a
 * `time_zone` that names no zone (Superdesk's `update_schedule_settings` and `local_to_utc`).
 */
export function assertReadableSchedule(item: Doc): void {
  const zone = (item.schedule_settings as Doc | null | undefined)?.time_zone;
  if (zone != null && zone !== "" && !isTimeZone(zone)) {
    throw new BadRequestError(`Unknown time zone ${JSON.stringify(zone)}`, {
      issues: { schedule_settings: { time_zone: "unknown time zone" } },
    });
  }
  if (item.publish_schedule != null && Number.isNaN(epochMs(item.publish_schedule))) {
    throw new BadRequestError("publish_schedule date is not recognized");
  }
}

/** `deschedule_item`: the item leaves the schedule; what it was scheduled with stays. */
function deschedule(updates: Doc, original: Doc) {
  const auto = updates.auto_publish === true && original.auto_publish === true;
  updates.publish_schedule = auto ? null : original.publish_schedule ?? null;
  updates.schedule_settings = auto ? null : original.schedule_settings ?? null;
  updates.state = "in_progress";
  updates.operation = "deschedule";
  updates.firstpublished = null;
}
