/**
 * Routing rule schedules (Superdesk's `Weekdays` and `_get_scheduled_routing_rules`): checking a
 * schedule on save, and whether a rule applies at an instant in the schedule's time zone (days
 * of the week, from/to hours; a `to` ending in `00` includes that minute).
 */
import { BadRequestError } from "../../errors.ts";
import type { Doc } from "../../storage/document_store.ts";

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const TIME = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;

/** A schedule holding only its time zone is no schedule (what an empty form sends). */
export function normaliseSchedule(rule: Doc): void {
  const schedule = rule.schedule as Doc | null | undefined;
  if (!schedule) return;
  const keys = Object.keys(schedule);
  if (keys.length === 1 && keys[0] === "time_zone") rule.schedule = null;
  else schedule.time_zone ??= "UTC";
}

/** Throws the 400 Superdesk gives for an invalid schedule. */
export function checkSchedule(schedule: Doc | null | undefined): void {
  if (schedule === null || schedule === undefined) return;
  const days = schedule.day_of_week;
  if (!Array.isArray(days) || days.length === 0) {
    throw new BadRequestError("Schedule when defined can't be empty.");
  }
  if (!days.every((day) => typeof day === "string" && DAYS.includes(day.toUpperCase()))) {
    throw new BadRequestError("Invalid values for day of week.");
  }
  const from = schedule.hour_of_day_from;
  const to = schedule.hour_of_day_to;
  if (from || to) {
    if (typeof from !== "string" || !TIME.test(from)) {
      throw new BadRequestError("Invalid value for from time.");
    }
    if (to) {
      if (typeof to !== "string" || !TIME.test(to)) {
        throw new BadRequestError("Invalid value for hour_of_day_to (expected %H:%M:%S).");
      }
      if (from > to) throw new BadRequestError("From time should be less than To Time.");
    }
  }
  const zone = schedule.time_zone;
  if (zone !== undefined && !validTimeZone(String(zone))) {
    throw new BadRequestError(`Unknown time zone ${zone}`);
  }
}

/** True when `rule` applies at `now`. */
export function isScheduled(rule: Doc, now: Date): boolean {
  const schedule = rule.schedule as Doc | null | undefined;
  if (!schedule) return true;
  const { day, time } = localParts(now, String(schedule.time_zone ?? "UTC"));
  const days = (schedule.day_of_week as string[] | undefined ?? []).map((d) => d.toUpperCase());
  if (!days.includes(day)) return false;
  const from = (schedule.hour_of_day_from as string | null) || "00:00:00";
  const to = schedule.hour_of_day_to as string | null;
  const end = to ? seconds(to) + (to.endsWith("00") ? 60 : 0) : 24 * 3600;
  const at = seconds(time);
  return seconds(from) <= at && at < end;
}

function localParts(now: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "00";
  return {
    day: get("weekday").toUpperCase().slice(0, 3),
    time: `${get("hour")}:${get("minute")}:${get("second")}`,
  };
}

function seconds(time: string): number {
  const [h = 0, m = 0, s = 0] = time.split(":").map(Number);
  return h * 3600 + m * 60 + s;
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
