/**
 * The occurrences of a template's schedule (Superdesk's `get_next_date`, dateutil's `rrule` with
 * `count=10`): a frequency (`DAILY` … `YEARLY`) every `interval` periods from a start, narrowed
 * by months, days of the month (negative from its end), weekdays (0 = Monday, dateutil's) and
 * ISO week numbers. Computed on wall-clock dates: the start's local time of day is kept.
 */

/** A template's `schedule`. */
export interface Recurrence {
  freq?: string;
  interval?: number;
  by_month?: number[];
  by_month_day?: number[];
  by_day?: number[];
  by_week_no?: number[];
}

/** How many occurrences dateutil is asked for (`count=10`). */
const COUNT = 10;
const DAY_MS = 86_400_000;
/** How far the search for the occurrences goes (a yearly rule with a long interval ends sooner). */
const HORIZON_DAYS = 366 * 40;

/**
 * The first of the rule's first ten occurrences (wall-clock ms, as `Date.UTC` of the local
 * fields) after `nowWall` and, unless `includeStart`, after `startWall`; null when there is none.
 */
export function nextOccurrence(
  rule: Recurrence,
  startWall: number,
  { nowWall, includeStart = false }: { nowWall: number; includeStart?: boolean },
): number | null {
  if (!rule.freq) return null;
  let found = 0;
  const timeOfDay = ((startWall % DAY_MS) + DAY_MS) % DAY_MS;
  const startDay = startWall - timeOfDay;
  for (let day = startDay; day < startDay + HORIZON_DAYS * DAY_MS; day += DAY_MS) {
    if (!matches(rule, startDay, day)) continue;
    const at = day + timeOfDay;
    if (++found > COUNT) return null;
    if (at > nowWall && (includeStart || at > startWall)) return at;
  }
  return null;
}

/** Whether wall-clock day `day` (midnight ms) is in the rule started on day `start`. */
function matches(rule: Recurrence, start: number, day: number): boolean {
  const interval = Math.max(1, Math.trunc(rule.interval ?? 1));
  const d = new Date(day);
  const s = new Date(start);
  const weekday = (d.getUTCDay() + 6) % 7;
  const month = d.getUTCMonth() + 1;
  const monthDay = d.getUTCDate();
  const monthLength = new Date(Date.UTC(d.getUTCFullYear(), month, 0)).getUTCDate();
  if (rule.by_month?.length && !rule.by_month.includes(month)) return false;
  if (rule.by_week_no?.length && !rule.by_week_no.includes(isoWeek(d))) return false;
  if (
    rule.by_month_day?.length &&
    !rule.by_month_day.some((n) => n === monthDay || n === monthDay - monthLength - 1)
  ) return false;
  if (rule.by_day?.length && !rule.by_day.includes(weekday)) return false;
  const narrowed = Boolean(
    rule.by_month?.length || rule.by_week_no?.length || rule.by_month_day?.length ||
      rule.by_day?.length,
  );
  switch (rule.freq?.toUpperCase()) {
    case "DAILY":
      return Math.round((day - start) / DAY_MS) % interval === 0;
    case "WEEKLY": {
      const weeks = Math.floor((mondayOf(day) - mondayOf(start)) / (7 * DAY_MS));
      if (weeks % interval !== 0) return false;
      return narrowed || weekday === (s.getUTCDay() + 6) % 7;
    }
    case "MONTHLY": {
      const months = (d.getUTCFullYear() - s.getUTCFullYear()) * 12 + d.getUTCMonth() -
        s.getUTCMonth();
      if (months % interval !== 0) return false;
      return rule.by_month_day?.length || rule.by_day?.length ? true : monthDay === s.getUTCDate();
    }
    case "YEARLY": {
      if ((d.getUTCFullYear() - s.getUTCFullYear()) % interval !== 0) return false;
      if (rule.by_month_day?.length || rule.by_day?.length || rule.by_week_no?.length) return true;
      if (rule.by_month?.length) return monthDay === s.getUTCDate();
      return month === s.getUTCMonth() + 1 && monthDay === s.getUTCDate();
    }
    default:
      return false;
  }
}

function mondayOf(day: number): number {
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
}

/** The ISO 8601 week number of a UTC date. */
function isoWeek(d: Date): number {
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
}
