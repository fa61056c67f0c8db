/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week, in UTC) and the next
 * time it matches. Supports `*`, lists, ranges and steps (`*\/15`, `1-5`, `0,30`); day-of-week
 * 0 or 7 is Sunday. As in Vixie cron, when both day fields are restricted either may match.
 */

/** A parsed expression: the allowed values of each field. */
export interface CronExpression {
  source: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  days: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekdays: ReadonlySet<number>;
  /** Whether day-of-month / day-of-week were written as `*`. */
  anyDay: boolean;
  anyWeekday: boolean;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

/** Parses `source`; throws naming the bad field and the expected form. */
export function parseCron(source: string): CronExpression {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(`Cannot parse cron "${source}": expected 5 fields (m h dom mon dow)`);
  }
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!, source));
  const weekdays = new Set([...sets[4]!].map((d) => d % 7));
  return {
    source,
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays,
    anyDay: parts[2] === "*",
    anyWeekday: parts[4] === "*",
  };
}

/** The first whole minute strictly after `afterMs` matching `cron`, in ms since epoch. */
export function nextCronTime(cron: CronExpression, afterMs: number): number {
  const t = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (+t <= limit) {
    if (!cron.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0);
    } else if (!dayMatches(cron, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0);
    } else if (!cron.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0);
    } else if (!cron.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1);
    } else {
      return +t;
    }
  }
  throw new Error(`Cron "${cron.source}" never matches`);
}

function dayMatches(cron: CronExpression, t: Date): boolean {
  const day = cron.days.has(t.getUTCDate());
  const weekday = cron.weekdays.has(t.getUTCDay());
  if (cron.anyDay || cron.anyWeekday) return day && weekday;
  return day || weekday;
}

function parseField(
  part: string,
  field: { name: string; min: number; max: number },
  source: string,
): Set<number> {
  const values = new Set<number>();
  const fail = (why: string): never => {
    throw new Error(`Cannot parse cron "${source}": ${field.name} "${part}" ${why}`);
  };
  for (const item of part.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) fail(`is not *, n, n-m or a step`);
    const [, range, low, high, stepText] = match!;
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = range === "*" ? field.min : Number(low);
    let to = range === "*" ? field.max : high === undefined ? from : Number(high);
    if (range !== "*" && high === undefined && stepText !== undefined) to = field.max;
    if (from < field.min || to > field.max || from > to || step < 1) {
      fail(`is outside ${field.min}-${field.max}`);
    }
    for (; from <= to; from += step) values.add(from);
  }
  return values;
}
