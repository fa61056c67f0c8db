/**
 * Dates in embedded-index queries, as Elasticsearch reads them: ISO strings (UTC when no zone),
 * epoch milliseconds, and date math (`now-1d/d`, `2024-01-01||+1M`). Values are normalised to
 * `Date.toISOString()` form, which the index stores, so string order is time order.
 */
import { BadRequestError } from "../../errors.ts";

/** Calendar units of date math and of date histograms. */
export type DateUnit = "y" | "M" | "w" | "d" | "h" | "m" | "s";

const UNITS = new Set(["y", "M", "w", "d", "h", "H", "m", "s"]);

/**
 * Parses a stored or queried date; `roundUp` rounds `/unit` to the unit's last millisecond
 * (Elasticsearch does so for `gt` and `lte`). Throws `BadRequestError` on anything else.
 */
export function parseDate(
  value: unknown,
  { roundUp = false, now = Date.now() }: { roundUp?: boolean; now?: number } = {},
): string {
  if (value instanceof Date) return checked(value.getTime(), value);
  if (typeof value === "number") return checked(value, value);
  if (typeof value !== "string") throw invalid(value);
  let anchor: number;
  let math: string;
  if (value.startsWith("now")) {
    anchor = now;
    math = value.slice(3);
  } else {
    const split = value.indexOf("||");
    const text = split >= 0 ? value.slice(0, split) : value;
    math = split >= 0 ? value.slice(split + 2) : "";
    anchor = parseAbsolute(text, roundUp && !math);
  }
  return checked(applyMath(anchor, math, roundUp, value), value);
}

/** Truncates an epoch to the start of its UTC `unit` (weeks start on Monday). */
export function truncate(epoch: number, unit: DateUnit): number {
  const d = new Date(epoch);
  switch (unit) {
    case "y":
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    case "M":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case "w": {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * 86_400_000;
    }
    case "d":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case "h":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case "m":
      return epoch - (epoch % 60_000);
    case "s":
      return epoch - (epoch % 1000);
  }
}

/** Adds `count` calendar units to an epoch (UTC). */
export function addUnits(epoch: number, count: number, unit: DateUnit): number {
  const d = new Date(epoch);
  switch (unit) {
    case "y":
      return addMonths(d, 12 * count);
    case "M":
      return addMonths(d, count);
    case "w":
      return epoch + count * 7 * 86_400_000;
    case "d":
      return epoch + count * 86_400_000;
    case "h":
      return epoch + count * 3_600_000;
    case "m":
      return epoch + count * 60_000;
    case "s":
      return epoch + count * 1000;
  }
}

const ABSOLUTE =
  /^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d)(?::(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?)?)?)?(Z|[+-]\d\d:?\d\d)?$/;

/**
 * An ISO date (UTC unless it names a zone) or epoch milliseconds. With `roundUp`, components
 * the text leaves out are filled with their largest value (`2024-01-01` → its last
 * millisecond), as Elasticsearch does for `lte`/`gt` bounds and for dates matched as terms.
 */
/** Calendar months added as java.time does: the 31st becomes the month's last day. */
function addMonths(d: Date, count: number): number {
  const month = d.getUTCMonth() + count;
  const day = Math.min(d.getUTCDate(), daysIn(d.getUTCFullYear(), month));
  return Date.UTC(
    d.getUTCFullYear(),
    month,
    day,
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function parseAbsolute(text: string, roundUp: boolean): number {
  if (/^\d+$/.test(text) && text.length > 8) return Number(text);
  const m = ABSOLUTE.exec(text);
  if (!m || !m[2]) throw invalid(text);
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  if (
    +mo! < 1 || +mo! > 12 || (d && (+d < 1 || +d > daysIn(+y!, +mo! - 1))) ||
    (h && +h > 23) || (mi && +mi > 59) || (sec && +sec > 59)
  ) {
    throw invalid(text);
  }
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  let epoch = Date.UTC(+y!, +mo! - 1, d ? +d : 1, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0, ms);
  if (roundUp && !frac) {
    const unit: DateUnit = sec ? "s" : mi ? "m" : h ? "h" : d ? "d" : "M";
    epoch = addUnits(epoch, 1, unit) - 1;
  }
  if (zone && zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    epoch -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return epoch;
}

function applyMath(anchor: number, math: string, roundUp: boolean, original: string): number {
  let epoch = anchor;
  let rest = math;
  while (rest.length) {
    const step = /^([+-])(\d+)([yMwdhHms])|^\/([yMwdhHms])/.exec(rest);
    if (!step) throw invalid(original);
    if (step[4]) {
      const unit = unitOf(step[4]);
      epoch = truncate(epoch, unit);
      if (roundUp) epoch = addUnits(epoch, 1, unit) - 1;
    } else {
      const sign = step[1] === "-" ? -1 : 1;
      epoch = addUnits(epoch, sign * Number(step[2]), unitOf(step[3]!));
    }
    rest = rest.slice(step[0].length);
  }
  return epoch;
}

function unitOf(letter: string): DateUnit {
  if (!UNITS.has(letter)) throw new BadRequestError(`Unknown date unit "${letter}"`);
  return (letter === "H" ? "h" : letter) as DateUnit;
}

function checked(epoch: number, original: unknown): string {
  if (!Number.isFinite(epoch)) throw invalid(original);
  return new Date(epoch).toISOString();
}

function invalid(value: unknown): BadRequestError {
  return new BadRequestError(`failed to parse date field [${String(value)}]`);
}
