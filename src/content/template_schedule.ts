/**
 * When a scheduled template creates its item (Superdesk's `get_next_run`): a schedule is a list
 * of cron expressions (`cron_list`, or the older `create_at` time plus `day_of_week`), read in
 * the schedule's `time_zone` (UTC by default); the next run is the earliest match after now.
 * An inactive schedule never runs.
 */
import { ValidationError } from "../errors.ts";
import { nextCronTime, parseCron } from "../tasks/cron.ts";
import type { Doc } from "../storage/document_store.ts";
import { fromWallMs, isTimeZone, toWallMs } from "./wall_clock.ts";

const DAY_NUMBERS: Record<string, string> = {
  SUN: "0",
  MON: "1",
  TUE: "2",
  WED: "3",
  THU: "4",
  FRI: "5",
  SAT: "6",
};
const MONTH_NUMBERS: Record<string, string> = Object.fromEntries(
  ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    .map((name, i) => [name, String(i + 1)]),
);

/** `schedule` with `create_at`/`day_of_week` turned into `cron_list` (in place); returns it. */
export function normalizeSchedule(schedule: Doc): Doc {
  if (Array.isArray(schedule.cron_list) || typeof schedule.create_at !== "string") {
    return schedule;
  }
  const [hour = "0", minute = "0"] = schedule.create_at.split(":");
  const days = Array.isArray(schedule.day_of_week) && schedule.day_of_week.length > 0
    ? schedule.day_of_week.join(",")
    : "*";
  schedule.cron_list = [`${minute} ${hour} * * ${days}`];
  delete schedule.create_at;
  return schedule;
}

/** Throws a 422 naming the schedule when a cron expression or the time zone is invalid. */
export function assertValidSchedule(schedule: Doc): void {
  const copy = normalizeSchedule(structuredClone(schedule));
  if (copy.time_zone != null && !isTimeZone(copy.time_zone)) {
    throw new ValidationError({ schedule: { time_zone: `unknown time zone '${copy.time_zone}'` } });
  }
  for (const entry of cronList(copy)) {
    try {
      parseCron(withNumbers(entry));
    } catch (error) {
      throw new ValidationError({ schedule: { cron_list: (error as Error).message } });
    }
  }
}

/** The next run after `now` (seconds ignored), or null for an inactive or empty schedule. */
export function nextRun(schedule: Doc | null | undefined, now = new Date()): Date | null {
  if (!schedule || schedule.is_active !== true) return null;
  normalizeSchedule(schedule);
  const entries = cronList(schedule);
  if (entries.length === 0) return null;
  const zone = typeof schedule.time_zone === "string" && schedule.time_zone
    ? schedule.time_zone
    : "UTC";
  const after = toWallMs(Math.floor(now.getTime() / 60_000) * 60_000, zone);
  let best = Infinity;
  for (const entry of entries) {
    best = Math.min(best, nextCronTime(parseCron(withNumbers(entry)), after));
  }
  return new Date(fromWallMs(best, zone));
}

function cronList(schedule: Doc): string[] {
  return Array.isArray(schedule.cron_list)
    ? schedule.cron_list.filter((entry): entry is string => typeof entry === "string")
    : [];
}

/** Day and month names (MON, JAN) as numbers, as croniter reads them. */
function withNumbers(entry: string): string {
  const fields = entry.trim().split(/\s+/);
  if (fields.length !== 5) return entry;
  fields[3] = fields[3]!.toUpperCase().replace(/[A-Z]{3}/g, (name) => MONTH_NUMBERS[name] ?? name);
  fields[4] = fields[4]!.toUpperCase().replace(/[A-Z]{3}/g, (name) => DAY_NUMBERS[name] ?? name);
  return fields.join(" ");
}
