/**
 * When a rundown template next airs and when its rundown is made (Superdesk's
 * `set_scheduled_on`, `get_start_datetime`, `set_autocreate_schedule`): a repeating template with
 * a schedule and an airtime airs at the first occurrence of its schedule from its airtime date
 * (today when it is past or unset) at its airtime, in the rundowns' time zone; its rundown is
 * made `autocreate_before_seconds` earlier (`RUNDOWNS_SCHEDULE_HOURS` when unset).
 */
import { fromWallMs, toWallMs } from "../content/wall_clock.ts";
import type { Doc } from "../storage/document_store.ts";
import { nextOccurrence, type Recurrence } from "./recurrence.ts";

/** The settings the schedule depends on. */
export interface ScheduleSettings {
  /** `RUNDOWNS_TIMEZONE`. */
  timeZone: string;
  /** `RUNDOWNS_SCHEDULE_HOURS`. */
  scheduleHours: number;
}

/** The fields whose change moves the schedule. */
const SCHEDULE_FIELDS = [
  "schedule",
  "airtime_time",
  "airtime_date",
  "repeat",
  "autocreate_before_seconds",
];

/** Whether `updates` changes what the schedule depends on. */
export function movesSchedule(updates: Doc, original: Doc): boolean {
  return SCHEDULE_FIELDS.some((field) =>
    field in updates && JSON.stringify(updates[field]) !== JSON.stringify(original[field])
  );
}

/** Sets `updates.scheduled_on` and `autocreate_on` for the template `updates` over `original`. */
export function setScheduledOn(
  updates: Doc,
  original: Doc,
  settings: ScheduleSettings,
  now = Date.now(),
): void {
  const template = { ...original, ...updates };
  const time = typeof template.airtime_time === "string" ? template.airtime_time : "";
  const schedule = template.schedule as Recurrence | null | undefined;
  if (!time || !template.repeat || !schedule) {
    updates.scheduled_on = updates.autocreate_on = null;
    return;
  }
  const nowWall = toWallMs(now, settings.timeZone);
  const today = new Date(nowWall).toISOString().slice(0, 10);
  const date = typeof template.airtime_date === "string" && template.airtime_date > today
    ? template.airtime_date
    : today;
  const startWall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  const next = nextOccurrence(schedule, startWall, { nowWall, includeStart: true });
  setAutocreate(updates, next, template, settings);
}

/**
 * Sets `scheduled_on` to wall-clock time `nextWall` in the zone and `autocreate_on` before it
 * (both null when there is no next time).
 */
export function setAutocreate(
  updates: Doc,
  nextWall: number | null,
  template: Doc,
  settings: ScheduleSettings,
): void {
  if (nextWall === null || Number.isNaN(nextWall)) {
    updates.scheduled_on = updates.autocreate_on = null;
    return;
  }
  const before = typeof template.autocreate_before_seconds === "number" &&
      template.autocreate_before_seconds
    ? template.autocreate_before_seconds * 1000
    : settings.scheduleHours * 3_600_000;
  const scheduled = fromWallMs(nextWall, settings.timeZone);
  updates.scheduled_on = new Date(scheduled);
  updates.autocreate_on = new Date(scheduled - before);
}
