/**
 * Wall-clock time in a named time zone (IANA, through `Intl`): the local fields of an instant,
 * the instant of a local time, and a `strftime` subset for templates and datelines.
 */
import { DAY_NAMES, MONTHS } from "../text/calendar_names.ts";

/** Local date and time fields of an instant in a zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  /** The zone's short name at that instant in en-US (e.g. `GMT+1`, `EST`, `UTC`). */
  zoneName: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
      timeZoneName: "short",
    });
    formatters.set(zone, found);
  }
  return found;
}

/**
 * English locales whose zone abbreviations together cover what Python's zone database names
 * (`CET`, `BST` in en-GB; `EST` in en-US; `AEST` in en-AU; `IST` in en-IN); each names the
 * others' zones `GMT+n`.
 */
const ABBREVIATING_LOCALES = ["en-US", "en-GB", "en-AU", "en-IN"];
const abbreviators = new Map<string, Intl.DateTimeFormat[]>();

/** The abbreviation of `zone` at instant `ms`, `GMT+n` when no locale has one. */
function zoneAbbreviation(ms: number, zone: string, fallback: string): string {
  let found = abbreviators.get(zone);
  if (!found) {
    found = ABBREVIATING_LOCALES.map((locale) =>
      new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
    );
    abbreviators.set(zone, found);
  }
  for (const format of found) {
    const name = format.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  return fallback;
}

/** True when `zone` is a time zone name `Intl` knows. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone === "") return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** The local fields of instant `ms` in `zone`. */
export function wallTime(ms: number, zone = "UTC"): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
    zoneName: parts.timeZoneName ?? zone,
  };
}

/** Instant `ms`'s local time in `zone`, written as if it were UTC (for cron arithmetic). */
export function toWallMs(ms: number, zone: string): number {
  const t = wallTime(ms, zone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) +
    (ms % 1000 + 1000) % 1000;
}

/** The instant whose local time in `zone` is `wallMs` (local time written as UTC). */
export function fromWallMs(wallMs: number, zone: string): number {
  const guess = wallMs - (toWallMs(wallMs, zone) - wallMs);
  return wallMs - (toWallMs(guess, zone) - guess);
}

/** Python's `strftime` for the common directives (`%Y %m %d %H %M %S %b %B %a %A %Z ...`). */
export function strftime(ms: number, pattern: string, zone = "UTC"): string {
  const t = wallTime(ms, zone);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  const offset = Math.round((toWallMs(ms, zone) - ms) / 60_000);
  const directives: Record<string, () => string> = {
    Y: () => String(t.year),
    y: () => pad(t.year % 100),
    m: () => pad(t.month),
    d: () => pad(t.day),
    "-d": () => String(t.day),
    e: () => String(t.day).padStart(2, " "),
    H: () => pad(t.hour),
    I: () => pad(t.hour % 12 === 0 ? 12 : t.hour % 12),
    M: () => pad(t.minute),
    S: () => pad(t.second),
    p: () => (t.hour < 12 ? "AM" : "PM"),
    b: () => MONTHS[t.month - 1]!.slice(0, 3),
    B: () => MONTHS[t.month - 1]!,
    a: () => DAY_NAMES[t.weekday]!.slice(0, 3),
    A: () => DAY_NAMES[t.weekday]!,
    Z: () => zoneAbbreviation(ms, zone, t.zoneName),
    z: () =>
      `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}${
        pad(Math.abs(offset) % 60)
      }`,
    j: () =>
      pad(
        Math.floor((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(t.year, 0, 1)) / 86_400_000) +
          1,
        3,
      ),
    "%": () => "%",
  };
  return pattern.replace(
    /%(-d|[a-zA-Z%])/g,
    (whole, code: string) => directives[code]?.() ?? whole,
  );
}
